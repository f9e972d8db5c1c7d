namespace Crm.Metrics.Conversion;

/// <summary>Leads that entered the funnel in the period.</summary>
public sealed record FunnelState
{
    /// <summary>Leads entering the funnel in the period.</summary>
    public long Cohort { get; init; }

    /// <summary>Leads reaching each stage (in the funnel's order).</summary>
    public IReadOnlyList<long> Reached { get; init; } = [];

    /// <summary>Times to convert in ticks.</summary>
    public IReadOnlyList<long> TimesToConvertTicks { get; init; } = [];

    /// <summary>Leads outside the period (or without a funnel).</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
