using Crm.Metrics.Conversion;
using Crm.Metrics.Costs;
using Crm.Metrics.Feedback;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using Crm.Metrics.ServiceEfficiency;

namespace Crm.Metrics.States;

/// <summary>
/// The state of a <see cref="ScorecardAccumulator"/> as plain data — numbers, strings, arrays — to ship a partition's
/// partial result to wherever the partitions are merged (another process or machine) and merge it there with
/// <see cref="ScorecardAccumulator.Merge(ScorecardState)"/>. Serialise it with System.Text.Json through
/// <see cref="CrmStateJson"/> (source-generated: no reflection, trimming- and AOT-safe). Money is
/// <see cref="decimal"/>, so a round trip is exact.
/// </summary>
/// <remarks>
/// Instants are Unix ticks (100 ns since 1970-01-01T00:00Z); durations are ticks; enumerations are by name. A state
/// names the period, zone and options it was computed with, and a merge checks them. <see cref="Version"/> changes
/// whenever the layout does; a state of another version is refused rather than misread.
/// </remarks>
public sealed record ScorecardState
{
    /// <summary>
    /// The layout version this library writes and reads. 3: the prior period's revenue is that of the previous period
    /// of the same kind (<see cref="ReportingPeriod.Previous"/>: the calendar month before a calendar month).
    /// </summary>
    public const int CurrentVersion = 3;

    /// <summary>The layout version of this state.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The period's first day, ISO <c>yyyy-MM-dd</c>.</summary>
    public string From { get; init; } = string.Empty;

    /// <summary>The period's last day (inclusive), ISO <c>yyyy-MM-dd</c>.</summary>
    public string To { get; init; } = string.Empty;

    /// <summary>The period's IANA time zone id.</summary>
    public string Zone { get; init; } = string.Empty;

    /// <summary>The options the partition ran with (they must match to merge).</summary>
    public ScorecardOptionsState Options { get; init; } = new();

    /// <summary>The funnel's stages, or null without a funnel.</summary>
    public IReadOnlyList<string>? FunnelStages { get; init; }

    /// <summary>The currency amounts are in (ISO 4217), or null while no amount was seen and none was set.</summary>
    public string? Currency { get; init; }

    /// <summary>The kinds of data the partition read, by <see cref="DataSources"/> name.</summary>
    public IReadOnlyList<string> Supplied { get; init; } = [];

    /// <summary>Survey answers.</summary>
    public SatisfactionState Satisfaction { get; init; } = new();

    /// <summary>Purchases and customers: the per-customer state.</summary>
    public PurchaseState Purchases { get; init; } = new();

    /// <summary>Cost entries, day-weighted.</summary>
    public CostState Costs { get; init; } = new();

    /// <summary>Complaints.</summary>
    public ComplaintState Complaints { get; init; } = new();

    /// <summary>Suggestions and praise.</summary>
    public FeedbackState Feedback { get; init; } = new();

    /// <summary>Leads in the funnel.</summary>
    public FunnelState Funnel { get; init; } = new();

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
