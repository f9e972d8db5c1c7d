namespace Crm.Metrics.Segments;

/// <summary>The customers who got one score in one dimension, with the raw values they span.</summary>
/// <param name="Score">The score, 1..5.</param>
/// <param name="Customers">Customers with it; 0 for an empty bin (skewed data: most customers buy once).</param>
/// <param name="Lowest">The lowest raw value in the bin (days, purchase days or money); null when empty.</param>
/// <param name="Highest">The highest raw value in the bin; null when empty.</param>
public sealed record RfmBin(int Score, int Customers, double? Lowest, double? Highest)
{
    /// <summary>The highest raw value in the bin; null when empty.</summary>
    public double? Highest { get; init => field = Crm.Internal.Finite.Of(value, nameof(Highest)); } = Crm.Internal.Finite.Of(Highest, nameof(Highest));

    /// <summary>The lowest raw value in the bin (days, purchase days or money); null when empty.</summary>
    public double? Lowest { get; init => field = Crm.Internal.Finite.Of(value, nameof(Lowest)); } = Crm.Internal.Finite.Of(Lowest, nameof(Lowest));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
