namespace Crm.Metrics.Value;

/// <summary>How a customer's lifetime value is taken for LTV:CAC.</summary>
public enum ValueBasisKind
{
    /// <summary>A lifetime value the caller supplies (from its own model, or from the customer-base models).</summary>
    Given = 0,

    /// <summary>The simple predictive CLV m · r / (1 + d − r) from the period's margin per customer and retention.</summary>
    SimpleClv = 1,
}

/// <summary>
/// The value basis for LTV:CAC. Without one, LTV:CAC is undefined ("no value basis given").
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class ValueBasis
{
    private ValueBasis(ValueBasisKind kind, Money? lifetimeValue, double discountRate)
    {
        Kind = kind;
        LifetimeValue = lifetimeValue;
        DiscountRatePerPeriod = discountRate;
    }

    /// <summary>Which basis.</summary>
    public ValueBasisKind Kind { get; }

    /// <summary>The given lifetime value, for <see cref="ValueBasisKind.Given"/>.</summary>
    public Money? LifetimeValue { get; }

    /// <summary>The discount rate per reporting period, for <see cref="ValueBasisKind.SimpleClv"/>.</summary>
    public double DiscountRatePerPeriod { get; }

    /// <summary>A lifetime value per customer that the caller supplies.</summary>
    /// <param name="lifetimeValue">The value, not negative, in the scorecard's currency.</param>
    /// <returns>The basis.</returns>
    /// <exception cref="ArgumentException">The value is the default (uninitialised) amount, without a currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public static ValueBasis Given(Money lifetimeValue) =>
        lifetimeValue.Currency == default ? throw new ArgumentException("The lifetime value is the default (uninitialised) amount; give an amount with its currency.", nameof(lifetimeValue))
        : lifetimeValue.Amount < 0 ? throw new ArgumentOutOfRangeException(nameof(lifetimeValue), "A lifetime value must not be negative.")
        : new(ValueBasisKind.Given, lifetimeValue, 0);

    /// <summary>
    /// The simple predictive CLV m · r / (1 + d − r), with m the margin per active customer in the period, r the
    /// period's retention rate and d the discount rate per period (same period unit for all three).
    /// </summary>
    /// <param name="discountRatePerPeriod">d, a fraction ≥ 0 and &lt; 1 (0.01 for 1 % per month on monthly periods).</param>
    /// <returns>The basis.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1).</exception>
    public static ValueBasis SimpleClv(double discountRatePerPeriod) => discountRatePerPeriod is >= 0 and < 1
        ? new(ValueBasisKind.SimpleClv, null, discountRatePerPeriod)
        : throw new ArgumentOutOfRangeException(nameof(discountRatePerPeriod), discountRatePerPeriod, "A discount rate per period is a fraction in [0, 1); 1 % is 0.01.");
}

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
