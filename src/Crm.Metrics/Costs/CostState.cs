namespace Crm.Metrics.Costs;

/// <summary>Cost entries, each kind summed by entry length: Σ amount × days inside the period, per length in days.</summary>
public sealed record CostState
{
    /// <summary>The sums.</summary>
    public IReadOnlyList<WeightedCostState> Weighted { get; init; } = [];

    /// <summary>Entries with no day in the period.</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
