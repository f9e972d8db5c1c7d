using System.Globalization;
using Crm.Metrics.Lifetime.Intervals;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// Prediction intervals for the purchase models' forecasts (BG/NBD, MBG/NBD, Pareto/NBD, with Gamma-Gamma for value):
/// the parameters are drawn from each fit's asymptotic normal on the log scale (<see cref="ModelFit{TModel}.DrawModels"/>),
/// the forecast is recomputed under every draw, and the interval runs between two percentiles of those forecasts —
/// for totals over a base (over its distinct summaries, so a large base costs little more than its distinct
/// customers) and for chosen customers (the ten most valuable, say).
/// </summary>
/// <remarks>
/// <para>The intervals express how well the data pin the parameters down, not what customers will actually do: they
/// are intervals for the expected purchases and value, and narrow as the base grows. The purchase and the spend
/// models are fitted separately, so their draws are independent.</para>
/// <para>Draws come from one seeded sequence (the purchase model's, then the spend model's), and each draw's
/// forecast is summed in a fixed order, so a result does not depend on the core count. Percentiles interpolate
/// linearly between the sorted forecasts (type 7 of Hyndman &amp; Fan, the default of R and NumPy).</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static partial class ForecastIntervals
{
    /// <summary>The most customers × draws one per-customer call keeps (four numbers each).</summary>
    public const long MaxCustomerDraws = 10_000_000;

    /// <summary>
    /// The base's expected purchases over <paramref name="horizon"/> and its expected customers alive, with intervals.
    /// </summary>
    /// <typeparam name="TModel">The purchase model: <see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/> or <see cref="ParetoNbdModel"/>.</typeparam>
    /// <param name="purchases">The converged fit of the purchase model, with its covariance.</param>
    /// <param name="summary">The customers to sum over (usually those the model was fitted on; a segment of them works too).</param>
    /// <param name="horizon">How far ahead; not negative.</param>
    /// <param name="options">Draws, seed and level; the defaults (1,000 draws, seed 0, 90 %) when null.</param>
    /// <param name="cancellationToken">Stops the work between draws; nothing is returned.</param>
    /// <returns>The totals, each at the estimates with its interval; no value (<see cref="BaseForecastInterval.Value"/> is null).</returns>
    /// <exception cref="ArgumentException">The summary has no customers, the horizon is negative, or an option breaks its rule.</exception>
    /// <exception cref="FitNotConvergedException">The fit did not converge.</exception>
    /// <exception cref="InvalidOperationException">The fit has no covariance, or a standard error is too large for draws (see <see cref="ModelFit{TModel}.DrawModels"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static BaseForecastInterval ForBase<TModel>(ModelFit<TModel> purchases, CustomerBaseSummary summary, ModelTime horizon, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel =>
        Totals(purchases, null, summary, Plan.Of(purchases, horizon), options, cancellationToken);

    /// <summary>
    /// The base's expected purchases over the CLV horizon, its expected customers alive, and its total CLV, with
    /// intervals (each customer valued as <see cref="CustomerLifetimeValue.Forecast(IPurchaseModel, GammaGammaModel, CustomerBaseSummary, ClvSettings, IProgress{long}, CancellationToken)"/> does).
    /// </summary>
    /// <typeparam name="TModel">The purchase model: <see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/> or <see cref="ParetoNbdModel"/>.</typeparam>
    /// <param name="purchases">The converged fit of the purchase model, with its covariance.</param>
    /// <param name="spend">The converged fit of the spend model, with its covariance.</param>
    /// <param name="summary">The customers to sum over.</param>
    /// <param name="settings">Horizon, discount period and rate, margin.</param>
    /// <param name="options">Draws, seed and level; the defaults when null.</param>
    /// <param name="cancellationToken">Stops the work between draws; nothing is returned.</param>
    /// <returns>The totals, each at the estimates with its interval.</returns>
    /// <exception cref="ArgumentException">The summary has no customers, a customer with repeat purchases has no positive mean repeat value, or an option breaks its rule.</exception>
    /// <exception cref="CurrencyMismatchException">A customer's mean repeat value is in another currency than the spend model's.</exception>
    /// <exception cref="FitNotConvergedException">A fit did not converge.</exception>
    /// <exception cref="InvalidOperationException">
    /// A fit has no covariance or too large a standard error for draws; or the spend model's q is so near 1 that more
    /// than half of (1 − level) of its draws give customers no finite mean spend, so the value's interval is unbounded.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static BaseForecastInterval ValueForBase<TModel>(ModelFit<TModel> purchases, ModelFit<GammaGammaModel> spend, CustomerBaseSummary summary, ClvSettings settings, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel
    {
        ArgumentNullException.ThrowIfNull(spend);
        return Totals(purchases, spend, summary, Plan.Of(purchases, settings), options, cancellationToken);
    }

    /// <summary>Chosen customers' P(alive) and expected purchases over <paramref name="horizon"/>, with intervals.</summary>
    /// <typeparam name="TModel">The purchase model: <see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/> or <see cref="ParetoNbdModel"/>.</typeparam>
    /// <param name="purchases">The converged fit of the purchase model, with its covariance.</param>
    /// <param name="customers">The customers, in the order wanted back (for example a base's ten most valuable).</param>
    /// <param name="horizon">How far ahead; not negative.</param>
    /// <param name="options">Draws, seed and level; the defaults when null.</param>
    /// <param name="cancellationToken">Stops the work between draws; nothing is returned.</param>
    /// <returns>One forecast per customer, in their order; no spend or value.</returns>
    /// <exception cref="ArgumentException">The horizon is negative, the customers × draws exceed <see cref="MaxCustomerDraws"/>, or an option breaks its rule.</exception>
    /// <exception cref="FitNotConvergedException">The fit did not converge.</exception>
    /// <exception cref="InvalidOperationException">The fit has no covariance, or a standard error is too large for draws.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<CustomerForecastInterval> ForCustomers<TModel>(ModelFit<TModel> purchases, IEnumerable<CustomerSummary> customers, ModelTime horizon, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel =>
        PerCustomer(purchases, null, customers, Plan.Of(purchases, horizon), options, cancellationToken);

    /// <summary>Chosen customers' P(alive), expected purchases over the CLV horizon, expected spend and CLV, with intervals.</summary>
    /// <typeparam name="TModel">The purchase model: <see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/> or <see cref="ParetoNbdModel"/>.</typeparam>
    /// <param name="purchases">The converged fit of the purchase model, with its covariance.</param>
    /// <param name="spend">The converged fit of the spend model, with its covariance.</param>
    /// <param name="customers">The customers, in the order wanted back.</param>
    /// <param name="settings">Horizon, discount period and rate, margin.</param>
    /// <param name="options">Draws, seed and level; the defaults when null.</param>
    /// <param name="cancellationToken">Stops the work between draws; nothing is returned.</param>
    /// <returns>One forecast per customer, in their order; its estimates are those of <see cref="CustomerLifetimeValue.Forecast(IPurchaseModel, GammaGammaModel, in CustomerSummary, ClvSettings)"/> to rounding.</returns>
    /// <exception cref="ArgumentException">A customer with repeat purchases has no positive mean repeat value, the customers × draws exceed <see cref="MaxCustomerDraws"/>, or an option breaks its rule.</exception>
    /// <exception cref="CurrencyMismatchException">A customer's mean repeat value is in another currency than the spend model's.</exception>
    /// <exception cref="FitNotConvergedException">A fit did not converge.</exception>
    /// <exception cref="InvalidOperationException">A fit has no covariance or too large a standard error for draws; or a customer's spend or value interval is unbounded (the spend model's q too near 1).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<CustomerForecastInterval> ValueForCustomers<TModel>(ModelFit<TModel> purchases, ModelFit<GammaGammaModel> spend, IEnumerable<CustomerSummary> customers, ClvSettings settings, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel
    {
        ArgumentNullException.ThrowIfNull(spend);
        return PerCustomer(purchases, spend, customers, Plan.Of(purchases, settings), options, cancellationToken);
    }

    private static BaseForecastInterval Totals<TModel>(ModelFit<TModel> purchases, ModelFit<GammaGammaModel>? spend, CustomerBaseSummary summary, Plan plan, IntervalOptions? options, CancellationToken cancellationToken)
        where TModel : class, IPurchaseModel
    {
        ArgumentNullException.ThrowIfNull(summary);
        options ??= IntervalOptions.Default;
        options.Validate(nameof(options));
        if (summary.Span.IsEmpty)
        {
            throw new ArgumentException("The summary has no customers: there is nothing to total.", nameof(summary));
        }

        var (model, spendModel) = Estimates(purchases, spend);
        var engine = IntervalEngine.Create(summary.Span, grouped: true, model.TimeUnit, plan.Horizons, spendModel, plan.Rate, plan.Margin, nameof(summary));
        var (purchaseDraws, spendDraws) = Draw(purchases, spend, options);

        // Totals under one model: Σ over groups, weighted by their customers, in group order.
        var estimate = engine.Totals(model, spendModel, engine.NewScratch());
        var drawnPurchases = new double[options.Draws];
        var drawnAlive = new double[options.Draws];
        var drawnValue = new double[options.Draws];
        IntervalEngine.ForEachDraw(options.Draws, engine.NewScratch, (d, scratch) =>
            (drawnPurchases[d], drawnAlive[d], drawnValue[d]) = engine.Totals(Factored(purchases.Create(purchaseDraws[d])), spendDraws?[d], scratch), cancellationToken);

        return new BaseForecastInterval(
            summary.Span.Length,
            plan.Span,
            options.Level,
            options.Draws,
            Interval(estimate.Purchases, drawnPurchases, options.Level, "expected purchases"),
            Interval(estimate.Alive, drawnAlive, options.Level, "expected customers alive"),
            spendModel is null ? null : MoneyOf(Interval(estimate.Value, drawnValue, options.Level, "value"), spendModel.Currency));
    }

    private static System.Collections.ObjectModel.ReadOnlyCollection<CustomerForecastInterval> PerCustomer<TModel>(ModelFit<TModel> purchases, ModelFit<GammaGammaModel>? spend, IEnumerable<CustomerSummary> customers, Plan plan, IntervalOptions? options, CancellationToken cancellationToken)
        where TModel : class, IPurchaseModel
    {
        ArgumentNullException.ThrowIfNull(customers);
        options ??= IntervalOptions.Default;
        options.Validate(nameof(options));
        var chosen = customers.ToArray();
        if ((long)chosen.Length * options.Draws > MaxCustomerDraws)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Per-customer intervals keep every draw: {chosen.Length:N0} customers × {options.Draws:N0} draws is more than {MaxCustomerDraws:N0}. Ask for fewer customers or draws, or for the base's totals (ForBase)."), nameof(customers));
        }

        var (model, spendModel) = Estimates(purchases, spend);
        var engine = IntervalEngine.Create(chosen, grouped: false, model.TimeUnit, plan.Horizons, spendModel, plan.Rate, plan.Margin, nameof(customers));
        var (purchaseDraws, spendDraws) = Draw(purchases, spend, options);

        var n = chosen.Length;
        var estimate = engine.NewScratch();
        engine.Evaluate(model, spendModel, estimate);

        // Each customer's draws side by side ([customer · draws + draw]), to sort per customer.
        var draws = options.Draws;
        var alive = new double[n * draws];
        var expected = new double[n * draws];
        var spends = spendModel is null ? null : new double[n * draws];
        var values = spendModel is null ? null : new double[n * draws];
        IntervalEngine.ForEachDraw(draws, engine.NewScratch, (d, scratch) =>
        {
            engine.Evaluate(Factored(purchases.Create(purchaseDraws[d])), spendDraws?[d], scratch);
            for (var c = 0; c < n; c++)
            {
                alive[(c * draws) + d] = scratch.Alive[c];
                expected[(c * draws) + d] = scratch.Purchases[c];
                if (spends is not null)
                {
                    spends[(c * draws) + d] = scratch.Spend[c];
                    values![(c * draws) + d] = scratch.Value[c];
                }
            }
        }, cancellationToken);

        var results = new CustomerForecastInterval[n];
        for (var c = 0; c < n; c++)
        {
            var row = c * draws;
            results[c] = new CustomerForecastInterval(
                chosen[c].CustomerId,
                Interval(estimate.Alive[c], alive.AsSpan(row, draws), options.Level, "P(alive)"),
                Interval(estimate.Purchases[c], expected.AsSpan(row, draws), options.Level, "expected purchases"),
                spends is null ? null : MoneyOf(Interval(estimate.Spend[c], spends.AsSpan(row, draws), options.Level, "expected spend"), spendModel!.Currency),
                values is null ? null : MoneyOf(Interval(estimate.Value[c], values.AsSpan(row, draws), options.Level, "value"), spendModel!.Currency));
        }

        return Array.AsReadOnly(results);
    }
}
