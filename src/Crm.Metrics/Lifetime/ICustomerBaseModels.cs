using Crm.Domain.Activity;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The customer-base models through dependency injection: summaries in the configured zone, the fits, and CLV
/// forecasts — the same code as the static entry points (<see cref="CustomerBaseSummary.FromPurchases"/>,
/// <see cref="BgNbdModel.Fit"/> …), behind an interface an application can replace in its tests.
/// </summary>
/// <remarks>Registered by <c>AddCrmMetrics</c> as a singleton; stateless and thread-safe.</remarks>
public interface ICustomerBaseModels
{
    /// <summary>The summary options of a calibration period in the configured zone (<see cref="CrmMetricsOptions.DefaultZone"/>), in weeks.</summary>
    /// <param name="calibrationEnd">The calibration period's last day (inclusive).</param>
    /// <param name="holdoutEnd">The holdout period's last day (inclusive), after <paramref name="calibrationEnd"/>; none when <c>null</c>.</param>
    /// <returns>The options; change the unit with <c>with { TimeUnit = … }</c>.</returns>
    /// <exception cref="ArgumentException">The holdout end is not after the calibration end, or a date is not in the ISO calendar.</exception>
    SummaryOptions SummaryOptions(LocalDate calibrationEnd, LocalDate? holdoutEnd = null);

    /// <summary>Summarises purchases for the models: one pass, in the configured zone (see <see cref="SummaryOptions"/>).</summary>
    /// <param name="purchases">The purchases.</param>
    /// <param name="calibrationEnd">The calibration period's last day (inclusive).</param>
    /// <param name="holdoutEnd">The holdout period's last day (inclusive); none when <c>null</c>.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The summary, in weeks.</returns>
    /// <exception cref="ArgumentException">A purchase is null, or the dates break a rule of <see cref="SummaryOptions"/>.</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    CustomerBaseSummary Summarize(IEnumerable<Purchase> purchases, LocalDate calibrationEnd, LocalDate? holdoutEnd = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Summarises an asynchronous stream of purchases for the models, in the configured zone (see <see cref="Summarize"/>).</summary>
    /// <param name="purchases">The purchases (a database cursor, a file reader).</param>
    /// <param name="calibrationEnd">The calibration period's last day (inclusive).</param>
    /// <param name="holdoutEnd">The holdout period's last day (inclusive); none when <c>null</c>.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The summary, in weeks.</returns>
    /// <exception cref="ArgumentException">A purchase is null, or the dates break a rule of <see cref="SummaryOptions"/>.</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<CustomerBaseSummary> SummarizeAsync(IAsyncEnumerable<Purchase> purchases, LocalDate calibrationEnd, LocalDate? holdoutEnd = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Fits BG/NBD (see <see cref="BgNbdModel.Fit"/>).</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="options">Fit options; defaults when <c>null</c>.</param>
    /// <param name="progress">Reports iterations; optional.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The fit.</returns>
    ModelFit<BgNbdModel> FitBgNbd(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Fits MBG/NBD (see <see cref="MbgNbdModel.Fit"/>): BG/NBD in which a customer may also drop out right after the first purchase.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="options">Fit options; defaults when <c>null</c>.</param>
    /// <param name="progress">Reports iterations; optional.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The fit.</returns>
    ModelFit<MbgNbdModel> FitMbgNbd(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Fits BG/BB (see <see cref="BgBbModel.Fit"/>) to transactions at discrete occasions.</summary>
    /// <param name="summary">The patterns of (x, t_x, n) with their weights.</param>
    /// <param name="options">Fit options; defaults when <c>null</c>.</param>
    /// <param name="progress">Reports iterations; optional.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The fit.</returns>
    ModelFit<BgBbModel> FitBgBb(DiscreteSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Fits Pareto/NBD (see <see cref="ParetoNbdModel.Fit"/>).</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="options">Fit options; defaults when <c>null</c>.</param>
    /// <param name="progress">Reports iterations; optional.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The fit.</returns>
    ModelFit<ParetoNbdModel> FitParetoNbd(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Fits the Gamma-Gamma spend model (see <see cref="GammaGammaModel.Fit"/>).</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="options">Fit options; defaults when <c>null</c>.</param>
    /// <param name="progress">Reports iterations; optional.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The fit.</returns>
    ModelFit<GammaGammaModel> FitGammaGamma(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Each customer's CLV over the settings' horizon (see <see cref="CustomerLifetimeValue.Forecast(IPurchaseModel, GammaGammaModel, CustomerBaseSummary, ClvSettings, IProgress{long}, CancellationToken)"/>).</summary>
    /// <param name="purchases">The fitted purchase model.</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="summary">The summary the models were fitted on.</param>
    /// <param name="settings">Horizon, discount rate and margin.</param>
    /// <param name="progress">Receives the number of customers forecast so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 customers); nothing is returned.</param>
    /// <returns>One forecast per customer of the summary.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    IReadOnlyList<CustomerValueForecast> ForecastClv(IPurchaseModel purchases, GammaGammaModel spend, CustomerBaseSummary summary, ClvSettings settings, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>A base's expected purchases and customers alive with intervals from parameter draws (see <see cref="ForecastIntervals.ForBase{TModel}"/>).</summary>
    /// <typeparam name="TModel">The purchase model: BG/NBD, MBG/NBD or Pareto/NBD.</typeparam>
    /// <param name="purchases">The converged fit of the purchase model.</param>
    /// <param name="summary">The customers to sum over.</param>
    /// <param name="horizon">How far ahead.</param>
    /// <param name="options">Draws, seed and level; the defaults when null.</param>
    /// <param name="cancellationToken">Stops the work between draws.</param>
    /// <returns>The totals with their intervals.</returns>
    BaseForecastInterval IntervalsForBase<TModel>(ModelFit<TModel> purchases, CustomerBaseSummary summary, ModelTime horizon, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel;

    /// <summary>A base's expected purchases, customers alive and CLV with intervals from parameter draws (see <see cref="ForecastIntervals.ValueForBase{TModel}"/>).</summary>
    /// <typeparam name="TModel">The purchase model: BG/NBD, MBG/NBD or Pareto/NBD.</typeparam>
    /// <param name="purchases">The converged fit of the purchase model.</param>
    /// <param name="spend">The converged fit of the spend model.</param>
    /// <param name="summary">The customers to sum over.</param>
    /// <param name="settings">Horizon, discount rate and margin.</param>
    /// <param name="options">Draws, seed and level; the defaults when null.</param>
    /// <param name="cancellationToken">Stops the work between draws.</param>
    /// <returns>The totals with their intervals.</returns>
    BaseForecastInterval ValueIntervalsForBase<TModel>(ModelFit<TModel> purchases, ModelFit<GammaGammaModel> spend, CustomerBaseSummary summary, ClvSettings settings, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel;

    /// <summary>Chosen customers' P(alive) and expected purchases with intervals from parameter draws (see <see cref="ForecastIntervals.ForCustomers{TModel}"/>).</summary>
    /// <typeparam name="TModel">The purchase model: BG/NBD, MBG/NBD or Pareto/NBD.</typeparam>
    /// <param name="purchases">The converged fit of the purchase model.</param>
    /// <param name="customers">The customers, in the order wanted back.</param>
    /// <param name="horizon">How far ahead.</param>
    /// <param name="options">Draws, seed and level; the defaults when null.</param>
    /// <param name="cancellationToken">Stops the work between draws.</param>
    /// <returns>One forecast per customer, in their order.</returns>
    IReadOnlyList<CustomerForecastInterval> IntervalsForCustomers<TModel>(ModelFit<TModel> purchases, IEnumerable<CustomerSummary> customers, ModelTime horizon, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel;

    /// <summary>Chosen customers' P(alive), expected purchases, spend and CLV with intervals from parameter draws (see <see cref="ForecastIntervals.ValueForCustomers{TModel}"/>).</summary>
    /// <typeparam name="TModel">The purchase model: BG/NBD, MBG/NBD or Pareto/NBD.</typeparam>
    /// <param name="purchases">The converged fit of the purchase model.</param>
    /// <param name="spend">The converged fit of the spend model.</param>
    /// <param name="customers">The customers, in the order wanted back.</param>
    /// <param name="settings">Horizon, discount rate and margin.</param>
    /// <param name="options">Draws, seed and level; the defaults when null.</param>
    /// <param name="cancellationToken">Stops the work between draws.</param>
    /// <returns>One forecast per customer, in their order.</returns>
    IReadOnlyList<CustomerForecastInterval> ValueIntervalsForCustomers<TModel>(ModelFit<TModel> purchases, ModelFit<GammaGammaModel> spend, IEnumerable<CustomerSummary> customers, ClvSettings settings, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel;

    /// <summary>Fits BG/NBD with static covariates (see <see cref="BgNbdCovariateModel.Fit"/>).</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="covariates">Every customer's covariates.</param>
    /// <param name="options">Fit options; defaults when <c>null</c>.</param>
    /// <param name="progress">Reports iterations; optional.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The fit.</returns>
    ModelFit<BgNbdCovariateModel> FitBgNbdWithCovariates(CustomerBaseSummary summary, CovariateTable covariates, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Fits Pareto/NBD with static covariates (see <see cref="ParetoNbdCovariateModel.Fit"/>).</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="covariates">Every customer's covariates.</param>
    /// <param name="options">Fit options; defaults when <c>null</c>.</param>
    /// <param name="progress">Reports iterations; optional.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The fit.</returns>
    ModelFit<ParetoNbdCovariateModel> FitParetoNbdWithCovariates(CustomerBaseSummary summary, CovariateTable covariates, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default);
}
