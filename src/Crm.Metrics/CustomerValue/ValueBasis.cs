namespace Crm.Metrics.CustomerValue;

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
