namespace Crm.Metrics.Lifetime;

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
