using Crm.Domain.Activity;
using Crm.Metrics.Engine;

namespace Crm.Metrics;

/// <summary>The default <see cref="ICrmMetrics"/>.</summary>
public sealed class CrmMetrics : ICrmMetrics
{
    private readonly ScorecardEngine _engine;
    private readonly IClock _clock;

    /// <summary>Creates the facade.</summary>
    /// <param name="options">The options.</param>
    /// <param name="clock">The clock (scorecards record when they were computed).</param>
    /// <param name="satisfaction">The satisfaction calculator.</param>
    /// <param name="loyalty">The loyalty calculator.</param>
    /// <param name="models">The customer-base models.</param>
    /// <param name="segments">RFM, tiers and lifecycles.</param>
    /// <param name="churn">The churn early warning.</param>
    /// <param name="care">The care calendar.</param>
    /// <param name="assessments">The 5C and 6C assessments.</param>
    /// <param name="exchangeRates">The exchange-rate provider, when the host registered one.</param>
    /// <param name="loyaltyProgrammes">The loyalty programme calculator; one on <paramref name="clock"/> when <c>null</c>.</param>
    public CrmMetrics(
        CrmMetricsOptions options,
        IClock clock,
        ISatisfactionCalculator satisfaction,
        ILoyaltyCalculator loyalty,
        Lifetime.ICustomerBaseModels models,
        Segments.ISegmentation segments,
        Churn.IChurnWarnings churn,
        Care.ICarePlanner care,
        Assessments.IAssessmentScorer assessments,
        IExchangeRateProvider? exchangeRates = null,
        LoyaltyProgrammes.ILoyaltyProgrammeCalculator? loyaltyProgrammes = null)
    {
        LoyaltyProgrammes = loyaltyProgrammes ?? new LoyaltyProgrammes.LoyaltyProgrammeCalculator(clock);
        Models = models ?? throw new ArgumentNullException(nameof(models));
        Segments = segments ?? throw new ArgumentNullException(nameof(segments));
        Churn = churn ?? throw new ArgumentNullException(nameof(churn));
        Care = care ?? throw new ArgumentNullException(nameof(care));
        Assessments = assessments ?? throw new ArgumentNullException(nameof(assessments));
        _engine = new ScorecardEngine(options, clock, exchangeRates);
        _clock = clock;
        Satisfaction = satisfaction ?? throw new ArgumentNullException(nameof(satisfaction));
        Loyalty = loyalty ?? throw new ArgumentNullException(nameof(loyalty));
    }

    /// <inheritdoc />
    public ISatisfactionCalculator Satisfaction { get; }

    /// <inheritdoc />
    public ILoyaltyCalculator Loyalty { get; }

    /// <inheritdoc />
    public Lifetime.ICustomerBaseModels Models { get; }

    /// <inheritdoc />
    public Segments.ISegmentation Segments { get; }

    /// <inheritdoc />
    public Churn.IChurnWarnings Churn { get; }

    /// <inheritdoc />
    public Care.ICarePlanner Care { get; }

    /// <inheritdoc />
    public LoyaltyProgrammes.ILoyaltyProgrammeCalculator LoyaltyProgrammes { get; }

    /// <inheritdoc />
    public Assessments.IAssessmentScorer Assessments { get; }

    /// <inheritdoc />
    public Scorecard ComputeScorecard(CrmDataSet data, ReportingPeriod period, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        _engine.Run(data, period, settings, DataSources.All, progress, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public Scorecard ComputeScorecardFromPartitions(IReadOnlyList<CrmDataSet> partitions, ReportingPeriod period, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        _engine.RunPartitioned(partitions, period, settings, progress, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<Scorecard> ComputeScorecards(CrmDataSet data, IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        _engine.RunSeries(data, periods, settings, progress, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Scorecard>> ComputeScorecardsAsync(CrmAsyncDataSet data, IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        _engine.RunSeriesAsync(data, periods, settings, progress, cancellationToken);

    /// <inheritdoc />
    public AnalysisResults ComputeAnalyses(CrmDataSet data, AnalysisRequest request, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        Engine.AnalysisSet.Run(_engine, data, request, progress, _clock, cancellationToken);

    /// <inheritdoc />
    public ValueTask<AnalysisResults> ComputeAnalysesAsync(CrmAsyncDataSet data, AnalysisRequest request, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        Engine.AnalysisSet.RunAsync(_engine, data, request, progress, _clock, cancellationToken);

    /// <inheritdoc />
    public ReportingPeriod Month(int year, int month) => ReportingPeriod.Month(year, month, _engine.Options.DefaultZone);

    /// <inheritdoc />
    public ReportingPeriod LastFullMonth() => ReportingPeriod.LastFullMonth(_clock, _engine.Options.DefaultZone);

    /// <inheritdoc />
    public Scorecard ComputeScorecard(CrmDataSet data, DateInterval dates) =>
        _engine.Run(data, new ReportingPeriod(dates, _engine.Options.DefaultZone), null, DataSources.All);

    /// <inheritdoc />
    public ValueTask<Scorecard> ComputeScorecardAsync(CrmAsyncDataSet data, ReportingPeriod period, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        _engine.RunAsync(data, period, settings, DataSources.All, progress, cancellationToken);

    /// <inheritdoc />
    public ScorecardBreakdown ComputeBreakdown(CrmDataSet data, ReportingPeriod period, Func<CustomerId, string> groupOf, Func<CostEntry, string?> costGroupOf, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        _engine.Breakdown(data, period, groupOf, costGroupOf, settings, progress, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ScorecardBreakdown> ComputeBreakdownAsync(CrmAsyncDataSet data, ReportingPeriod period, Func<CustomerId, string> groupOf, Func<CostEntry, string?> costGroupOf, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        _engine.BreakdownAsync(data, period, groupOf, costGroupOf, settings, progress, cancellationToken);

    /// <inheritdoc />
    public ScorecardAccumulator CreateAccumulator(ReportingPeriod period, ScorecardSettings? settings = null) =>
        _engine.NewAccumulator(period, settings);

    /// <inheritdoc />
    public ScorecardSeriesAccumulator CreateSeriesAccumulator(IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings = null) =>
        _engine.NewSeries(periods, settings);
}
