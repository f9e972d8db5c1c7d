using System.Globalization;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// How a predicted customer lifetime value is computed: over <see cref="Horizon"/>, in periods of
/// <see cref="DiscountPeriod"/>, each period's expected purchases valued at the expected spend, times
/// <see cref="Margin"/>, discounted at <see cref="DiscountRatePerPeriod"/> per period.
/// </summary>
/// <remarks>
/// <para>Both lengths are <see cref="ModelTime"/>s, so they are converted to the purchase model's unit exactly: a
/// monthly rate with a weekly model is stated as <c>DiscountPeriod = ModelTime.Days(365.25 / 12)</c> or
/// <c>ModelTime.Weeks(4)</c>, never "30" read in the wrong unit.</para>
/// <para>Immutable and thread-safe; the rules are checked at construction.</para>
/// </remarks>
public sealed record ClvSettings
{
    /// <summary>Creates the settings.</summary>
    /// <param name="horizon">How far ahead; positive and a whole number of <paramref name="discountPeriod"/>s, at most <see cref="MaxPeriods"/> of them.</param>
    /// <param name="discountPeriod">The period the discount rate is stated for (and the step of the sum); positive.</param>
    /// <param name="discountRatePerPeriod">d: the discount rate per period, 0 ≤ d &lt; 1 (0 for no discounting; 0.01 is 1 %).</param>
    /// <param name="margin">The share of revenue that is profit, in [0, 1] (1 for a revenue CLV).</param>
    /// <exception cref="ArgumentOutOfRangeException">A rule above is broken (the message names it).</exception>
    public ClvSettings(ModelTime horizon, ModelTime discountPeriod, double discountRatePerPeriod, decimal margin)
    {
        if (discountPeriod.Value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(discountPeriod), discountPeriod, "The discount period must be positive.");
        }

        if (horizon.Value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The CLV horizon must be positive.");
        }

        var periods = horizon.TotalDays / discountPeriod.TotalDays;
        if (!(Math.Round(periods) <= MaxPeriods))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, string.Create(CultureInfo.InvariantCulture, $"The CLV horizon spans at most {MaxPeriods:N0} discount periods ({discountPeriod} each); it spans {periods:G3}. Use a longer discount period."));
        }

        if (Math.Abs(periods - Math.Round(periods)) > 1e-9 * periods)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"The CLV horizon must be a whole number of discount periods ({discountPeriod}); it is {periods.ToString("0.###", CultureInfo.InvariantCulture)}.");
        }

        if (!(discountRatePerPeriod >= 0 && discountRatePerPeriod < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRatePerPeriod), discountRatePerPeriod, "The discount rate per period is a fraction from 0 up to, not including, 1 (0.01 is 1 %).");
        }

        if (margin is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin is a share of revenue in [0, 1].");
        }

        Horizon = horizon;
        DiscountPeriod = discountPeriod;
        DiscountRatePerPeriod = discountRatePerPeriod;
        Margin = margin;
        Periods = (int)Math.Round(periods);
    }

    /// <summary>The most discount periods a horizon may span (the sum's cost grows with them): 10,000 — 27 years of days, 192 of weeks.</summary>
    public const int MaxPeriods = 10_000;

    /// <summary>How far ahead.</summary>
    public ModelTime Horizon { get; }

    /// <summary>The period of the discount rate and the step of the sum.</summary>
    public ModelTime DiscountPeriod { get; }

    /// <summary>d: the discount rate per <see cref="DiscountPeriod"/>.</summary>
    public double DiscountRatePerPeriod { get; }

    /// <summary>The share of revenue that is profit.</summary>
    public decimal Margin { get; }

    /// <summary>The number of periods in the horizon.</summary>
    public int Periods { get; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>One customer's prediction: probability alive, expected purchases and spend, and CLV.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="ProbabilityAlive">P(alive) at the end of calibration, in [0, 1].</param>
/// <param name="ExpectedPurchases">E[Y(horizon)]: the purchases expected over the horizon.</param>
/// <param name="ExpectedMeanSpend">E[Z | x, m̄]: the expected spend per purchase.</param>
/// <param name="Value">The discounted CLV over the horizon (margin applied).</param>
public sealed record CustomerValueForecast(CustomerId CustomerId, double ProbabilityAlive, double ExpectedPurchases, Money ExpectedMeanSpend, Money Value)
{
    /// <summary>E[Y(horizon)]: the purchases expected over the horizon.</summary>
    public double ExpectedPurchases { get; init => field = Crm.Internal.Finite.Of(value, nameof(ExpectedPurchases)); } = Crm.Internal.Finite.Of(ExpectedPurchases, nameof(ExpectedPurchases));

    /// <summary>P(alive) at the end of calibration, in [0, 1].</summary>
    public double ProbabilityAlive { get; init => field = Crm.Internal.Finite.Of(value, nameof(ProbabilityAlive)); } = Crm.Internal.Finite.Of(ProbabilityAlive, nameof(ProbabilityAlive));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>
/// Predicted customer lifetime value from a purchase model (BG/NBD) and the Gamma-Gamma spend model:
/// CLV = Σ_{k=1..K} (E[Y(kΔ)] − E[Y((k−1)Δ)]) · E[Z | x, m̄] · margin / (1 + d)^k, with Δ the discount period
/// and K = horizon / Δ.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class CustomerLifetimeValue
{
    /// <summary>One customer's discounted CLV.</summary>
    /// <param name="purchases">The fitted purchase model.</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="customer">The customer's summary.</param>
    /// <param name="settings">Horizon, discount period and rate, margin.</param>
    /// <returns>The CLV in the spend model's currency; ≥ 0.</returns>
    /// <exception cref="ArgumentException">The customer cannot be valued by the spend model (see <see cref="GammaGammaModel.ExpectedMeanSpend"/>).</exception>
    public static Money Predict(IPurchaseModel purchases, GammaGammaModel spend, in CustomerSummary customer, ClvSettings settings) =>
        Forecast(purchases, spend, customer, settings).Value;

    /// <summary>Every customer's forecast, in the summary's order.</summary>
    /// <param name="purchases">The fitted purchase model.</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="summary">The customers.</param>
    /// <param name="settings">Horizon, discount period and rate, margin.</param>
    /// <returns>One forecast per customer.</returns>
    /// <exception cref="ArgumentException">A customer cannot be valued by the spend model.</exception>
    public static IReadOnlyList<CustomerValueForecast> Forecast(IPurchaseModel purchases, GammaGammaModel spend, CustomerBaseSummary summary, ClvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var forecasts = new CustomerValueForecast[summary.Span.Length];
        for (var i = 0; i < forecasts.Length; i++)
        {
            forecasts[i] = Forecast(purchases, spend, summary.Span[i], settings);
        }

        return Array.AsReadOnly(forecasts);
    }

    /// <summary>One customer's forecast.</summary>
    /// <param name="purchases">The fitted purchase model.</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="customer">The customer's summary.</param>
    /// <param name="settings">Horizon, discount period and rate, margin.</param>
    /// <returns>P(alive), expected purchases over the horizon, expected spend and CLV.</returns>
    /// <exception cref="ArgumentException">The customer cannot be valued by the spend model.</exception>
    public static CustomerValueForecast Forecast(IPurchaseModel purchases, GammaGammaModel spend, in CustomerSummary customer, ClvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(settings);
        var meanSpend = spend.ExpectedMeanSpend(customer);
        var step = settings.DiscountPeriod.ToUnit(purchases.TimeUnit);
        var value = 0.0;
        var previous = 0.0;
        var discount = 1.0;
        for (var k = 1; k <= settings.Periods; k++)
        {
            var cumulative = purchases.ExpectedPurchases(customer, ModelTime.In(k * step, purchases.TimeUnit));
            discount /= 1 + settings.DiscountRatePerPeriod;
            value += (cumulative - previous) * discount;
            previous = cumulative;
        }

        var clv = value * (double)meanSpend.Amount * (double)settings.Margin;
        return new CustomerValueForecast(customer.CustomerId, purchases.ProbabilityAlive(customer), previous, meanSpend, new Money((decimal)clv, spend.Currency));
    }
}
