namespace Crm.Metrics.CustomerValue;

/// <summary>Customer lifetime value formulas.</summary>
public static class LifetimeValue
{
    /// <summary>
    /// The simple predictive CLV: m · r / (1 + d − r) — the discounted value of a margin m per period earned
    /// while the customer stays with retention r per period. All three in the same period unit; rates as
    /// fractions, not percentages.
    /// </summary>
    /// <param name="marginPerPeriod">m, the margin per customer per period.</param>
    /// <param name="retentionPerPeriod">r, 0..1.</param>
    /// <param name="discountRatePerPeriod">d, ≥ 0.</param>
    /// <returns>The lifetime value, in the margin's currency.</returns>
    /// <exception cref="ArgumentOutOfRangeException">r is outside 0..1, d is negative, or r ≥ 1 + d (the sum diverges).</exception>
    /// <exception cref="AmountOverflowException">The lifetime value is beyond the range of <see cref="decimal"/> (r very close to 1 + d, or a huge margin).</exception>
    public static Money Simple(Money marginPerPeriod, double retentionPerPeriod, double discountRatePerPeriod)
    {
        if (marginPerPeriod.Currency == default)
        {
            throw new ArgumentException("The margin is the default (uninitialised) amount; give an amount with its currency.", nameof(marginPerPeriod));
        }

        if (!(retentionPerPeriod >= 0 && retentionPerPeriod <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(retentionPerPeriod), retentionPerPeriod, "Retention is a fraction between 0 and 1.");
        }

        if (!(discountRatePerPeriod >= 0) || double.IsInfinity(discountRatePerPeriod))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRatePerPeriod), discountRatePerPeriod, "The discount rate must be a finite fraction ≥ 0.");
        }

        if (retentionPerPeriod >= 1 + discountRatePerPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(retentionPerPeriod), retentionPerPeriod, "Retention must be below 1 + discount rate, or the lifetime value is unbounded.");
        }

        var factor = retentionPerPeriod / (1 + discountRatePerPeriod - retentionPerPeriod);
        try
        {
            return marginPerPeriod.Multiply((decimal)factor);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("computing a simple lifetime value", marginPerPeriod.Currency, e);
        }
    }
}
