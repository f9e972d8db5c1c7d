using System.Globalization;
using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Concurrency;
using Crm.Metrics.Engine;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Series;
using Crm.Metrics.Storage;

namespace Crm.Metrics;

/// <summary>
/// Accumulates a data set for the scorecards of several periods at once — the last twelve months, say — from one read
/// of the records. Each customer is kept once for all the periods: its first sale, its sums before the first period,
/// and one row per calendar month (or part of a period) it bought in; each period's scorecard is derived from those.
/// Every scorecard equals the one a <see cref="ScorecardAccumulator"/> of that period gives over the same records.
/// </summary>
/// <remarks>
/// <para>The periods are in time order, do not overlap (gaps between them are allowed) and share one zone; there are
/// at most <see cref="MaxPeriods"/>. Memory grows with the customers and the months they bought in during the periods,
/// not with the records or (beyond those rows) the number of periods.</para>
/// <para>All the scorecards share one currency: <see cref="ScorecardSettings.Currency"/>, or else the first one met
/// in any of the periods; with mixed currencies, give one (and an exchange-rate provider).</para>
/// <para>Not thread-safe (large purchase arrays given to <see cref="AddRange"/> are read on several threads inside
/// the call). A series is computed in one process: to merge partitions, use one <see cref="ScorecardAccumulator"/>
/// per period.</para>
/// </remarks>
public sealed class ScorecardSeriesAccumulator : IIndexedPurchaseSink, IDisposable
{
    /// <summary>The most periods one series holds.</summary>
    public const int MaxPeriods = 64;

    private readonly ScorecardAccumulator[] _periods; // every family but purchases, one per period
    private readonly SeriesStore _store;
    private readonly CurrencyScope _currency;
    private readonly CrmMetricsOptions _options;
    private bool _disposed;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="periods">The periods: one to <see cref="MaxPeriods"/>, in time order, not overlapping, in one zone.</param>
    /// <param name="settings">Per-call settings (currency, value basis, funnel, customer rows), the same for every period; defaults when <c>null</c>.</param>
    /// <param name="options">Engine options; defaults when <c>null</c>.</param>
    /// <param name="exchangeRates">Converts other currencies; without it, a second currency is an error.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="periods"/> is empty, longer than <see cref="MaxPeriods"/>, holds a null, or its periods are out of
    /// order, overlap or are in different zones; or the options are invalid.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The settings' <see cref="ScorecardSettings.CustomerRows"/> is not a defined value; or a period is too close to an edge of the calendar (see <see cref="ScorecardAccumulator"/>).</exception>
    public ScorecardSeriesAccumulator(IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings = null, CrmMetricsOptions? options = null, IExchangeRateProvider? exchangeRates = null)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var list = Check(periods);
        var o = options ?? new CrmMetricsOptions();
        o.Validate();
        _options = o.Clone();
        Settings = (settings ?? new ScorecardSettings()).Checked(nameof(settings));
        Periods = list;
        _currency = new CurrencyScope(Settings.Currency, exchangeRates, list[0].Zone);
        _periods = new ScorecardAccumulator[list.Length];
        try
        {
            for (var p = 0; p < list.Length; p++)
            {
                try
                {
                    _periods[p] = new ScorecardAccumulator(list[p], Settings, _options, exchangeRates, _currency);
                }
                catch (ArgumentOutOfRangeException e)
                {
                    throw new ArgumentOutOfRangeException(nameof(periods), string.Create(CultureInfo.InvariantCulture, $"Period {p} ({list[p].Dates.Start:uuuu-MM-dd}..{list[p].Dates.End:uuuu-MM-dd}): {e.Message.Split(" (Parameter")[0]}"));
                }
            }

            var calendar = new SeriesCalendar(list, _options);
            _store = new SeriesStore(new SeriesRules(calendar, _currency), ExecutionSettings.Of(_options.Execution.MaxDegreeOfParallelism));
        }
        catch
        {
            foreach (var accumulator in _periods)
            {
                accumulator?.Dispose();
            }

            throw;
        }
    }

    /// <summary>The periods, in time order.</summary>
    public IReadOnlyList<ReportingPeriod> Periods { get; }

    /// <summary>The per-call settings every period's scorecard uses.</summary>
    public ScorecardSettings Settings { get; }

    /// <summary>The kinds of record that are part of the data (see <see cref="ScorecardAccumulator.Supplied"/>).</summary>
    public DataSources Supplied => _periods[0].Supplied;

    /// <summary>The series' currency: the one given, else the first met; <c>null</c> while none is known.</summary>
    public Currency? Currency => _currency.Target;

    /// <summary>
    /// Makes room for about <paramref name="customers"/> customers before any record is added (a capacity hint, up to
    /// <see cref="Capacity.MaxCustomers"/>; 0 or less does nothing), so that the store's tables do not double as
    /// customers arrive.
    /// </summary>
    internal void Reserve(int customers)
    {
        if (customers > 0)
        {
            _store.Reserve(Math.Min(customers, Capacity.MaxCustomers));
        }
    }

    ExecutionSettings IIndexedPurchaseSink.PurchaseExecution => _store.Execution;

    /// <summary>Declares kinds of record as part of the data even if none is added (see <see cref="ScorecardAccumulator.MarkSupplied"/>).</summary>
    /// <param name="sources">The kinds; added to those already supplied.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sources"/> has a bit outside <see cref="DataSources.All"/>.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void MarkSupplied(DataSources sources)
    {
        ThrowIfDisposed();
        foreach (var accumulator in _periods)
        {
            accumulator.MarkSupplied(sources);
        }
    }

    /// <summary>Adds every record of a data set, each read once; its non-null sequences become supplied.</summary>
    /// <param name="data">The data set.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the reading (checked every 65,536 records); the records read until then stay added: discard the accumulator.</param>
    /// <remarks>
    /// Purchases in an array, a <see cref="List{T}"/> or an <see cref="ArraySegment{T}"/> of at least 131,072 per thread
    /// are read on several threads, as <see cref="ScorecardAccumulator.AddRange"/> reads them; the result is the same.
    /// When a record is invalid, the exception is the one the first invalid record in input order throws: discard the
    /// accumulator.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void AddRange(CrmDataSet data, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ScorecardRunner.Fill(this, data, DataSources.All, ProgressWatch.For(progress, cancellationToken));
    }

    /// <summary>Adds every record of an asynchronous data set, each read once; its non-null streams become supplied.</summary>
    /// <param name="data">The data set.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the reading; the records read until then stay added: discard the accumulator.</param>
    /// <returns>A task that completes when every record was added.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or a record is null.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task AddRangeAsync(CrmAsyncDataSet data, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ThrowIfDisposed();
        await ScorecardRunner.FillAsync(this, data, DataSources.All, ProgressWatch.For(progress, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a purchase (kept once for every period).</summary>
    /// <param name="purchase">The sale or refund.</param>
    /// <remarks>Buffered and applied in batches, as <see cref="ScorecardAccumulator.Add(Purchase)"/>.</remarks>
    /// <exception cref="CurrencyMismatchException">The purchase is in another currency than the series and no exchange-rate provider was given.</exception>
    /// <exception cref="AmountOverflowException">A purchase added earlier was refused when its batch was applied.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ThrowIfDisposed();
        _store.Add(new PurchaseRecord(purchase));
        MarkAll(DataSources.Purchases);
    }

    /// <summary>Adds a sale or refund given as a value, as <see cref="Add(Purchase)"/> adds one.</summary>
    /// <param name="purchase">The sale or refund; not the default value.</param>
    /// <exception cref="ArgumentException"><paramref name="purchase"/> is the default value.</exception>
    /// <exception cref="CurrencyMismatchException">The purchase is in another currency than the series and no exchange-rate provider was given.</exception>
    /// <exception cref="AmountOverflowException">A purchase added earlier was refused when its batch was applied.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(in PurchaseRecord purchase)
    {
        ThrowIfDisposed();
        _store.Add(in PurchaseValues.Checked(in purchase, nameof(purchase)));
        MarkAll(DataSources.Purchases);
    }

    /// <summary>Adds a purchase whose id a shared index keeps as <paramref name="id"/> (see <see cref="PartitionedStore{TRecord, TEntry, THistory, TPeriod, TRules}.Add(in TRecord, CustomerId)"/>).</summary>
    internal void Add(in PurchaseRecord purchase, CustomerId id)
    {
        ThrowIfDisposed();
        _store.Add(in purchase, id);
        MarkAll(DataSources.Purchases);
    }

    /// <summary>Adds a customer (its acquisition instant, when recorded).</summary>
    /// <param name="customer">The customer.</param>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ThrowIfDisposed();
        if (customer.AcquiredAt is { } acquired)
        {
            var table = _store.TableOf(customer.Id);
            table.PeriodForUpdate(table.IndexOf(customer.Id)).AddAcquisition(acquired.ToUnixTimeTicks());
        }

        MarkAll(DataSources.Customers);
    }

    /// <summary>Adds a survey answer.</summary>
    /// <param name="response">The answer.</param>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(SurveyResponse response)
    {
        ThrowIfDisposed();
        foreach (var accumulator in _periods)
        {
            accumulator.Add(response);
        }
    }

    /// <summary>Adds a cost entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(CostEntry entry)
    {
        ThrowIfDisposed();
        foreach (var accumulator in _periods)
        {
            accumulator.Add(entry);
        }
    }

    /// <summary>Adds a complaint.</summary>
    /// <param name="complaint">The complaint.</param>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(Complaint complaint)
    {
        ThrowIfDisposed();
        foreach (var accumulator in _periods)
        {
            accumulator.Add(complaint);
        }
    }

    /// <summary>Adds a suggestion or praise.</summary>
    /// <param name="feedback">The feedback.</param>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(Domain.Activity.Feedback feedback)
    {
        ThrowIfDisposed();
        foreach (var accumulator in _periods)
        {
            accumulator.Add(feedback);
        }
    }

    /// <summary>Adds a lead.</summary>
    /// <param name="lead">The lead.</param>
    /// <exception cref="ArgumentException">The lead reached a stage the funnel does not have.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(Lead lead)
    {
        ThrowIfDisposed();
        foreach (var accumulator in _periods)
        {
            accumulator.Add(lead);
        }
    }

    /// <summary>The scorecard of every period, in the order of <see cref="Periods"/>.</summary>
    /// <param name="computedAt">When they are computed (from your <see cref="IClock"/>); tells whether each period is complete.</param>
    /// <returns>The scorecards; each equals that of a <see cref="ScorecardAccumulator"/> of its period over the same records.</returns>
    /// <exception cref="AmountOverflowException">A total (revenue, a cost, a margin, a customer's lifetime sum) is beyond the range of <see cref="decimal"/>.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public IReadOnlyList<Scorecard> Result(Instant computedAt)
    {
        ThrowIfDisposed();
        try
        {
            return Array.AsReadOnly(Compute(computedAt));
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("computing the scorecards' totals", _periods[0].CurrencyOf(_currency.Target), e);
        }
    }

    private Scorecard[] Compute(Instant computedAt)
    {
        var calendar = _store.Rules.Calendar;
        var customers = _store.Seal();
        var count = _periods.Length;
        // Each period's customer-value rows sized once (as one period's are): no doubling lists left behind.
        var withRecord = SeriesScan.WithRecord(customers, calendar);
        var currencies = new Currency[count];
        var costs = new Costs.CostTotals[count];
        var loyalty = new LoyaltyMetrics.Scan[count];
        var value = new CustomerValue.CustomerValueMetrics.Scan[count];
        var cohorts = new Cohorts.CohortMatrix.Scan[count];
        for (var p = 0; p < count; p++)
        {
            currencies[p] = _periods[p].CurrencyOf(_currency.Target);
            costs[p] = _periods[p].CostsIn(currencies[p]);
            loyalty[p] = new LoyaltyMetrics.Scan(calendar.Calendars[p]);
            value[p] = new CustomerValue.CustomerValueMetrics.Scan(_options, costs[p], withRecord[p], Settings.KeepsRows(p, count));
            cohorts[p] = new Cohorts.CohortMatrix.Scan(calendar.Calendars[p]);
        }

        // With several threads and a large base, each thread scans the customers for a run of periods of its own.
        var threads = customers.ScanParallelism > 1 ? Math.Min(customers.ScanParallelism, count) : 1;
        Partitioned.For(threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            SeriesScan.Run(customers, calendar, loyalty, value, cohorts, count * t / threads, count * (t + 1) / threads));
        var cards = new Scorecard[count];
        for (var p = 0; p < count; p++)
        {
            var period = _periods[p];
            var loyaltyMetrics = loyalty[p].Result(currencies[p], SeriesScan.PriorPeriodNet(customers, p), _options, period.PurchasesSupplied);
            var purchasesAfter = SeriesScan.PurchasesAfter(customers, calendar, p) + _store.NotAdmitted;
            cards[p] = period.Assemble(computedAt, currencies[p], costs[p], loyaltyMetrics, value[p].Result(loyaltyMetrics.ActiveCustomers), cohorts[p].Result(), purchasesAfter);
        }

        return cards;
    }

    /// <summary>Returns the pooled memory the accumulator holds; any later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Release();
        }
    }

    /// <summary>Returns pooled memory and empties the accumulator: for the engine, once it has taken the result.</summary>
    internal void Release()
    {
        _store.Release();
        foreach (var accumulator in _periods)
        {
            accumulator.Release();
        }
    }

    void IIndexedPurchaseSink.AddPurchasesConcurrently<TSource, TReader>(IReadOnlyList<RecordSource<TSource>> sources, int threads, Action<long>? read, string parameterName, CancellationToken cancellationToken) =>
        _store.AddConcurrently<TSource, TReader>(sources, threads, read, parameterName, cancellationToken);

    private void MarkAll(DataSources kind)
    {
        if ((_periods[0].Supplied & kind) == 0)
        {
            foreach (var accumulator in _periods)
            {
                accumulator.MarkSupplied(kind);
            }
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>The periods as a list of their own, checked: one to <see cref="MaxPeriods"/>, in order, apart, in one zone.</summary>
    private static ReportingPeriod[] Check(IReadOnlyList<ReportingPeriod> periods)
    {
        const string name = nameof(periods);
        if (periods.Count is 0 or > MaxPeriods)
        {
            throw new ArgumentException($"Give 1 to {MaxPeriods} periods; {periods.Count.ToString(CultureInfo.InvariantCulture)} were given.", name);
        }

        var list = new ReportingPeriod[periods.Count];
        for (var p = 0; p < list.Length; p++)
        {
            var period = periods[p] ?? throw new ArgumentException($"Period {p.ToString(CultureInfo.InvariantCulture)} is null.", name);
            if (p > 0)
            {
                var before = list[p - 1];
                if (!period.Zone.Equals(before.Zone))
                {
                    throw new ArgumentException($"Period {p.ToString(CultureInfo.InvariantCulture)} is in {period.Zone.Id} and period 0 in {list[0].Zone.Id}; a series is in one zone.", name);
                }

                if (period.Dates.Start <= before.Dates.End)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Period {p} starts on {period.Dates.Start:uuuu-MM-dd}, not after period {p - 1} ends ({before.Dates.End:uuuu-MM-dd}): give the periods in time order, without overlaps."), name);
                }
            }

            list[p] = period;
        }

        return list;
    }
}
