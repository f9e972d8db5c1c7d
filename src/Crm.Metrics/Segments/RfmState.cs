namespace Crm.Metrics.Segments;

/// <summary>
/// The state of a <see cref="Segments.RfmAccumulator"/> as plain data: the options that decide which sales count,
/// and per customer the last purchase day, the revenue and the distinct purchase days in the window (day numbers:
/// days since 1970-01-01 of the local date in the zone). Serialise it with <see cref="States.CrmStateJson"/>.
/// </summary>
public sealed record RfmState
{
    /// <summary>The layout version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The layout version of this state.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The analysis date, ISO <c>yyyy-MM-dd</c>.</summary>
    public string AnalysisDate { get; init; } = string.Empty;

    /// <summary>The IANA zone id.</summary>
    public string Zone { get; init; } = string.Empty;

    /// <summary>The look-back window in days, or null for all history.</summary>
    public int? LookBackDays { get; init; }

    /// <summary>The sales' currency (ISO 4217), or null without sales.</summary>
    public string? Currency { get; init; }

    /// <summary>One row per customer with a sale in the window.</summary>
    public IReadOnlyList<CustomerRfmState> Customers { get; init; } = [];

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
