namespace Crm.Metrics.Segments;

/// <summary>The behaviour rules of <see cref="LifecycleDerivation"/>; the defaults are documented on each.</summary>
/// <remarks>Immutable; the rules are checked when a derivation runs.</remarks>
public sealed record LifecycleBehaviour
{
    /// <summary>Purchase days that make a New (or returning) customer Growing; default 2.</summary>
    public int GrowingPurchaseDays { get; init; } = 2;

    /// <summary>Purchase days that, with <see cref="MatureTenureDays"/>, make a customer Mature; default 5.</summary>
    public int MaturePurchaseDays { get; init; } = 5;

    /// <summary>Days since the first purchase that, with <see cref="MaturePurchaseDays"/>, make a customer Mature; default 180.</summary>
    public int MatureTenureDays { get; init; } = 180;

    /// <summary>A silence longer than this multiple of the customer's usual gap between purchases makes them At risk; default 2.</summary>
    public double AtRiskGapMultiple { get; init; } = 2;

    /// <summary>… longer than this multiple makes them Churned; default 4.</summary>
    public double ChurnedGapMultiple { get; init; } = 4;

    /// <summary>A one-time buyer's silence, in days, that makes them At risk; default 90.</summary>
    public int SingleBuyerAtRiskDays { get; init; } = 90;

    /// <summary>… that makes them Churned; default 365.</summary>
    public int SingleBuyerChurnedDays { get; init; } = 365;

    internal void Validate(string parameter)
    {
        if (GrowingPurchaseDays < 2 || MaturePurchaseDays < GrowingPurchaseDays || MatureTenureDays < 0)
        {
            throw new ArgumentOutOfRangeException(parameter, "GrowingPurchaseDays must be at least 2, MaturePurchaseDays at least that, MatureTenureDays not negative.");
        }

        if (!(AtRiskGapMultiple >= 1) || !(ChurnedGapMultiple > AtRiskGapMultiple) || !double.IsFinite(ChurnedGapMultiple)
            || SingleBuyerAtRiskDays < 1 || SingleBuyerChurnedDays <= SingleBuyerAtRiskDays)
        {
            throw new ArgumentOutOfRangeException(parameter, "The at-risk thresholds must be positive and below the churned ones (gap multiples finite, at-risk multiple at least 1).");
        }
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
