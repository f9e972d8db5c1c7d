using Crm.Metrics.Lifetime;

namespace Crm.Metrics.CustomerValue;

/// <summary>
/// The lifetime value per customer that LTV:CAC sets against acquisition cost, and where it comes from: given by the
/// caller, the simple CLV of the period's margin and retention, or the customer-base models' predicted CLV of a new
/// customer. Without one, LTV:CAC is undefined. (The scorecard's historical CLV is another figure: the margin each
/// customer has realised to date.)
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class ValueBasis
{
    private ValueBasis(ValueBasisKind kind, Money? lifetimeValue, double discountRate, ClvSettings? clv = null)
    {
        Kind = kind;
        LifetimeValue = lifetimeValue;
        DiscountRatePerPeriod = discountRate;
        Clv = clv;
    }

    /// <summary>Which basis.</summary>
    public ValueBasisKind Kind { get; }

    /// <summary>The lifetime value per customer, for <see cref="ValueBasisKind.Given"/> and <see cref="ValueBasisKind.PredictedClv"/>.</summary>
    public Money? LifetimeValue { get; }

    /// <summary>The discount rate per reporting period, for <see cref="ValueBasisKind.SimpleClv"/>.</summary>
    public double DiscountRatePerPeriod { get; }

    /// <summary>The horizon, discounting and margin of the prediction, for <see cref="ValueBasisKind.PredictedClv"/>.</summary>
    public ClvSettings? Clv { get; }

    /// <summary>
    /// The customer-base models' predicted CLV of a customer just acquired
    /// (<see cref="CustomerLifetimeValue.ForNewCustomer"/>): the discounted margin of their expected repeat purchases
    /// over the horizon of <paramref name="settings"/>. Its currency must be the scorecard's.
    /// </summary>
    /// <param name="purchases">The fitted purchase model (BG/NBD or Pareto/NBD).</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="settings">Horizon, discount period and rate, margin.</param>
    /// <returns>The basis.</returns>
    /// <exception cref="ArgumentException">The spend model has no population mean spend (q ≤ 1).</exception>
    public static ValueBasis PredictedClv(IPurchaseModel purchases, GammaGammaModel spend, ClvSettings settings) =>
        new(ValueBasisKind.PredictedClv, CustomerLifetimeValue.ForNewCustomer(purchases, spend, settings), 0, settings);

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
