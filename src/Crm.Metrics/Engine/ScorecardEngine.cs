using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Concurrency;
using Crm.Metrics.Costs;
using Crm.Metrics.Internal;
using Crm.Metrics.Storage;
using static Crm.Metrics.Engine.ScorecardRunner;

namespace Crm.Metrics.Engine;

/// <summary>What every service shares: options, clock, exchange rates, and running a data set through an accumulator.</summary>
internal sealed class ScorecardEngine
{
    private readonly IExchangeRateProvider? _exchangeRates;
    private readonly IClock _clock;

    public ScorecardEngine(CrmMetricsOptions options, IClock clock, IExchangeRateProvider? exchangeRates)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        Options = options.Clone(); // later changes to the caller's object change nothing
        _clock = clock;
        _exchangeRates = exchangeRates;
    }

    public CrmMetricsOptions Options { get; }

    public ScorecardAccumulator NewAccumulator(ReportingPeriod period, ScorecardSettings? settings) =>
        new(period, settings, Options, _exchangeRates);

    public Scorecard Run(CrmDataSet data, ReportingPeriod period, ScorecardSettings? settings, DataSources sources, IProgress<long>? progress = null, string parameterName = "data", CancellationToken cancellationToken = default)
    {
        var watch = ProgressWatch.For(progress, cancellationToken);
        var accumulator = NewAccumulator(period, settings);
        try
        {
            Fill(accumulator, data, sources, watch, parameterName);
            return ResultAndRelease(accumulator);
        }
        catch (OperationCanceledException)
        {
            accumulator.Release();
            throw;
        }
    }

    public Scorecard RunPartitioned(IReadOnlyList<CrmDataSet> partitions, ReportingPeriod period, ScorecardSettings? settings, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(period);
        if (partitions.Count == 0)
        {
            throw new ArgumentException("Give at least one partition.", nameof(partitions));
        }

        var watch = ProgressWatch.For(progress, cancellationToken);

        var execution = ExecutionSettings.Of(Options.Execution.MaxDegreeOfParallelism);
        var accumulators = new ScorecardAccumulator[partitions.Count];
        var shared = NewAccumulator(period, settings);
        try
        {
            // Purchases, the bulk, all go into one accumulator's tables, one source per thread at a time, with no
            // tables to merge. Their currency is the scorecard's: the one given, else — as in one pass over the
            // partitions one after the other — the first met in partition order, read on this thread before the
            // others start (with exchange rates the others convert to it; without, a second one is an error anyway).
            var sources = new List<RecordSource<Purchase>>(partitions.Count);
            var purchases = new List<Purchase>();
            for (var p = 0; p < partitions.Count; p++)
            {
                var data = partitions[p] ?? throw new ArgumentException($"Partition {p} is null.", nameof(partitions));
                if (data.Purchases is null)
                {
                    continue;
                }

                if (shared.Settings.Currency is null && shared.Currency is null)
                {
                    var read = ReadUntilCurrency(shared, data.Purchases, sources, cancellationToken);
                    watch?.Advance(read);
                }
                else
                {
                    RecordSource<Purchase>.Of(sources, data.Purchases);
                }
            }

            // Every other kind is read per partition, in parallel — once the currency is known. Without a purchase
            // that sets it, the first partitions are read in order on this thread until one of their costs does.
            var currency = settings?.Currency ?? shared.Currency;
            var first = 0;
            while (currency is null && first < partitions.Count)
            {
                accumulators[first] = FillPartition(partitions[first], null);
                currency = accumulators[first++].Currency;
            }

            Partitioned.For(partitions.Count - first, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = execution.Threads }, k =>
                accumulators[first + k] = FillPartition(partitions[first + k], currency));

            // The shared purchases and the merge run on all cores.
            long reported = 0;
            shared.Purchases.Store.AddConcurrently<Purchase, PurchaseObjects>(
                sources,
                execution.Threads,
                watch is null ? null : read =>
                {
                    watch.Advance(read - reported);
                    reported = read;
                },
                nameof(partitions),
                cancellationToken);
            watch?.Finish(); // the store reports the last count when every reader is done

            foreach (var accumulator in accumulators)
            {
                shared.Merge(accumulator);
            }

            return shared.Result(_clock.GetCurrentInstant());
        }
        finally
        {
            shared.Release();
            foreach (var accumulator in accumulators)
            {
                accumulator?.Release();
            }
        }

        ScorecardAccumulator FillPartition(CrmDataSet data, Currency? currency)
        {
            // The partitions are the parallelism: each accumulator runs on one thread.
            var accumulator = new ScorecardAccumulator(period, currency is null ? settings : (settings ?? new ScorecardSettings()) with { Currency = currency }, Options, _exchangeRates);
            accumulator.Purchases.Store.Execution = ExecutionSettings.SingleThread;
            FillKinds(accumulator, data, DataSources.All & ~DataSources.Purchases, watch, nameof(partitions));
            if (data.Purchases is not null)
            {
                accumulator.MarkSupplied(DataSources.Purchases);
            }

            return accumulator;
        }
    }

    /// <summary>
    /// Adds purchases to <paramref name="accumulator"/> on this thread until one sets the scorecard's currency, and
    /// the rest of them to <paramref name="sources"/> for the concurrent read.
    /// </summary>
    /// <returns>How many purchases were read.</returns>
    private static int ReadUntilCurrency(ScorecardAccumulator accumulator, IEnumerable<Purchase> purchases, List<RecordSource<Purchase>> sources, CancellationToken cancellationToken)
    {
        if (RecordSource<Purchase>.TryIndexed(purchases, out var slice, out var length))
        {
            var read = 0;
            while (accumulator.Currency is null && read < length)
            {
                accumulator.Add(Crm.Internal.Elements.NotNull(slice(read++, 1)[0], "partitions"));
                if (read % 4096 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            RecordSource<Purchase>.AddChunks(sources, slice, read, length - read);
            return read;
        }

        var enumerator = purchases.GetEnumerator();
        var more = true;
        var n = 0;
        while (accumulator.Currency is null && (more = enumerator.MoveNext()))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(enumerator.Current, "partitions"));
            if (++n % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        if (more)
        {
            sources.Add(new RecordSource<Purchase>(Rest(enumerator)));
        }
        else
        {
            enumerator.Dispose();
        }

        return n;

        static IEnumerable<Purchase> Rest(IEnumerator<Purchase> enumerator)
        {
            using (enumerator)
            {
                while (enumerator.MoveNext())
                {
                    yield return enumerator.Current;
                }
            }
        }
    }

    public ScorecardSeriesAccumulator NewSeries(IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings) =>
        new(periods, settings, Options, _exchangeRates);

    public IReadOnlyList<Scorecard> RunSeries(CrmDataSet data, IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var series = NewSeries(periods, settings);
        Fill(series, data, DataSources.All, ProgressWatch.For(progress, cancellationToken));
        return series.Result(_clock.GetCurrentInstant());
    }

    public async ValueTask<IReadOnlyList<Scorecard>> RunSeriesAsync(CrmAsyncDataSet data, IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var series = NewSeries(periods, settings);
        await FillAsync(series, data, DataSources.All, ProgressWatch.For(progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        return series.Result(_clock.GetCurrentInstant());
    }

    public async ValueTask<Scorecard> RunAsync(CrmAsyncDataSet data, ReportingPeriod period, ScorecardSettings? settings, DataSources sources, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var watch = ProgressWatch.For(progress, cancellationToken);
        var accumulator = NewAccumulator(period, settings);
        try
        {
            await FillAsync(accumulator, data, sources, watch, cancellationToken).ConfigureAwait(false);
            return ResultAndRelease(accumulator);
        }
        catch (OperationCanceledException)
        {
            accumulator.Release();
            throw;
        }
    }

    public ScorecardBreakdown Breakdown(CrmDataSet data, ReportingPeriod period, Func<CustomerId, string> groupOf, Func<CostEntry, string?> costGroupOf, ScorecardSettings? settings, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var watch = ProgressWatch.For(progress, cancellationToken);
        var router = NewRouter(period, groupOf, costGroupOf, settings);
        Fill(router, data, DataSources.All, watch);
        return router.Result(_clock.GetCurrentInstant());
    }

    public async ValueTask<ScorecardBreakdown> BreakdownAsync(CrmAsyncDataSet data, ReportingPeriod period, Func<CustomerId, string> groupOf, Func<CostEntry, string?> costGroupOf, ScorecardSettings? settings, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var watch = ProgressWatch.For(progress, cancellationToken);
        var router = NewRouter(period, groupOf, costGroupOf, settings);
        await FillAsync(router, data, DataSources.All, watch, cancellationToken).ConfigureAwait(false);
        return router.Result(_clock.GetCurrentInstant());
    }

    /// <summary>The result of an accumulator the engine owns, whose pooled memory then goes back for the next computation.</summary>
    private Scorecard ResultAndRelease(ScorecardAccumulator accumulator)
    {
        var scorecard = accumulator.Result(_clock.GetCurrentInstant());
        accumulator.Release();
        return scorecard;
    }

    private GroupRouter NewRouter(ReportingPeriod period, Func<CustomerId, string> groupOf, Func<CostEntry, string?> costGroupOf, ScorecardSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(groupOf);
        ArgumentNullException.ThrowIfNull(costGroupOf);

        // Groups do not read leads: their funnels stay empty (the whole scorecard has the conversion figures).
        var groupSettings = (settings ?? new ScorecardSettings()) with { Funnel = null };
        return new GroupRouter(this, period, groupSettings, groupOf, costGroupOf, new CostAccumulator(period, groupSettings.Currency, _exchangeRates));
    }

    /// <summary>Routes each record to the accumulator of its customer's group (costs: to the caller's attribution).</summary>
    private sealed class GroupRouter(
        ScorecardEngine engine,
        ReportingPeriod period,
        ScorecardSettings settings,
        Func<CustomerId, string> groupOf,
        Func<CostEntry, string?> costGroupOf,
        CostAccumulator unattributed) : IRecordSink
    {
        private readonly SortedDictionary<string, ScorecardAccumulator> _groups = new(StringComparer.Ordinal);
        private DataSources _supplied;

        // Every group sees the kinds the whole data set supplies: a group without complaints had none.
        public void MarkSupplied(DataSources sources) => _supplied |= sources;

        public void Add(Customer customer) => Group(customer.Id).Add(customer);

        public void Add(Purchase purchase) => Group(purchase.CustomerId).Add(purchase);

        public void Add(in PurchaseRecord purchase) => Group(purchase.CustomerId).Add(in purchase);

        public void Add(SurveyResponse response) => Group(response.CustomerId).Add(response);

        public void Add(Complaint complaint) => Group(complaint.CustomerId).Add(complaint);

        public void Add(Domain.Activity.Feedback feedback) => Group(feedback.CustomerId).Add(feedback);

        public void Add(Lead lead)
        {
            // Leads are not split by group.
        }

        public void Add(CostEntry entry)
        {
            if (costGroupOf(entry) is { Length: > 0 } name)
            {
                Named(name).Add(entry);
            }
            else
            {
                unattributed.Add(entry);
            }
        }

        public ScorecardBreakdown Result(Instant now)
        {
            var results = new SortedDictionary<string, Scorecard>(StringComparer.Ordinal);
            foreach (var (name, accumulator) in _groups)
            {
                accumulator.MarkSupplied(_supplied);
                results.Add(name, accumulator.Result(now));
                accumulator.Release();
            }

            return new ScorecardBreakdown(results, unattributed.Result(settings.Currency ?? settings.FallbackCurrency));
        }

        private ScorecardAccumulator Group(CustomerId customer) =>
            groupOf(customer) is { Length: > 0 } name
                ? Named(name)
                : throw new InvalidOperationException(
                    $"The grouping returned no group name for customer {customer}; return a name for every customer, e.g. \"(none)\".");

        private ScorecardAccumulator Named(string name)
        {
            if (!_groups.TryGetValue(name, out var accumulator))
            {
                accumulator = engine.NewAccumulator(period, settings);
                _groups.Add(name, accumulator);
            }

            return accumulator;
        }
    }
}
