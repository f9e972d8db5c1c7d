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
    /// <returns>One forecast per customer, each equal to <see cref="Forecast(IPurchaseModel, GammaGammaModel, in CustomerSummary, ClvSettings)"/>'s for that customer.</returns>
    /// <remarks>
    /// For BG/NBD, MBG/NBD and Pareto/NBD the expected purchases of a customer still alive depend only on x and T, so
    /// they are computed once per distinct (x, T) and horizon step — customers who first bought on the same day with
    /// the same repeat count share them — and multiplied by each customer's P(alive), on several threads. Any other
    /// <see cref="IPurchaseModel"/> is asked customer by customer.
    /// </remarks>
    /// <exception cref="ArgumentException">A customer cannot be valued by the spend model (the first such customer in the summary's order).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<CustomerValueForecast> Forecast(IPurchaseModel purchases, GammaGammaModel spend, CustomerBaseSummary summary, ClvSettings settings, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(settings);
        var watch = ProgressWatch.For(progress, cancellationToken);
        var customers = summary.Span;

        // The spend first, in order, so that a customer the spend model cannot value is reported as one pass would.
        var spends = new Money[customers.Length];
        for (var i = 0; i < spends.Length; i++)
        {
            spends[i] = spend.ExpectedMeanSpend(customers[i]);
        }

        var forecasts = new CustomerValueForecast[customers.Length];
        if (purchases is IFactoredPurchaseModel factored)
        {
            ForecastFactored(factored, spend.Currency, summary, spends, settings, forecasts, watch);
        }
        else
        {
            for (var i = 0; i < forecasts.Length; i++)
            {
                forecasts[i] = Forecast(purchases, customers[i], spends[i], spend.Currency, settings);
                if ((i + 1) % ProgressWatch.Every == 0)
                {
                    watch?.Advance(ProgressWatch.Every);
                }
            }

            watch?.Advance(forecasts.Length % ProgressWatch.Every);
        }

        watch?.Finish();
        return Array.AsReadOnly(forecasts);
    }

    /// <summary>
    /// The batch forecast of a factored model: W(x, T, kΔ) once per distinct (x, T) and step k, then per customer
    /// Σ_k (W_k·P − W_{k−1}·P) / (1 + d)^k with the customer's P(alive) — the operations of the one-customer forecast,
    /// in its order, so the results are the same to the bit.
    /// </summary>
    private static void ForecastFactored(IFactoredPurchaseModel model, Currency currency, CustomerBaseSummary summary, Money[] spends, ClvSettings settings, CustomerValueForecast[] forecasts, ProgressWatch? watch)
    {
        var unit = model.TimeUnit;
        var step = settings.DiscountPeriod.ToUnit(unit);
        var periods = settings.Periods;
        var horizons = new double[periods];
        for (var k = 1; k <= periods; k++)
        {
            horizons[k - 1] = ModelTime.In(k * step, unit).ToUnit(unit);
        }

        var customers = summary.Span;
        var groupOf = new int[customers.Length];
        var groups = new Dictionary<(int X, double T), int>();
        var keys = new List<(int X, double T)>();
        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers[i].In(unit);
            ref var group = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, (c.X, c.T), out var exists);
            if (!exists)
            {
                group = keys.Count;
                keys.Add((c.X, c.T));
            }

            groupOf[i] = group;
        }

        var whileAlive = new double[keys.Count * periods];
        const int Chunk = 1024;
        Concurrency.Partitioned.For((keys.Count + Chunk - 1) / Chunk, new ParallelOptions { CancellationToken = watch?.CancellationToken ?? default }, chunk =>
        {
            for (var g = chunk * Chunk; g < Math.Min(keys.Count, (chunk + 1) * Chunk); g++)
            {
                var (x, age) = keys[g];
                for (var k = 0; k < periods; k++)
                {
                    whileAlive[(g * periods) + k] = model.ExpectedWhileAlive(x, age, horizons[k]);
                }
            }
        });

        var rate = 1 + settings.DiscountRatePerPeriod;
        var margin = (double)settings.Margin;
        Concurrency.Partitioned.For((forecasts.Length + ProgressWatch.Every - 1) / ProgressWatch.Every, new ParallelOptions { CancellationToken = watch?.CancellationToken ?? default }, chunk =>
        {
            var all = summary.Span;
            var end = Math.Min(forecasts.Length, (chunk + 1) * ProgressWatch.Every);
            for (var i = chunk * ProgressWatch.Every; i < end; i++)
            {
                var customer = all[i];
                var alive = model.ProbabilityAlive(customer.In(unit));
                var row = whileAlive.AsSpan(groupOf[i] * periods, periods);
                var value = 0.0;
                var previous = 0.0;
                var discount = 1.0;
                for (var k = 0; k < periods; k++)
                {
                    var cumulative = row[k] * alive;
                    discount /= rate;
                    value += (cumulative - previous) * discount;
                    previous = cumulative;
                }

                forecasts[i] = new CustomerValueForecast(customer.CustomerId, alive, previous, spends[i], new Money((decimal)(value * (double)spends[i].Amount * margin), currency));
            }

            watch?.Advance(end - (chunk * ProgressWatch.Every));
        });
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
        return Forecast(purchases, customer, spend.ExpectedMeanSpend(customer), spend.Currency, settings);
    }

    private static CustomerValueForecast Forecast(IPurchaseModel purchases, in CustomerSummary customer, Money meanSpend, Currency currency, ClvSettings settings)
    {
        var summary = customer;
        var (discounted, total) = DiscountedPurchases(purchases, settings, t => purchases.ExpectedPurchases(summary, t));
        var clv = discounted * (double)meanSpend.Amount * (double)settings.Margin;
        return new CustomerValueForecast(customer.CustomerId, purchases.ProbabilityAlive(customer), total, meanSpend, new Money((decimal)clv, currency));
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
