using Crm.Domain.Activity;

namespace Crm.Metrics.Lifetime;

/// <summary>The default <see cref="ICustomerBaseModels"/>: the static entry points, in the configured zone.</summary>
public sealed class CustomerBaseModels : ICustomerBaseModels
{
    private readonly DateTimeZone _zone;

    /// <summary>Creates the service.</summary>
    /// <param name="options">The registered options (their zone is copied).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CustomerBaseModels(CrmMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _zone = options.DefaultZone;
    }

    /// <inheritdoc />
    public SummaryOptions SummaryOptions(LocalDate calibrationEnd, LocalDate? holdoutEnd = null)
    {
        if (calibrationEnd.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException($"The calibration end must be an ISO calendar date, not {calibrationEnd.Calendar.Id}.", nameof(calibrationEnd));
        }

        var options = new SummaryOptions(calibrationEnd) { HoldoutEnd = holdoutEnd, Zone = _zone };
        options.Validate(nameof(holdoutEnd));
        return options;
    }

    /// <inheritdoc />
    public CustomerBaseSummary Summarize(IEnumerable<Purchase> purchases, LocalDate calibrationEnd, LocalDate? holdoutEnd = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        CustomerBaseSummary.FromPurchases(purchases, SummaryOptions(calibrationEnd, holdoutEnd), progress, cancellationToken);

    /// <inheritdoc />
    public Task<CustomerBaseSummary> SummarizeAsync(IAsyncEnumerable<Purchase> purchases, LocalDate calibrationEnd, LocalDate? holdoutEnd = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        CustomerBaseSummary.FromPurchasesAsync(purchases, SummaryOptions(calibrationEnd, holdoutEnd), progress, cancellationToken);

    /// <inheritdoc />
    public ModelFit<BgNbdModel> FitBgNbd(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        BgNbdModel.Fit(summary, options, progress, cancellationToken);

    /// <inheritdoc />
    public ModelFit<MbgNbdModel> FitMbgNbd(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        MbgNbdModel.Fit(summary, options, progress, cancellationToken);

    /// <inheritdoc />
    public ModelFit<BgBbModel> FitBgBb(DiscreteSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        BgBbModel.Fit(summary, options, progress, cancellationToken);

    /// <inheritdoc />
    public ModelFit<ParetoNbdModel> FitParetoNbd(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ParetoNbdModel.Fit(summary, options, progress, cancellationToken);

    /// <inheritdoc />
    public ModelFit<GammaGammaModel> FitGammaGamma(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        GammaGammaModel.Fit(summary, options, progress, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<CustomerValueForecast> ForecastClv(IPurchaseModel purchases, GammaGammaModel spend, CustomerBaseSummary summary, ClvSettings settings, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        CustomerLifetimeValue.Forecast(purchases, spend, summary, settings, progress, cancellationToken);

    /// <inheritdoc/>
    public BaseForecastInterval IntervalsForBase<TModel>(ModelFit<TModel> purchases, CustomerBaseSummary summary, ModelTime horizon, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel =>
        ForecastIntervals.ForBase(purchases, summary, horizon, options, cancellationToken);

    /// <inheritdoc/>
    public BaseForecastInterval ValueIntervalsForBase<TModel>(ModelFit<TModel> purchases, ModelFit<GammaGammaModel> spend, CustomerBaseSummary summary, ClvSettings settings, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel =>
        ForecastIntervals.ValueForBase(purchases, spend, summary, settings, options, cancellationToken);

    /// <inheritdoc/>
    public IReadOnlyList<CustomerForecastInterval> IntervalsForCustomers<TModel>(ModelFit<TModel> purchases, IEnumerable<CustomerSummary> customers, ModelTime horizon, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel =>
        ForecastIntervals.ForCustomers(purchases, customers, horizon, options, cancellationToken);

    /// <inheritdoc/>
    public IReadOnlyList<CustomerForecastInterval> ValueIntervalsForCustomers<TModel>(ModelFit<TModel> purchases, ModelFit<GammaGammaModel> spend, IEnumerable<CustomerSummary> customers, ClvSettings settings, IntervalOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : class, IPurchaseModel =>
        ForecastIntervals.ValueForCustomers(purchases, spend, customers, settings, options, cancellationToken);

    /// <inheritdoc/>
    public ModelFit<BgNbdCovariateModel> FitBgNbdWithCovariates(CustomerBaseSummary summary, CovariateTable covariates, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        BgNbdCovariateModel.Fit(summary, covariates, options, progress, cancellationToken);

    /// <inheritdoc/>
    public ModelFit<ParetoNbdCovariateModel> FitParetoNbdWithCovariates(CustomerBaseSummary summary, CovariateTable covariates, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ParetoNbdCovariateModel.Fit(summary, covariates, options, progress, cancellationToken);
}
