namespace Crm.Metrics.Costs;

/// <summary>Σ amount × days inside the period over the entries of one kind and length.</summary>
public sealed record WeightedCostState
{
    /// <summary>The cost kind, by name.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The entries' length in days.</summary>
    public int LengthDays { get; init; }

    /// <summary>Σ amount × days inside the period.</summary>
    public decimal Sum { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
