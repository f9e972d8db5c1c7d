namespace Crm.Metrics.Segments;

/// <summary>One cluster: its size and centroid in original units.</summary>
/// <param name="Index">0 … k − 1.</param>
/// <param name="Customers">Its customers.</param>
/// <param name="Recency">Mean days since the last sale of its customers; null for an empty cluster.</param>
/// <param name="Frequency">Mean sale days of its customers; null for an empty cluster.</param>
/// <param name="Monetary">Mean monetary value of its customers (in the RFM's currency); null for an empty cluster.</param>
/// <param name="WithinSumOfSquares">Σ squared distances of its customers to its centroid, in the standardised space.</param>
public sealed record RfmCluster(int Index, int Customers, double? Recency, double? Frequency, double? Monetary, double WithinSumOfSquares)
{
    /// <summary>Σ squared distances of its customers to its centroid, in the standardised space.</summary>
    public double WithinSumOfSquares { get; init => field = Crm.Internal.Finite.Of(value, nameof(WithinSumOfSquares)); } = Crm.Internal.Finite.Of(WithinSumOfSquares, nameof(WithinSumOfSquares));

    /// <summary>Mean monetary value of its customers (in the RFM's currency); null for an empty cluster.</summary>
    public double? Monetary { get; init => field = Crm.Internal.Finite.Of(value, nameof(Monetary)); } = Crm.Internal.Finite.Of(Monetary, nameof(Monetary));

    /// <summary>Mean sale days of its customers; null for an empty cluster.</summary>
    public double? Frequency { get; init => field = Crm.Internal.Finite.Of(value, nameof(Frequency)); } = Crm.Internal.Finite.Of(Frequency, nameof(Frequency));

    /// <summary>Mean days since the last sale of its customers; null for an empty cluster.</summary>
    public double? Recency { get; init => field = Crm.Internal.Finite.Of(value, nameof(Recency)); } = Crm.Internal.Finite.Of(Recency, nameof(Recency));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
