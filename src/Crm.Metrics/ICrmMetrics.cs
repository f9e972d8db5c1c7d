using Crm.Domain.Activity;

namespace Crm.Metrics;

/// <summary>
/// The entry point of the metrics engine: computes the whole <see cref="Scorecard"/> of a period from a data set
/// in one pass over each record kind, and gives access to the specialised calculators. Register it with
/// <c>services.AddCrmMetrics()</c>.
/// </summary>
/// <remarks>Implementations are stateless and thread-safe (registered as singletons).</remarks>
public interface ICrmMetrics
{
    /// <summary>The satisfaction calculator.</summary>
    ISatisfactionCalculator Satisfaction { get; }

    /// <summary>The purchase and loyalty calculator.</summary>
    ILoyaltyCalculator Loyalty { get; }



    /// <summary>The customer-base models: summaries in the configured zone, fits and CLV.</summary>
    Lifetime.ICustomerBaseModels Models { get; }

    /// <summary>RFM, value tiers and derived lifecycles in the configured zone.</summary>
    Segments.ISegmentation Segments { get; }

    /// <summary>The churn early warning in the configured zone, "today" from the registered clock.</summary>
    Churn.IChurnWarnings Churn { get; }

    /// <summary>The care calendar, customers without a home zone read in the configured zone.</summary>
    Care.ICarePlanner Care { get; }

    /// <summary>The loyalty programme figures: members, points, tiers and the programme's effect.</summary>
    LoyaltyProgrammes.ILoyaltyProgrammeCalculator LoyaltyProgrammes { get; }

    /// <summary>The 5C and 6C assessments of a scorecard, with their evidence.</summary>
    Assessments.IAssessmentScorer Assessments { get; }

    /// <summary>Computes the scorecard of a period.</summary>
    /// <param name="data">The data set; each sequence is enumerated once.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency, value basis).</param>
    /// <param name="progress">Receives the number of records read so far, rising: each multiple of 65,536 once and in order (whatever the source and however many threads read it), then the total; on the caller's thread unless the sink posts elsewhere.</param>
    /// <param name="cancellationToken">Stops the computation between records (checked every 65,536); nothing is returned.</param>
    /// <returns>The scorecard.</returns>
    /// <exception cref="CurrencyMismatchException">The data holds several currencies and no exchange-rate provider is registered.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Scorecard ComputeScorecard(CrmDataSet data, ReportingPeriod period, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Computes the scorecard of a period from data given in partitions (shards, files, slices of one array), using
    /// every core — the same scorecard as one pass over all of it (exactly, money included). A customer's records may
    /// be spread over several partitions.
    /// </summary>
    /// <remarks>
    /// The partitions' purchases are read on up to <see cref="ExecutionOptions.MaxDegreeOfParallelism"/> threads,
    /// one partition per thread at a time, into one shared set of customer tables (nothing to merge); the other
    /// records go to one accumulator per partition, merged. Without a <see cref="ScorecardSettings.Currency"/>, the
    /// scorecard's currency is the one a single pass over the partitions in order would meet first: the caller's thread
    /// reads purchases in partition order until it meets one (or, without purchases, the first partitions' other
    /// records until a cost does) before the other threads start, and with an exchange-rate provider every other
    /// amount is converted to it.
    /// </remarks>
    /// <param name="partitions">The partitions; a kind left null in every partition is not supplied (its metrics are undefined).</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency, value basis, funnel).</param>
    /// <param name="progress">Receives the number of records read so far, rising: each multiple of 65,536 once and in order (whatever the source and however many threads read it), then the total; on the caller's thread unless the sink posts elsewhere.</param>
    /// <param name="cancellationToken">Stops the computation between records (checked every 65,536); nothing is returned.</param>
    /// <returns>The scorecard.</returns>
    /// <exception cref="ArgumentException">There is no partition, or one is null.</exception>
    /// <exception cref="CurrencyMismatchException">The data holds several currencies and no exchange-rate provider is registered.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Scorecard ComputeScorecardFromPartitions(IReadOnlyList<CrmDataSet> partitions, ReportingPeriod period, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Computes the scorecards of several periods — the last twelve months, say — from one read of the records (see
    /// <see cref="ScorecardSeriesAccumulator"/>): each customer is kept once for all of them. Each scorecard equals
    /// <see cref="ComputeScorecard(CrmDataSet, ReportingPeriod, ScorecardSettings?, IProgress{long}?, CancellationToken)"/>
    /// of its period over the same data.
    /// </summary>
    /// <param name="data">The data set; each sequence is enumerated once.</param>
    /// <param name="periods">The periods: 1 to 64, in time order, not overlapping, in one zone (<see cref="ReportingPeriod.MonthsUpTo"/> gives a run of months).</param>
    /// <param name="settings">Per-call settings (currency, value basis, funnel, which periods keep their customer rows), the same for every period.</param>
    /// <param name="progress">Receives the number of records read so far, rising: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the computation between records (checked every 65,536); nothing is returned.</param>
    /// <returns>The scorecards, in the order of <paramref name="periods"/>.</returns>
    /// <exception cref="ArgumentException">The periods are empty, more than 64, out of order, overlapping or in several zones.</exception>
    /// <exception cref="CurrencyMismatchException">The data holds several currencies and no exchange-rate provider is registered.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    IReadOnlyList<Scorecard> ComputeScorecards(CrmDataSet data, IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Computes the scorecards of several periods from one read of asynchronous streams (see <see cref="ComputeScorecards"/>).</summary>
    /// <param name="data">The data set; each stream is enumerated once.</param>
    /// <param name="periods">The periods: 1 to 64, in time order, not overlapping, in one zone.</param>
    /// <param name="settings">Per-call settings (currency, value basis, funnel, which periods keep their customer rows), the same for every period.</param>
    /// <param name="progress">Receives the number of records read so far, rising: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the computation between records; nothing is returned.</param>
    /// <returns>The scorecards, in the order of <paramref name="periods"/>.</returns>
    /// <exception cref="ArgumentException">The periods are empty, more than 64, out of order, overlapping or in several zones.</exception>
    /// <exception cref="CurrencyMismatchException">The data holds several currencies and no exchange-rate provider is registered.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<IReadOnlyList<Scorecard>> ComputeScorecardsAsync(CrmAsyncDataSet data, IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Computes several analyses — scorecards of some periods, the customer-base summary, RFM, lifecycles, the churn
    /// warning — from one read of a data set (see <see cref="AnalysisRequest"/>). Each sequence is enumerated once,
    /// and each purchase's customer id is looked up once for every per-customer analysis; each analysis equals its own
    /// entry point over the same records.
    /// </summary>
    /// <remarks>
    /// When more than one thread is allowed (<see cref="ExecutionOptions.MaxDegreeOfParallelism"/>), the per-customer
    /// analyses take the purchases in batches on a thread of their own, in the order read, while the calling thread
    /// reads on; the results are the same, and an error is still that of the first record refused in the order read.
    /// </remarks>
    /// <param name="data">The data set; each sequence an analysis reads is enumerated once (the others not at all).</param>
    /// <param name="request">The analyses, each with its options.</param>
    /// <param name="progress">Receives the number of records read so far, rising: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the computation between records (checked every 65,536); nothing is returned.</param>
    /// <returns>The analyses requested.</returns>
    /// <exception cref="ArgumentException">The request asks for nothing, or an option breaks a rule (the parameter names it: <c>request.Summary</c>, …).</exception>
    /// <exception cref="CurrencyMismatchException">The data holds several currencies and no exchange-rate provider is registered (the summary and RFM never convert).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    AnalysisResults ComputeAnalyses(CrmDataSet data, AnalysisRequest request, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Computes several analyses from one read of asynchronous streams — a database cursor, a file reader (see <see cref="ComputeAnalyses"/>).</summary>
    /// <param name="data">The data set; each stream an analysis reads is enumerated once (the others not at all).</param>
    /// <param name="request">The analyses, each with its options.</param>
    /// <param name="progress">Receives the number of records read so far, rising: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the computation between records; nothing is returned.</param>
    /// <returns>The analyses requested.</returns>
    /// <exception cref="ArgumentException">The request asks for nothing, or an option breaks a rule (the parameter names it).</exception>
    /// <exception cref="CurrencyMismatchException">The data holds several currencies and no exchange-rate provider is registered (the summary and RFM never convert).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<AnalysisResults> ComputeAnalysesAsync(CrmAsyncDataSet data, AnalysisRequest request, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Computes the scorecard of a period whose dates are read in <see cref="CrmMetricsOptions.DefaultZone"/>.</summary>
    /// <param name="data">The data set.</param>
    /// <param name="dates">The period's dates, inclusive.</param>
    /// <returns>The scorecard, with default settings.</returns>
    Scorecard ComputeScorecard(CrmDataSet data, DateInterval dates);

    /// <summary>Computes the scorecard of a period from asynchronous streams.</summary>
    /// <param name="data">The data set; each stream is enumerated once.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency, value basis).</param>
    /// <param name="progress">Receives the number of records read so far, rising: each multiple of 65,536 once and in order (whatever the source and however many threads read it), then the total; on the caller's thread unless the sink posts elsewhere.</param>
    /// <param name="cancellationToken">Stops the computation between records (checked every 65,536); nothing is returned.</param>
    /// <returns>The scorecard.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<Scorecard> ComputeScorecardAsync(CrmAsyncDataSet data, ReportingPeriod period, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Computes the scorecard of a period for each group of customers (see <see cref="ScorecardBreakdown"/>), in one
    /// pass over each record kind.
    /// </summary>
    /// <param name="data">The data set; leads are not split by group.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="groupOf">The group of a customer (e.g. its segment or region); never <c>null</c>.</param>
    /// <param name="costGroupOf">The group a cost entry is attributed to (e.g. by its channel or campaign), or <c>null</c> for none.</param>
    /// <param name="settings">Per-call settings, applied to every group.</param>
    /// <param name="progress">Receives the number of records read so far, rising: each multiple of 65,536 once and in order (whatever the source and however many threads read it), then the total; on the caller's thread unless the sink posts elsewhere.</param>
    /// <param name="cancellationToken">Stops the computation between records (checked every 65,536); nothing is returned.</param>
    /// <returns>The breakdown.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="groupOf"/> returned <c>null</c> or an empty name for a customer.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ScorecardBreakdown ComputeBreakdown(CrmDataSet data, ReportingPeriod period, Func<CustomerId, string> groupOf, Func<CostEntry, string?> costGroupOf, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Computes the breakdown of a period from asynchronous streams (see <see cref="ComputeBreakdown"/>).</summary>
    /// <param name="data">The data set; leads are not split by group.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="groupOf">The group of a customer; never <c>null</c>.</param>
    /// <param name="costGroupOf">The group a cost entry is attributed to, or <c>null</c> for none.</param>
    /// <param name="settings">Per-call settings, applied to every group.</param>
    /// <param name="progress">Receives the number of records read so far, rising: each multiple of 65,536 once and in order (whatever the source and however many threads read it), then the total; on the caller's thread unless the sink posts elsewhere.</param>
    /// <param name="cancellationToken">Stops the computation between records (checked every 65,536); nothing is returned.</param>
    /// <returns>The breakdown.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="groupOf"/> returned <c>null</c> or an empty name for a customer.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<ScorecardBreakdown> ComputeBreakdownAsync(CrmAsyncDataSet data, ReportingPeriod period, Func<CustomerId, string> groupOf, Func<CostEntry, string?> costGroupOf, ScorecardSettings? settings = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>A calendar month in the configured zone (<see cref="CrmMetricsOptions.DefaultZone"/>).</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month, 1–12.</param>
    /// <returns>The period from the first to the last day of the month, read in the configured zone.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year or month is out of range.</exception>
    ReportingPeriod Month(int year, int month);

    /// <summary>The last full calendar month before today, "today" and the month read in the configured zone by the registered clock.</summary>
    /// <returns>The previous month in the configured zone.</returns>
    ReportingPeriod LastFullMonth();

    /// <summary>An empty scorecard accumulator with the registered options and exchange rates, for partitioned computation.</summary>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings.</param>
    /// <returns>The accumulator; merge partial ones and take <see cref="ScorecardAccumulator.Result"/>.</returns>
    ScorecardAccumulator CreateAccumulator(ReportingPeriod period, ScorecardSettings? settings = null);

    /// <summary>An empty series accumulator with the registered options and exchange rates: several periods' scorecards from one read.</summary>
    /// <param name="periods">The periods: 1 to 64, in time order, not overlapping, in one zone.</param>
    /// <param name="settings">Per-call settings, the same for every period.</param>
    /// <returns>The accumulator; add the records and take <see cref="ScorecardSeriesAccumulator.Result"/>.</returns>
    /// <exception cref="ArgumentException">The periods are empty, more than 64, out of order, overlapping or in several zones.</exception>
    ScorecardSeriesAccumulator CreateSeriesAccumulator(IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings = null);
}
