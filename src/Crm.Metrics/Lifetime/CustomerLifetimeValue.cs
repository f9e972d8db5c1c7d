using Crm.Metrics.Internal;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// Predicted customer lifetime value from a purchase model (BG/NBD) and the Gamma-Gamma spend model:
/// CLV = Σ_{k=1..K} (E[Y(kΔ)] − E[Y((k−1)Δ)]) · E[Z | x, m̄] · margin / (1 + d)^k, with Δ the discount period
/// and K = horizon / Δ: the discounted margin of the purchases still to come over a finite horizon, on revenue times
/// a margin share. For an existing customer it is their residual value (<see cref="Forecast(IPurchaseModel, GammaGammaModel, in CustomerSummary, ClvSettings)"/>);
/// for a customer just acquired, the value that LTV:CAC compares with acquisition cost (<see cref="ForNewCustomer"/>).
/// Not to be confused with the scorecard's historical CLV (margin realised to date, undiscounted).
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
    /// <param name="progress">Receives the number of customers forecast so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 customers); nothing is returned.</param>
    /// <returns>One forecast per customer.</returns>
    /// <exception cref="ArgumentException">A customer cannot be valued by the spend model.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<CustomerValueForecast> Forecast(IPurchaseModel purchases, GammaGammaModel spend, CustomerBaseSummary summary, ClvSettings settings, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var watch = ProgressWatch.For(progress, cancellationToken);
        var forecasts = new CustomerValueForecast[summary.Span.Length];
        for (var i = 0; i < forecasts.Length; i++)
        {
            forecasts[i] = Forecast(purchases, spend, summary.Span[i], settings);
            if ((i + 1) % ProgressWatch.Every == 0)
            {
                watch?.Advance(ProgressWatch.Every);
            }
        }

        if (watch is not null)
        {
            watch.Advance(forecasts.Length % ProgressWatch.Every);
            watch.Finish();
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
        var summary = customer;
        var (discounted, total) = DiscountedPurchases(purchases, settings, t => purchases.ExpectedPurchases(summary, t));
        var clv = discounted * (double)meanSpend.Amount * (double)settings.Margin;
        return new CustomerValueForecast(customer.CustomerId, purchases.ProbabilityAlive(customer), total, meanSpend, new Money((decimal)clv, spend.Currency));
    }

    /// <summary>
    /// The predicted CLV of a customer just acquired — the lifetime value to set against what acquiring them cost
    /// (<see cref="CustomerValue.ValueBasis.PredictedClv"/>): Σ_{k=1..K} (E[X(kΔ)] − E[X((k−1)Δ)]) · E[Z] · margin / (1 + d)^k,
    /// with E[X(t)] the purchase model's expected repeat purchases of a new customer in t
    /// (<see cref="IPurchaseModel.ExpectedPurchasesForNewCustomer"/>) and E[Z] the spend model's population mean spend.
    /// </summary>
    /// <param name="purchases">The fitted purchase model.</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="settings">Horizon, discount period and rate, margin.</param>
    /// <returns>The CLV in the spend model's currency; ≥ 0. Repeat purchases only: the acquisition purchase is in the period's revenue.</returns>
    /// <exception cref="ArgumentException">The spend model has no population mean (q ≤ 1: a tail so heavy its mean is infinite).</exception>
    public static Money ForNewCustomer(IPurchaseModel purchases, GammaGammaModel spend, ClvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(settings);
        var meanSpend = spend.PopulationMeanSpend
            ?? throw new ArgumentException("The spend model has q ≤ 1, so its population mean spend, and a new customer's value, is undefined.", nameof(spend));
        var (discounted, _) = DiscountedPurchases(purchases, settings, purchases.ExpectedPurchasesForNewCustomer);
        return new Money((decimal)(discounted * (double)meanSpend.Amount * (double)settings.Margin), spend.Currency);
    }

    // Σ_k (E[X(kΔ)] − E[X((k−1)Δ)]) / (1 + d)^k over the horizon, and E[X(KΔ)].
    private static (double Discounted, double Total) DiscountedPurchases(IPurchaseModel purchases, ClvSettings settings, Func<ModelTime, double> expected)
    {
        var step = settings.DiscountPeriod.ToUnit(purchases.TimeUnit);
        var value = 0.0;
        var previous = 0.0;
        var discount = 1.0;
        for (var k = 1; k <= settings.Periods; k++)
        {
            var cumulative = expected(ModelTime.In(k * step, purchases.TimeUnit));
            discount /= 1 + settings.DiscountRatePerPeriod;
            value += (cumulative - previous) * discount;
            previous = cumulative;
        }

        return (value, previous);
    }
}
