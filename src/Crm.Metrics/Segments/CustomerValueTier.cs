namespace Crm.Metrics.Segments;

/// <summary>One customer's tier.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Value">The value ranked (revenue or margin, as the caller chose).</param>
/// <param name="Tier">The tier.</param>
/// <param name="CumulativeShareBefore">The share of the total held by the customers ranked before this one, 0..1.</param>
public sealed record CustomerValueTier(CustomerId CustomerId, decimal Value, ValueTier Tier, double CumulativeShareBefore)
{
    /// <summary>The tier.</summary>
    public ValueTier Tier { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Tier)); } = Crm.Internal.Checked.Defined(Tier, nameof(Tier));

    /// <summary>The share of the total held by the customers ranked before this one, 0..1.</summary>
    public double CumulativeShareBefore { get; init => field = Crm.Internal.Finite.Of(value, nameof(CumulativeShareBefore)); } = Crm.Internal.Finite.Of(CumulativeShareBefore, nameof(CumulativeShareBefore));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
