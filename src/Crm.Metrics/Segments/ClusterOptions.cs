namespace Crm.Metrics.Segments;

/// <summary>How RFM customers are clustered.</summary>
/// <param name="Clusters">k, the number of clusters; at least 1 and at most the number of customers.</param>
/// <remarks>Immutable; the rules are checked when the clustering runs.</remarks>
public sealed record ClusterOptions(int Clusters)
{
    /// <summary>The seed of the k-means++ seeding: the same seed gives the same clusters. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>The most Lloyd iterations; default 100.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Whether a feature with skewness above 1 is clustered as ln(1 + value); default true.</summary>
    public bool LogScaleSkewed { get; init; } = true;

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
