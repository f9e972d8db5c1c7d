namespace Crm.Metrics.Segments;

/// <summary>One tier's customers and value.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="Customers">Its customers.</param>
/// <param name="Value">Their value.</param>
/// <param name="ValueShare">Their share of the total, 0..1 (the three sum to 1).</param>
public sealed record ValueTierSummary(ValueTier Tier, int Customers, decimal Value, double ValueShare)
{
    /// <summary>The tier.</summary>
    public ValueTier Tier { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Tier)); } = Crm.Internal.Checked.Defined(Tier, nameof(Tier));

    /// <summary>Their share of the total, 0..1 (the three sum to 1).</summary>
    public double ValueShare { get; init => field = Crm.Internal.Finite.Of(value, nameof(ValueShare)); } = Crm.Internal.Finite.Of(ValueShare, nameof(ValueShare));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
