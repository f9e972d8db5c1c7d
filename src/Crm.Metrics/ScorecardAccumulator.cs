using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.AcquisitionCost;
using Crm.Metrics.Cohorts;
using Crm.Metrics.Concurrency;
using Crm.Metrics.Conversion;
using Crm.Metrics.CostBenefit;
using Crm.Metrics.Costs;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Engine;
using Crm.Metrics.Experience;
using Crm.Metrics.Feedback;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using Crm.Metrics.ServiceEfficiency;

namespace Crm.Metrics;

/// <summary>
/// Accumulates a whole data set for a <see cref="Scorecard"/> in one pass over each record kind, in memory
/// proportional to customers. This is how a team with more data than one machine runs the scorecard: one
/// accumulator per partition (inside Spark, Orleans, a SQL pre-aggregation …), <see cref="Merge(ScorecardAccumulator)"/> the
/// partial results — or ship <see cref="ToState"/> and <see cref="Merge(States.ScorecardState)"/> it where they meet — then
/// take <see cref="Result"/>. Merging is exact: any partition gives the same scorecard as one pass.
/// </summary>
/// <remarks>Not thread-safe: use one per thread or partition and merge them.</remarks>
public sealed partial class ScorecardAccumulator : IIndexedPurchaseSink, IDisposable
{
    private readonly SatisfactionAccumulator _satisfaction;
    private readonly PurchaseAccumulator _purchases;
    private readonly CostAccumulator _costs;
    private readonly ComplaintAccumulator _complaints;
    private readonly FeedbackAccumulator _feedback;
    private readonly FunnelAccumulator _funnel;
    private readonly ExperienceWeights _weights;
    private readonly CrmMetricsOptions _options;
    private readonly CurrencyScope _currency;
    private readonly IExchangeRateProvider? _exchangeRates;
    private DataSources _supplied;
    private bool _disposed;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency, value basis); defaults when <c>null</c>.</param>
    /// <param name="options">Engine options; defaults when <c>null</c>.</param>
    /// <param name="exchangeRates">Converts other currencies; without it, a second currency is an error.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The settings' <see cref="ScorecardSettings.CustomerRows"/> is not a defined value; or the period is too close to an edge of the calendar for the period before it, the retention window or the month after it.</exception>
    public ScorecardAccumulator(ReportingPeriod period, ScorecardSettings? settings = null, CrmMetricsOptions? options = null, IExchangeRateProvider? exchangeRates = null)
        : this(period, settings, options, exchangeRates, null)
    {
    }

    /// <summary>Creates an empty accumulator whose currency is <paramref name="sharedCurrency"/> when given: one period of a series.</summary>
    internal ScorecardAccumulator(ReportingPeriod period, ScorecardSettings? settings, CrmMetricsOptions? options, IExchangeRateProvider? exchangeRates, CurrencyScope? sharedCurrency)
    {
        ArgumentNullException.ThrowIfNull(period);
        var o = options ?? new CrmMetricsOptions();
        o.Validate();
        Period = period;
        Settings = (settings ?? new ScorecardSettings()).Checked(nameof(settings));
        var currency = sharedCurrency ?? new CurrencyScope(Settings.Currency, exchangeRates, period.Zone);
        _options = o.Clone();
        _currency = currency;
        _exchangeRates = exchangeRates;
        _satisfaction = new SatisfactionAccumulator(period, o);
        try
        {
            _purchases = new PurchaseAccumulator(period, o, currency);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            // NodaTime's own refusals at the calendar's edge name its internals: name the caller's parameter instead.
            throw new ArgumentOutOfRangeException(
                nameof(period),
                "The period is too close to an edge of the calendar (years -9998 to 9999): the scorecard also reads the period of equal length before it, the retention window before that, and the month after its last.");
        }
        _costs = new CostAccumulator(period, currency);
        _complaints = new ComplaintAccumulator(period);
        _feedback = new FeedbackAccumulator(period);
        _funnel = new FunnelAccumulator(period, Settings.Funnel);
        _weights = o.ExperienceWeights.Clone();
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The per-call settings; the result uses these (a merged accumulator's settings are not consulted).</summary>
    public ScorecardSettings Settings { get; }

    /// <summary>
    /// The kinds of record that are part of the data: those added, those of the data sets given to
    /// <see cref="AddRange"/> (their non-null sequences) and those declared with <see cref="MarkSupplied"/>.
    /// Metrics that need a kind not supplied are undefined (see <see cref="DataSources"/>).
    /// </summary>
    public DataSources Supplied => _supplied;

    /// <summary>
    /// Declares kinds of record as part of the data even if none is added: "we record complaints, and there
    /// were none this month" makes the complaint rate 0 instead of undefined.
    /// </summary>
    /// <param name="sources">The kinds; added to those already supplied.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sources"/> has a bit outside <see cref="DataSources.All"/>.</exception>
    public void MarkSupplied(DataSources sources)
    {
        ThrowIfDisposed();
        if ((sources & ~DataSources.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sources), sources, "Only the kinds of DataSources.All can be supplied.");
        }

        _supplied |= sources;
    }

    /// <summary>Adds every record of a data set (one pass over each record kind); its non-null sequences become supplied.</summary>
    /// <param name="data">The data set; its leads are read against <see cref="ScorecardSettings.Funnel"/>.</param>
    /// <remarks>
    /// Purchases in an array, a <see cref="List{T}"/> or an <see cref="ArraySegment{T}"/> of at least 131,072 per
    /// thread are read on several threads (<see cref="ExecutionOptions.MaxDegreeOfParallelism"/>), which take chunks
    /// of them in turn; the result is the same.
    /// Do not change the list meanwhile. When a record is invalid, the exception is the one the first invalid record
    /// in input order throws, but records after it may have been added too: discard the accumulator.
    /// </remarks>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the reading (checked every 65,536 records); the records read until then stay added: discard the accumulator.</param>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void AddRange(CrmDataSet data, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        Engine.ScorecardRunner.Fill(this, data, DataSources.All, Internal.ProgressWatch.For(progress, cancellationToken));
    }

    /// <summary>
    /// Adds every record of an asynchronous data set (a database cursor, a file reader; one pass over each record kind);
    /// its non-null streams become supplied.
    /// </summary>
    /// <param name="data">The data set; its leads are read against <see cref="ScorecardSettings.Funnel"/>.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the reading; the records read until then stay added: discard the accumulator.</param>
    /// <returns>A task that completes when every record was added.</returns>
    /// <remarks>
    /// A stream that wraps an in-memory sequence (<see cref="CrmAsyncDataSet.From"/>,
    /// <see cref="CrmAsyncDataSet.Sequence{T}"/>) is read as <see cref="AddRange"/> reads that sequence, large purchase
    /// arrays on several threads. When a record is invalid, the exception is the one the first invalid record in input
    /// order throws: discard the accumulator.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or a record is null.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task AddRangeAsync(CrmAsyncDataSet data, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ThrowIfDisposed();
        await Engine.ScorecardRunner.FillAsync(this, data, DataSources.All, Internal.ProgressWatch.For(progress, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a purchase.</summary>
    /// <param name="purchase">The sale or refund.</param>
    /// <remarks>
    /// Purchases are buffered and applied in batches. One whose amounts would take its customer's sums beyond the
    /// range of <see cref="decimal"/> is left out whole, the others applied, and the
    /// <see cref="AmountOverflowException"/> is thrown when its batch is applied: by a later <c>Add</c>,
    /// <see cref="ToState"/> or <see cref="Result"/>.
    /// </remarks>
    /// <exception cref="AmountOverflowException">A purchase added earlier was refused when its batch was applied.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(Purchase purchase)
    {
        ThrowIfDisposed();
        _purchases.Add(purchase);
        _supplied |= DataSources.Purchases;
    }

    /// <summary>Adds a sale or refund given as a value, as <see cref="Add(Purchase)"/> adds one.</summary>
    /// <param name="purchase">The sale or refund; not the default value.</param>
    /// <exception cref="ArgumentException"><paramref name="purchase"/> is the default value.</exception>
    /// <exception cref="AmountOverflowException">A purchase added earlier was refused when its batch was applied.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(in PurchaseRecord purchase)
    {
        ThrowIfDisposed();
        _purchases.Add(in purchase);
        _supplied |= DataSources.Purchases;
    }

    /// <summary>Adds a survey answer.</summary>
    /// <param name="response">The answer.</param>
    public void Add(SurveyResponse response)
    {
        ThrowIfDisposed();
        _satisfaction.Add(response);
        _supplied |= DataSources.SurveyResponses;
    }

    /// <summary>Adds a cost entry.</summary>
    /// <param name="entry">The entry.</param>
    public void Add(CostEntry entry)
    {
        ThrowIfDisposed();
        _costs.Add(entry);
        _supplied |= DataSources.Costs;
    }

    /// <summary>Adds a complaint.</summary>
    /// <param name="complaint">The complaint.</param>
    public void Add(Complaint complaint)
    {
        ThrowIfDisposed();
        _complaints.Add(complaint);
        _supplied |= DataSources.Complaints;
    }

    /// <summary>Adds a suggestion or praise.</summary>
    /// <param name="feedback">The feedback.</param>
    public void Add(Domain.Activity.Feedback feedback)
    {
        ThrowIfDisposed();
        _feedback.Add(feedback);
        _supplied |= DataSources.Feedback;
    }

    /// <summary>Adds a lead.</summary>
    /// <param name="lead">The lead.</param>
    /// <exception cref="ArgumentException">The lead reached a stage the funnel does not have.</exception>
    public void Add(Lead lead)
    {
        ThrowIfDisposed();
        _funnel.Add(lead);
        _supplied |= DataSources.Leads;
    }

    /// <summary>Adds a customer (its acquisition instant, when recorded).</summary>
    /// <param name="customer">The customer.</param>
    public void Add(Customer customer)
    {
        ThrowIfDisposed();
        _purchases.Add(customer);
        _supplied |= DataSources.Customers;
    }

    /// <summary>Adds the state of another accumulator of the same period and options.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <remarks>
    /// All or nothing: every family is checked first — period, options, funnel, currency, and that no merged sum
    /// leaves its range — and only then merged, so on an error this accumulator is exactly as it was.
    /// </remarks>
    /// <exception cref="ArgumentException">The period, options or funnel differ, <paramref name="other"/> is this accumulator, or a merged count would leave its range.</exception>
    /// <exception cref="CurrencyMismatchException">The two are in different currencies.</exception>
    /// <exception cref="AmountOverflowException">A merged amount would leave the range of <see cref="decimal"/>.</exception>
    /// <exception cref="ObjectDisposedException">Either accumulator was disposed.</exception>
    public void Merge(ScorecardAccumulator other) => Merge(other, owned: false);

    // owned: this accumulator discards other afterwards (a staged state); its empty purchase tables take other's whole.
    private void Merge(ScorecardAccumulator other, bool owned)
    {
        ArgumentNullException.ThrowIfNull(other);
        ThrowIfDisposed();
        ObjectDisposedException.ThrowIf(other._disposed, other);
        Internal.Accumulators.RequireMergeable(this, other, Period, other.Period, OptionsState() == other.OptionsState() && FunnelAccumulator.SameFunnel(Settings.Funnel, other.Settings.Funnel));
        _currency.CheckMerge(other._currency);
        _satisfaction.CheckMerge(other._satisfaction);
        _purchases.CheckMerge(other._purchases);
        _costs.CheckMerge(other._costs);
        _complaints.CheckMerge(other._complaints);
        _feedback.CheckMerge(other._feedback);
        _funnel.CheckMerge(other._funnel);

        // Nothing below can fail.
        _currency.Merge(other._currency);
        _satisfaction.Merge(other._satisfaction);
        _purchases.MergeChecked(other._purchases, owned);
        _costs.MergeChecked(other._costs);
        _complaints.Merge(other._complaints);
        _feedback.Merge(other._feedback);
        _funnel.Merge(other._funnel);
        _supplied |= other._supplied;
    }

    /// <summary>
    /// Returns pooled memory (the customer tables' arrays, the purchase buffers) and empties the purchase state: for
    /// owners that are done with this accumulator — the engine after taking its result, a merge after merging a staged
    /// or partition accumulator in. Results already taken are unaffected (they copy what they keep).
    /// </summary>
    internal void Release() => _purchases.Release();

    /// <summary>
    /// Returns the pooled memory the accumulator holds (customer tables, purchase buffers) for the next computation.
    /// Results already taken are unaffected; any later use of the accumulator throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Release();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>The scorecard's currency: the one given, else the first met; null while none is known.</summary>
    internal Currency? Currency => _currency.Target;

    Currency? IIndexedPurchaseSink.Currency => Currency;

    ExecutionSettings IIndexedPurchaseSink.PurchaseExecution => _purchases.Store.Execution;

    void IIndexedPurchaseSink.AddPurchasesConcurrently<TSource, TReader>(IReadOnlyList<Storage.RecordSource<TSource>> sources, int threads, Action<long>? read, string parameterName, CancellationToken cancellationToken) =>
        _purchases.Store.AddConcurrently<TSource, TReader>(sources, threads, read, parameterName, cancellationToken);

    /// <summary>
    /// The purchase family, whose store the engine reads large sources into on several threads (it marks purchases
    /// supplied itself) and whose execution settings it sets.
    /// </summary>
    internal PurchaseAccumulator Purchases => _purchases;

    /// <summary>The options a state of this accumulator records, and that a state or result merged into it must have been computed with.</summary>
    internal States.ScorecardOptionsState OptionsState() => new()
    {
        RetentionWindowDays = _options.RetentionWindowDays,
        RetentionMethod = _options.RetentionMethod.ToString(),
        CsatMethod = _options.CsatMethod.ToString(),
        NpsSkippedAnswers = _options.NpsSkippedAnswers.ToString(),
        TreatMissingCostAsZero = _options.TreatMissingCostAsZero,
        CohortMonths = _options.CohortMonths,
    };

    /// <summary>The scorecard over what was added.</summary>
    /// <param name="computedAt">When it is computed (from your <see cref="IClock"/>); tells whether the period is complete.</param>
    /// <returns>The scorecard.</returns>
    /// <exception cref="AmountOverflowException">A total (revenue, a cost, a margin) is beyond the range of <see cref="decimal"/>.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public Scorecard Result(Instant computedAt)
    {
        ThrowIfDisposed();
        return ResultOf(computedAt);
    }

    private Scorecard ResultOf(Instant computedAt)
    {
        try
        {
            return Compute(computedAt, _purchases.Seal(), _purchases.RecordsAfterPeriod);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("computing the scorecard's totals", _purchases.Currency ?? _costs.Currency ?? Settings.FallbackCurrency, e);
        }
    }

    private Scorecard Compute(Instant computedAt, PurchaseSnapshot purchases, long purchasesAfter)
    {
        var currency = CurrencyOf(purchases.Currency);
        var costs = CostsIn(currency);

        // The three scans over the customers are independent: on large bases they run side by side.
        LoyaltyMetrics loyalty = null!;
        CustomerValueMetrics value = null!;
        CohortMatrix cohorts = null!;
        Partitioned.Invoke(
            purchases.ScanParallelism,
            () => value = CustomerValueMetrics.From(purchases, costs, purchases.ActiveCustomers, Settings.KeepsRows(0, 1)),
            () => loyalty = PurchaseAccumulator.LoyaltyResult(purchases, currency, Has(DataSources.Purchases)),
            () => cohorts = CohortMatrix.From(purchases));
        return Assemble(computedAt, currency, costs, loyalty, value, cohorts, purchasesAfter);
    }

    /// <summary>The scorecard's currency: the purchases' (given or first met), else the costs', else the settings' fallback.</summary>
    internal Currency CurrencyOf(Currency? purchases) => purchases ?? _costs.Currency ?? Settings.FallbackCurrency;

    /// <summary>The period's costs in the scorecard's currency.</summary>
    internal CostTotals CostsIn(Currency currency) => _costs.Result(currency);

    /// <summary>Whether purchases are part of the data.</summary>
    internal bool PurchasesSupplied => Has(DataSources.Purchases);

    /// <summary>
    /// The scorecard from the purchase families' results (computed here from this accumulator's purchases, or by a
    /// series from the purchases it keeps for all its periods) and this accumulator's other families.
    /// </summary>
    internal Scorecard Assemble(Instant computedAt, Currency currency, CostTotals costs, LoyaltyMetrics loyalty, CustomerValueMetrics value, CohortMatrix cohorts, long purchasesAfter)
    {
        var acquisition = AcquisitionCostMetrics.From(loyalty, costs, value, Settings.ValueBasis, Period.LengthInDays, Has(DataSources.Costs), (_supplied & (DataSources.Purchases | DataSources.Customers)) != 0);
        var satisfaction = _satisfaction.Result(Has(DataSources.SurveyResponses));
        var service = _complaints.Result(loyalty.ActiveCustomers, loyalty.Orders, Has(DataSources.Complaints));
        var surveys = new SortedDictionary<Domain.Activity.SurveyKind, long>
        {
            [Domain.Activity.SurveyKind.Csat] = satisfaction.Csat.Answers + satisfaction.Csat.Skipped,
            [Domain.Activity.SurveyKind.Nps] = satisfaction.Nps.Promoters + satisfaction.Nps.Passives + satisfaction.Nps.Detractors + satisfaction.Nps.Skipped,
            [Domain.Activity.SurveyKind.Ces] = satisfaction.Ces.Answers + satisfaction.Ces.Skipped,
        };
        return new Scorecard(
            Period,
            currency,
            computedAt,
            satisfaction,
            loyalty,
            acquisition,
            value,
            service,
            _feedback.Result(surveys, _complaints),
            ExperienceMetrics.From(satisfaction, service, _weights),
            new CostBenefitMetrics(value, costs, Has(DataSources.Costs)),
            _funnel.Result(Has(DataSources.Leads)),
            cohorts,
            _satisfaction.OutsidePeriod + purchasesAfter + _costs.EntriesOutsidePeriod + _complaints.OutsidePeriod + _feedback.OutsidePeriod + _funnel.OutsidePeriod,
            _supplied);
    }

    private bool Has(DataSources kind) => (_supplied & kind) == kind;
}
