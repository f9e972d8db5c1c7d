using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// Accumulates purchases (and, optionally, customers' acquisition instants) for the purchase, loyalty,
/// acquisition and customer-value metrics of a period, in one pass and in memory proportional to the number of
/// customers, not purchases. Merging accumulators of the same period and options is exact, whatever the
/// partition and order of the records.
/// </summary>
/// <remarks>
/// <para>Records after the period's end are ignored (counted in <see cref="RecordsAfterPeriod"/>): a scorecard
/// describes the period as it was. Records before the period feed the customers' history: first sale,
/// activity in the window before the period (retention), the previous period's revenue (growth) and
/// lifetime margin (historical CLV).</para>
/// <para>Amounts are converted to the scorecard's currency (see <see cref="Currency"/>). A refund without a
/// cost reverses no cost; a sale without a cost makes margins that include it undefined unless
/// <see cref="CrmMetricsOptions.TreatMissingCostAsZero"/> is set.</para>
/// <para>Not thread-safe: use one per thread or partition and <see cref="Merge"/> them.</para>
/// </remarks>
public sealed class PurchaseAccumulator
{
    // Radix-partitioned aggregation: each purchase waits in its partition's region of a buffer (the partition is
    // given by the customer id's hash), and a flush applies one partition at a time, so each partition's index and
    // state are loaded into cache once per flush instead of once per purchase. Regions grow with the number of
    // customers (the buffer holds about twice as many purchases as there are customers, within bounds), never with
    // the number of purchases. On several cores, large batches are applied on the thread pool while the next batch
    // fills (batches are applied one after the other, in order, so the result does not change).
    private const int PartitionBits = 6;
    private const int Partitions = 1 << PartitionBits;
    private const int MinRegion = 64;
    private const int MaxRegion = 1 << 16;
    private const int ParallelFlushThreshold = 1 << 15;
    private const int WriteAhead = 4; // entries a region's write is prefetched ahead: 2 and 4 measured best, 8 worse
    private const int ReportEvery = 1 << 16; // progress of AddIndexed, in purchases
    private const long AverageMonthTicks = 2_629_746 * TimeSpan.TicksPerSecond; // 365.2425 days / 12
    private readonly CustomerTable[] _tables = CreateTables();
    private Batch? _batch;    // filling
    private Batch? _flushing; // being applied by _inFlight
    private Batch? _spare;    // applied, kept for the next swap
    private Task? _inFlight;
    private readonly long[] _dayStartTicks;
    private readonly long _startTicks;
    private readonly long _endTicks;
    private readonly long _windowStartTicks;
    private readonly long _priorStartTicks;
    private readonly long[] _monthStartTicks;
    private readonly CurrencyScope _currency;
    private int _parallelism;
    private readonly int[] _busy = new int[Partitions]; // per partition: 1 while a thread of AddConcurrently applies to its table

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="period">The reporting period.</param>
    /// <param name="options">The options (retention window and method, missing costs); defaults when <c>null</c>.</param>
    /// <param name="currency">The scorecard's currency; when <c>null</c>, the first currency met.</param>
    /// <param name="exchangeRates">Converts other currencies; without it, a second currency is an error.</param>
    public PurchaseAccumulator(ReportingPeriod period, CrmMetricsOptions? options = null, Currency? currency = null, IExchangeRateProvider? exchangeRates = null)
        : this(period, options ?? new CrmMetricsOptions(), new CurrencyScope(currency, exchangeRates, period?.Zone ?? DateTimeZone.Utc))
    {
    }

    internal PurchaseAccumulator(ReportingPeriod period, CrmMetricsOptions options, CurrencyScope currency)
    {
        ArgumentNullException.ThrowIfNull(period);
        Period = period;
        Options = options;
        _currency = currency;
        _parallelism = options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        _startTicks = period.Start.ToUnixTimeTicks();
        _endTicks = period.End.ToUnixTimeTicks();
        _windowStartTicks = period.StartOf(period.Dates.Start.PlusDays(-options.RetentionWindowDays)).ToUnixTimeTicks();
        _priorStartTicks = period.Previous().Start.ToUnixTimeTicks();
        // Cohort months: the CohortMonths calendar months up to the period's last, and the start of the month after.
        var lastMonth = new LocalDate(period.Dates.End.Year, period.Dates.End.Month, 1);
        _monthStartTicks = new long[options.CohortMonths + 1];
        for (var m = 0; m <= options.CohortMonths; m++)
        {
            _monthStartTicks[m] = period.StartOf(lastMonth.PlusMonths(m - options.CohortMonths + 1)).ToUnixTimeTicks();
        }

        _dayStartTicks = new long[period.LengthInDays + 1];
        for (var i = 0; i <= period.LengthInDays; i++)
        {
            _dayStartTicks[i] = period.StartOf(period.Dates.Start.PlusDays(i)).ToUnixTimeTicks();
        }
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The scorecard's currency: the one given, or the first met; <c>null</c> while none is known.</summary>
    public Currency? Currency => _currency.Target;

    /// <summary>Records seen after the period's end (ignored).</summary>
    public long RecordsAfterPeriod { get; private set; }

    /// <summary>Number of customers tracked (with a purchase up to the period's end, or an acquisition instant).</summary>
    public int CustomerCount
    {
        get
        {
            Flush();
            return CustomerCountFlushed;
        }
    }

    internal long StartTicks => _startTicks;

    /// <summary>How many threads flushes, merges and concurrent reads may use (the engine raises it for partitions).</summary>
    internal int Parallelism
    {
        get => _parallelism;
        set => _parallelism = value == -1 ? Environment.ProcessorCount : value;
    }

    internal long EndTicks => _endTicks;

    internal CrmMetricsOptions Options { get; }

    internal CurrencyScope CurrencyScope => _currency;

    /// <summary>
    /// The per-customer state, partitioned; all buffered purchases applied and period states in customer order.
    /// The first read prepares them; later reads change nothing, so results may then scan them concurrently.
    /// </summary>
    internal CustomerTable[] Tables
    {
        get
        {
            Flush();
            ReleaseBuffer();
            var parallelism = ScanParallelism;
            if (parallelism > 1)
            {
                Partitioned.For(Partitions, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, p => _tables[p].OrderPeriods());
            }
            else
            {
                foreach (var table in _tables)
                {
                    table.OrderPeriods();
                }
            }

            return _tables;
        }
    }

    /// <summary>Customers with a sale in the period.</summary>
    internal long ActiveCustomers
    {
        get
        {
            long active = 0;
            foreach (var table in Tables)
            {
                active += table.ActiveCount();
            }

            return active;
        }
    }

    /// <summary>How many threads the result's scans over the customers may use: 1 unless several are allowed and there are enough customers.</summary>
    internal int ScanParallelism => _parallelism > 1 && CustomerCountFlushed >= ParallelFlushThreshold ? _parallelism : 1;

    private int CustomerCountFlushed
    {
        get
        {
            var customers = 0;
            foreach (var table in _tables)
            {
                customers += table.Count;
            }

            return customers;
        }
    }

    internal decimal PriorPeriodNet
    {
        get
        {
            Flush();
            var total = 0m;
            foreach (var table in _tables)
            {
                total += table.PriorNet;
            }

            return total;
        }
    }

    /// <summary>Adds one purchase.</summary>
    /// <param name="purchase">The sale or refund.</param>
    /// <remarks>
    /// Purchases are buffered and applied in batches. One whose amounts would take its customer's sums beyond the
    /// range of <see cref="decimal"/> is left out whole, the others applied, and the <see cref="AmountOverflowException"/>
    /// is thrown when its batch is applied (by a later call that adds, merges or reads).
    /// </remarks>
    /// <exception cref="CurrencyMismatchException">The purchase is in another currency and no exchange-rate provider was given.</exception>
    /// <exception cref="AmountOverflowException">A purchase added earlier was refused when its batch was applied.</exception>
    public void Add(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        var at = purchase.OccurredAt;
        var ticks = at.ToUnixTimeTicks();
        if (ticks >= _endTicks)
        {
            RecordsAfterPeriod++;
            return;
        }

        var batch = _batch ??= TakeBatch(WantedRegion());
        if (Buffer(batch, purchase, at, ticks))
        {
            BatchFull(batch);
        }
    }

    /// <summary>
    /// The fewest purchases per thread for which <see cref="AddIndexed"/> reads on several threads (below it, the
    /// threads cost more than they save); tests lower it to exercise the threads on small inputs.
    /// </summary>
    internal int ParallelReadMinimum { get; set; } = Partitioned.SplitThreshold;

    /// <summary>Whether <see cref="AddIndexed"/> would read <paramref name="count"/> purchases on several threads.</summary>
    internal bool ReadsInParallel(int count) => FillThreads(count) > 1;

    /// <summary>
    /// Adds the purchases of an indexed source (an array, list or array segment, unchanged meanwhile); a large one is read on
    /// several threads, in chunks each thread takes in turn (see <see cref="AddConcurrently"/>). The scorecard's
    /// currency, when not given, is still the first one met in input order: this thread reads until it is known.
    /// </summary>
    /// <param name="count">The number of purchases.</param>
    /// <param name="slice">The purchases [start, start + length) as a span.</param>
    /// <param name="advanced">Called on the caller's thread, about every 65,536 purchases, with how many more were read.</param>
    /// <param name="parameterName">The caller's parameter that holds the purchases, named when one of them is null.</param>
    internal void AddIndexed(int count, SpanSlice<Purchase> slice, string parameterName, Action<long>? advanced)
    {
        var threads = FillThreads(count);
        var first = 0;
        var head = slice(0, count);
        while (_currency.Target is null && first < count)
        {
            Add(Crm.Internal.Elements.NotNull(head[first++], parameterName));
        }

        var sources = new List<PurchaseSource>();
        PurchaseSource.AddChunks(sources, slice, first, count - first);
        long reported = 0; // told to advanced so far, the purchases read before the threads start included
        AddConcurrently(
            sources,
            threads,
            read =>
            {
                advanced?.Invoke(first + read - reported);
                reported = first + read;
            },
            parameterName,
            CancellationToken.None);
        advanced?.Invoke(count - reported);
    }

    /// <summary>
    /// Adds the purchases of several sources at once on up to <paramref name="threads"/> threads (the first on the
    /// caller's), each into a buffer of its own. Each thread takes the next source not yet taken, so that the threads
    /// finish together (indexed sources come as chunks of <see cref="PurchaseSource.ChunkSize"/>; see
    /// <see cref="PurchaseSource.Of"/>). A thread whose buffer is full applies it partition by partition, taking each
    /// partition's table while no other thread holds it and coming back later to those another thread is applying:
    /// reading and applying run on every core, with no tables to merge. The result is the one of adding the
    /// purchases in turn, which does not depend on their order. Without a currency given, the first thread to meet
    /// one sets it: with several currencies and exchange rates that would depend on timing, so callers give a
    /// currency first (or have no rates, when a second currency is an error whichever comes first).
    /// </summary>
    /// <param name="sources">The sources.</param>
    /// <param name="threads">The most threads to use.</param>
    /// <param name="read">Called on the caller's thread, about every 65,536 of its purchases, with how many purchases all threads have read.</param>
    /// <param name="cancellationToken">Checked every 4,096 purchases.</param>
    /// <exception cref="Exception">What the first source (in order) to fail threw; after an error no further source is taken.</exception>
    /// <param name="parameterName">The caller's parameter that holds the purchases, named when one of them is null.</param>
    internal void AddConcurrently(IReadOnlyList<PurchaseSource> sources, int threads, Action<long>? read, string parameterName, CancellationToken cancellationToken)
    {
        // A batch being applied on the thread pool uses the tables without taking them: wait for it.
        Settle();
        threads = Math.Clamp(threads, 1, Math.Max(1, sources.Count));
        var counts = new long[threads];
        var failures = new (int Source, System.Runtime.ExceptionServices.ExceptionDispatchInfo Error)?[threads];
        var next = -1; // the last source taken
        var failed = false;
        var readers = new SourceReader[threads];
        for (var t = 0; t < threads; t++)
        {
            readers[t] = new SourceReader(this, t, threads, counts, t == 0 && read is not null ? () => read(Sum(counts)) : null, parameterName, cancellationToken);
        }

        var others = new Task[threads - 1];
        for (var t = 1; t < threads; t++)
        {
            var thread = t;
            others[t - 1] = Task.Run(() => ReadSources(thread), CancellationToken.None);
        }

        ReadSources(0);

        // The other threads use the tables: never return while one still runs. Their errors are caught in ReadSources.
        Task.WaitAll(others, CancellationToken.None);

        // The buffers go back to the pool from this thread, where the next computation's threads find them (a
        // buffer returned on a pool thread would wait in that thread's own slot, and the next one allocate anew).
        foreach (var reader in readers)
        {
            reader.ReturnBuffers();
        }

        if (failures.Where(f => f is not null).MinBy(f => f!.Value.Source) is { } first)
        {
            first.Error.Throw();
        }

        foreach (var reader in readers)
        {
            RecordsAfterPeriod += reader.After;
        }

        read?.Invoke(Sum(counts));

        void ReadSources(int thread)
        {
            var reader = readers[thread];
            int source;
            while (!Volatile.Read(ref failed) && (source = Interlocked.Increment(ref next)) < sources.Count)
            {
                try
                {
                    reader.Read(sources[source]);
                }
                catch (Exception e)
                {
                    // Sources taken before this one are still read to the end: an error there came first.
                    failures[thread] = (source, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e));
                    Volatile.Write(ref failed, true);
                    return;
                }
            }

            reader.Finish();
        }

        static long Sum(long[] values)
        {
            long sum = 0;
            for (var i = 0; i < values.Length; i++)
            {
                sum += Volatile.Read(ref values[i]);
            }

            return sum;
        }
    }

    /// <summary>
    /// The threads <see cref="AddIndexed"/> reads <paramref name="count"/> purchases on: as many as allowed, each with
    /// at least <see cref="ParallelReadMinimum"/> purchases.
    /// </summary>
    private int FillThreads(int count) => _parallelism < 2 ? 1 : Math.Max(1, Math.Min(_parallelism, count / ParallelReadMinimum));

    /// <summary>
    /// Applies a thread's batch to the shared tables: each partition while no other thread holds it, starting at this
    /// thread's share of the partitions and coming back to those that were busy.
    /// </summary>
    private void ApplyShared(Batch batch, int thread, int threads)
    {
        var busy = _busy;
        var offset = thread * Partitions / threads;
        var left = 0;
        for (var p = 0; p < Partitions; p++)
        {
            left += batch.Fill[p] > 0 ? 1 : 0;
        }

        var spin = default(SpinWait);
        while (left > 0)
        {
            var applied = false;
            for (var k = 0; k < Partitions; k++)
            {
                var p = (offset + k) & (Partitions - 1);
                if (batch.Fill[p] == 0 || Interlocked.CompareExchange(ref busy[p], 1, 0) != 0)
                {
                    continue;
                }

                try
                {
                    ApplyPartition(batch, p);
                }
                finally
                {
                    Volatile.Write(ref busy[p], 0);
                }

                left--;
                applied = true;
            }

            if (!applied)
            {
                spin.SpinOnce();
            }
        }

        batch.ThrowRefused();
    }

    /// <summary>
    /// Hints the processor to fetch the buffer entry at <paramref name="index"/> (the last entry when past the end;
    /// x86; elsewhere nothing).
    /// </summary>
    private static unsafe void PrefetchEntry(PendingPurchase[] buffer, int index)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            ref var first = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(buffer);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.CompilerServices.Unsafe.Add(ref first, Math.Min(index, buffer.Length - 1))));
        }
    }

    /// <summary>Converts a purchase and appends it to its partition's region; true when that region is now full.</summary>
    private bool Buffer(Batch batch, Purchase purchase, Instant at, long ticks)
    {
        var amount = _currency.Convert(purchase.Amount, at);
        decimal? cost = purchase.Cost is { } c ? _currency.Convert(c, at) : null;
        var id = purchase.CustomerId;
        var partition = Partition(id);
        var fill = batch.Fill[partition]++;

        // The 64 regions are 64 write streams, more than the processor's prefetcher follows: ask for the line of the
        // entry a few places on in this region, so that writing it later does not wait for memory.
        var index = (partition * batch.Region) + fill;
        PrefetchEntry(batch.Buffer, index + WriteAhead);

        // Field by field: constructing the entry and copying it in cost about 10 % more of a 10M pass.
        ref var entry = ref batch.Buffer[index];
        entry.Id = id;
        entry.Ticks = ticks;
        entry.Amount = amount;
        entry.Cost = cost ?? 0m;
        entry.HasCost = cost is not null;
        entry.IsSale = purchase.Kind == PurchaseKind.Sale;
        return fill + 1 == batch.Region;
    }

    /// <summary>
    /// A region of the filling batch is full. A large batch on several cores is applied on the thread pool while a
    /// new batch fills (after the one before it is applied: batches apply in order); otherwise it is applied now.
    /// </summary>
    private void BatchFull(Batch batch)
    {
        Settle();
        if (_parallelism > 1 && batch.Pending >= ParallelFlushThreshold)
        {
            _flushing = batch;
            _batch = TakeBatch(WantedRegion());
            _inFlight = Task.Run(() => ApplyBatch(batch));
            return;
        }

        ApplyBatch(batch);
        if (WantedRegion() > batch.Region)
        {
            _batch = null;
            KeepSpare(batch);
        }
    }

    /// <summary>
    /// Applies the buffered purchases, partition by partition. Partitions are disjoint, so large flushes apply them
    /// on several threads (<see cref="CrmMetricsOptions.MaxDegreeOfParallelism"/>) with identical results.
    /// </summary>
    internal void Flush()
    {
        Settle();
        if (_batch is { } batch)
        {
            ApplyBatch(batch);
        }
    }

    /// <summary>Waits for the batch being applied on the thread pool, if any, and keeps its buffer for reuse.</summary>
    private void Settle()
    {
        if (_inFlight is not { } task)
        {
            return;
        }

        try
        {
            task.GetAwaiter().GetResult();
        }
        finally
        {
            _inFlight = null;
            KeepSpare(_flushing);
            _flushing = null;
        }
    }

    private void ApplyBatch(Batch batch)
    {
        var pending = batch.Pending;
        if (pending == 0)
        {
            return;
        }

        if (_parallelism > 1 && pending >= ParallelFlushThreshold)
        {
            Partitioned.For(Partitions, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, p => ApplyPartition(batch, p));
        }
        else
        {
            for (var p = 0; p < Partitions; p++)
            {
                ApplyPartition(batch, p);
            }
        }

        batch.ThrowRefused();
    }

    private void ApplyPartition(Batch batch, int partition)
    {
        var count = batch.Fill[partition];
        if (count == 0)
        {
            return;
        }

        var table = _tables[partition];
        var region = batch.Buffer.AsSpan(partition * batch.Region, count);
        var k = 0;
        while (true)
        {
            try
            {
                // The lookups are independent and each misses the cache: ask for the index slot of the purchase a few
                // places on, and for the state its slot points at a few places on, so that those loads overlap with
                // this purchase's work instead of waiting in turn.
                for (; k < region.Length; k++)
                {
                    if (k + CustomerTable.SlotAhead < region.Length)
                    {
                        table.PrefetchSlot(region[k + CustomerTable.SlotAhead].Id);
                    }

                    if (k + CustomerTable.StateAhead < region.Length)
                    {
                        table.PrefetchState(region[k + CustomerTable.StateAhead].Id);
                    }

                    Apply(table, region[k]);
                }

                break;
            }
            catch (OverflowException e)
            {
                // That purchase is refused whole (Apply changed nothing); the others of the batch still apply, and the
                // first refusal is thrown once the batch is applied.
                Interlocked.CompareExchange(ref batch.Error, new AmountOverflowException("adding a purchase to its customer's sums", _currency.Target ?? default, e), null);
                k++;
            }
        }

        batch.Fill[partition] = 0;
    }

    /// <summary>
    /// Applies one purchase to its customer's row. Every sum is computed before anything is written, so a purchase
    /// whose amounts would leave the decimal range throws <see cref="OverflowException"/> with the row (and the
    /// table's prior-period sum) unchanged: a new customer's row starts at zero, where one amount cannot overflow.
    /// </summary>
    private void Apply(CustomerTable table, in PendingPurchase purchase)
    {
        var ticks = purchase.Ticks;
        var amount = purchase.Amount;
        var inPeriod = ticks >= _startTicks;
        var isSale = purchase.IsSale;
        var countsPrior = !inPeriod && ticks >= _priorStartTicks;
        var priorNet = countsPrior ? (isSale ? table.PriorNet + amount : table.PriorNet - amount) : 0m;
        var i = table.IndexOf(purchase.Id);
        ref var history = ref table.History(i);
        var lifetimeNet = isSale ? history.LifetimeNet + amount : history.LifetimeNet - amount;
        var lifetimeCost = isSale ? history.LifetimeCost + purchase.Cost : history.LifetimeCost - purchase.Cost;
        if (inPeriod)
        {
            ref var period = ref table.PeriodForUpdate(i);
            if (isSale)
            {
                var periodSales = period.PeriodSalesAmount + amount;
                var periodCost = period.PeriodCost + purchase.Cost;
                period.PeriodSalesAmount = periodSales;
                period.PeriodCost = periodCost;
                period.PeriodSales++;
                period.AddSaleDay(DayIndex(ticks) + 1);
                period.PeriodSalesWithoutCost += purchase.HasCost ? 0 : 1;
            }
            else
            {
                // A refund without a cost reverses no cost (its cost is 0).
                var refunds = period.PeriodRefundAmount + amount;
                var periodCost = period.PeriodCost - purchase.Cost;
                period.PeriodRefundAmount = refunds;
                period.PeriodCost = periodCost;
            }

            period.HasPeriodRecord = true;
        }
        else if (countsPrior)
        {
            table.PriorNet = priorNet;
        }

        history.LifetimeNet = lifetimeNet;
        history.LifetimeCost = lifetimeCost;
        if (isSale)
        {
            history.FirstSaleTicks = Math.Min(history.FirstSaleTicks, ticks);
            if (ticks >= _monthStartTicks[0])
            {
                history.SaleMonths |= 1UL << MonthIndex(ticks);
            }

            history.LifetimeSalesWithoutCost += purchase.HasCost ? 0 : 1;
            history.SaleInWindowBefore |= !inPeriod && ticks >= _windowStartTicks;
        }
    }

    /// <summary>
    /// Adds a customer's acquisition instant (<see cref="Customer.AcquiredAt"/>), which then defines when the
    /// customer was acquired instead of its first sale. Customers without one change nothing.
    /// </summary>
    /// <param name="customer">The customer.</param>
    public void Add(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.AcquiredAt is { } acquired)
        {
            AddAcquisition(customer.Id, acquired);
        }
    }

    /// <summary>
    /// Records when a customer was acquired, which then counts instead of its first sale. When several instants
    /// are given for one customer, the earliest counts.
    /// </summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="acquiredAt">When it was acquired.</param>
    public void AddAcquisition(CustomerId customerId, Instant acquiredAt)
    {
        if (customerId.Value.Length == 0)
        {
            throw new ArgumentException("The customer id is the default (uninitialised) value.", nameof(customerId));
        }

        Settle();
        var table = _tables[Partition(customerId)];
        table.PeriodForUpdate(table.IndexOf(customerId)).AddAcquisition(acquiredAt.ToUnixTimeTicks());
    }

    /// <summary>Adds the state of another accumulator of the same period and options.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <remarks>Checked whole before anything changes: on an error this accumulator is as it was.</remarks>
    /// <exception cref="ArgumentException">The period or options differ, or a merged count would leave its range.</exception>
    /// <exception cref="CurrencyMismatchException">The two are in different currencies.</exception>
    /// <exception cref="AmountOverflowException">A merged amount would leave the range of <see cref="decimal"/>.</exception>
    public void Merge(PurchaseAccumulator other)
    {
        CheckMerge(other);
        _currency.Merge(other._currency);
        MergeChecked(other);
    }

    /// <summary>
    /// Throws what <see cref="Merge"/> would throw, changing nothing: other period or options, another currency, or a
    /// sum that would leave its range (both accumulators' buffered purchases are applied first).
    /// </summary>
    internal void CheckMerge(PurchaseAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Accumulators.RequireMergeable(
            this,
            other,
            Period,
            other.Period,
            Options.RetentionWindowDays == other.Options.RetentionWindowDays
                && Options.RetentionMethod == other.Options.RetentionMethod
                && Options.TreatMissingCostAsZero == other.Options.TreatMissingCostAsZero
                && Options.CohortMonths == other.Options.CohortMonths);
        _currency.CheckMerge(other._currency);
        Flush();
        other.Flush();
        Sums.RequireCountFit(RecordsAfterPeriod, other.RecordsAfterPeriod, "the purchases after the period", nameof(other));
        for (var p = 0; p < _tables.Length; p++)
        {
            switch (_tables[p].MergeFits(other._tables[p]))
            {
                case MergeFit.AmountOverflows:
                    throw new AmountOverflowException("merging the customers' sums of two partitions", _currency.Target ?? other._currency.Target ?? default);
                case MergeFit.CountOverflows:
                    throw new ArgumentException("Merging would take a customer's count of sales beyond 2,147,483,647; nothing was merged.", nameof(other));
            }
        }
    }

    /// <summary>Merges the tables of an accumulator that <see cref="CheckMerge"/> accepted (the currency already merged).</summary>
    internal void MergeChecked(PurchaseAccumulator other)
    {
        // The partitions' tables are disjoint: large merges run them on several threads, with identical results.
        if (_parallelism > 1 && other.CustomerCount >= ParallelFlushThreshold)
        {
            Parallel.For(0, _tables.Length, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, p => _tables[p].Merge(other._tables[p]));
        }
        else
        {
            for (var p = 0; p < _tables.Length; p++)
            {
                _tables[p].Merge(other._tables[p]);
            }
        }

        RecordsAfterPeriod += other.RecordsAfterPeriod;
    }

    /// <summary>The purchase and loyalty metrics over what was added.</summary>
    /// <param name="fallbackCurrency">The currency of the money results when no amount was seen and none was given.</param>
    /// <returns>A snapshot.</returns>
    /// <exception cref="AmountOverflowException">A total (revenue, an average's sum) is beyond the range of <see cref="decimal"/>.</exception>
    public LoyaltyMetrics LoyaltyResult(Currency fallbackCurrency)
    {
        if (fallbackCurrency == default)
        {
            throw new ArgumentException("The fallback currency is the default (uninitialised) value; give an ISO 4217 currency.", nameof(fallbackCurrency));
        }

        try
        {
            return LoyaltyMetrics.From(this, fallbackCurrency);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("computing the period's revenue and loyalty totals", Currency ?? fallbackCurrency, e);
        }
    }

    internal States.PurchaseState ToState()
    {
        Flush();
        var customers = new List<States.CustomerPurchaseState>(CustomerCount);
        var priorNet = 0m;
        foreach (var table in _tables)
        {
            priorNet += table.PriorNet;
            for (var i = 0; i < table.Count; i++)
            {
                ref readonly var history = ref table.History(i);
                var row = new States.CustomerPurchaseState
                {
                    Id = table.Id(i).Value,
                    FirstSaleTicks = history.HasSale ? history.FirstSaleTicks : null,
                    LifetimeNet = history.LifetimeNet,
                    LifetimeCost = history.LifetimeCost,
                    LifetimeSalesWithoutCost = history.LifetimeSalesWithoutCost,
                    SaleInWindowBefore = history.SaleInWindowBefore,
                    SaleMonths = history.SaleMonths,
                };
                if (table.HasPeriod(i))
                {
                    ref readonly var period = ref table.Period(i);
                    row = row with
                    {
                        AcquiredTicks = period.HasAcquisition ? period.AcquiredTicks : null,
                        HasPeriodRecord = period.HasPeriodRecord,
                        PeriodSales = period.PeriodSales,
                        FirstSaleDay = period.FirstSaleDayPlusOne,
                        SalesOnSeveralDays = period.SalesOnSeveralDays,
                        PeriodSalesAmount = period.PeriodSalesAmount,
                        PeriodRefundAmount = period.PeriodRefundAmount,
                        PeriodCost = period.PeriodCost,
                        PeriodSalesWithoutCost = period.PeriodSalesWithoutCost,
                    };
                }

                customers.Add(row);
            }
        }

        return new States.PurchaseState { Customers = customers, PriorPeriodNet = priorNet, AfterPeriod = RecordsAfterPeriod };
    }

    /// <summary>
    /// Reads a state into this empty accumulator; the state's rules were checked first
    /// (<see cref="States.PurchaseStateRules"/>: one row per customer, fields within the layout).
    /// </summary>
    internal void ReadState(States.PurchaseState state)
    {
        foreach (var row in state.Customers)
        {
            var id = new CustomerId(row.Id);
            var table = _tables[Partition(id)];
            var i = table.IndexOf(id);
            table.History(i) = new CustomerHistory
            {
                FirstSaleTicks = row.FirstSaleTicks ?? CustomerHistory.NoSale,
                LifetimeNet = row.LifetimeNet,
                LifetimeCost = row.LifetimeCost,
                LifetimeSalesWithoutCost = row.LifetimeSalesWithoutCost,
                SaleInWindowBefore = row.SaleInWindowBefore,
                SaleMonths = row.SaleMonths,
            };
            if (row.AcquiredTicks is not null || row.HasPeriodRecord)
            {
                table.PeriodForUpdate(i) = new CustomerPeriod
                {
                    HasAcquisition = row.AcquiredTicks is not null,
                    AcquiredTicks = row.AcquiredTicks ?? 0,
                    HasPeriodRecord = row.HasPeriodRecord,
                    PeriodSales = row.PeriodSales,
                    FirstSaleDayPlusOne = row.FirstSaleDay,
                    SalesOnSeveralDays = row.SalesOnSeveralDays,
                    PeriodSalesAmount = row.PeriodSalesAmount,
                    PeriodRefundAmount = row.PeriodRefundAmount,
                    PeriodCost = row.PeriodCost,
                    PeriodSalesWithoutCost = row.PeriodSalesWithoutCost,
                };
            }
        }

        _tables[0].PriorNet = state.PriorPeriodNet;
        RecordsAfterPeriod = state.AfterPeriod;
    }

    /// <summary>The partition of a customer: the high bits of its cached hash code (the key is not read).</summary>
    private static int Partition(CustomerId id) => (int)((uint)id.GetHashCode() >> (32 - PartitionBits));

    /// <summary>The region size for the customers applied so far: twice as many purchases as customers, within bounds.</summary>
    private int WantedRegion() =>
        (int)Math.Min(MaxRegion, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinRegion, 2 * CustomerCountFlushed / Partitions)));

    /// <summary>A batch with regions of <paramref name="region"/> purchases: the spare one when it fits, else a new one.</summary>
    private Batch TakeBatch(int region)
    {
        if (_spare is { } spare)
        {
            _spare = null;
            if (spare.Region == region)
            {
                return spare;
            }

            spare.Return();
        }

        return new Batch(region);
    }

    // Buffers are pooled (fresh memory pages are expensive): rented on the first purchase, returned when a result
    // is taken (every applied region is cleared, so no reference stays in the pool), rented again if more come.
    private void ReleaseBuffer()
    {
        Settle();
        _batch?.Return();
        _batch = null;
        KeepSpare(null);
    }

    /// <summary>
    /// Returns the buffers and the customer tables' arrays to the pool and empties the accumulator: for the engine,
    /// which owns its accumulators and calls this once their result is taken.
    /// </summary>
    internal void Release()
    {
        ReleaseBuffer();
        foreach (var table in _tables)
        {
            table.Release();
        }

        RecordsAfterPeriod = 0;
    }

    /// <summary>Keeps an applied batch for the next swap, returning the one kept before to the pool.</summary>
    private void KeepSpare(Batch? batch)
    {
        _spare?.Return();
        _spare = batch;
    }

    private static CustomerTable[] CreateTables()
    {
        var tables = new CustomerTable[1 << PartitionBits];
        for (var p = 0; p < tables.Length; p++)
        {
            tables[p] = new CustomerTable();
        }

        return tables;
    }

    /// <summary>The cohort month of an instant (−1 before the first cohort month).</summary>
    internal int MonthIndex(long ticks) => LastAtOrBefore(_monthStartTicks, ticks, AverageMonthTicks);

    /// <summary>The first instant of each cohort month, and of the month after the last.</summary>
    internal ReadOnlySpan<long> MonthStartTicks => _monthStartTicks;

    internal int DayIndex(long ticks) => LastAtOrBefore(_dayStartTicks, ticks, TimeSpan.TicksPerDay);

    /// <summary>
    /// The index of the last of <paramref name="starts"/> (ascending) at or before <paramref name="ticks"/>; −1 when
    /// none. The starts are about <paramref name="spacing"/> apart (days, months: a zone's offset changes move them
    /// by hours), so the quotient lands on the answer or next to it and a step or two finds it — cheaper than a
    /// binary search on every purchase.
    /// </summary>
    private static int LastAtOrBefore(long[] starts, long ticks, long spacing)
    {
        var i = (int)Math.Clamp((ticks - starts[0]) / spacing, -1, starts.Length - 1);
        while (i + 1 < starts.Length && starts[i + 1] <= ticks)
        {
            i++;
        }

        while (i >= 0 && starts[i] > ticks)
        {
            i--;
        }

        return i;
    }

    /// <summary>
    /// One thread of <see cref="AddConcurrently"/>: reads a source into a buffer of its own and applies it to the shared
    /// tables whenever a region is full, and at the end.
    /// </summary>
    private sealed class SourceReader(PurchaseAccumulator owner, int thread, int threads, long[] counts, Action? progress, string parameterName, CancellationToken cancellationToken)
    {
        private readonly List<Batch> _applied = [];
        private Batch? _batch;
        private long _read; // by this thread, over its sources

        /// <summary>The records after the period this thread has met.</summary>
        public long After { get; private set; }

        /// <summary>Reads one source into the buffer (full regions are applied on the way).</summary>
        public void Read(PurchaseSource source)
        {
            if (source.Slice is { } slice)
            {
                Read(slice(source.Start, source.Length));
            }
            else
            {
                foreach (var purchase in source.Records!)
                {
                    Take(purchase);
                    Tick();
                }
            }

            Volatile.Write(ref counts[thread], _read);
        }

        /// <summary>Applies what is left in the buffer.</summary>
        public void Finish()
        {
            if (_batch is { } batch)
            {
                owner.ApplyShared(batch, thread, threads);
                _applied.Add(batch);
                _batch = null;
            }
        }

        /// <summary>Returns the applied buffers to the pool (a buffer left by an error is not: it may hold records).</summary>
        public void ReturnBuffers()
        {
            foreach (var batch in _applied)
            {
                batch.Return();
            }

            _applied.Clear();
        }

        private void Read(ReadOnlySpan<Purchase> purchases)
        {
            foreach (var purchase in purchases)
            {
                Take(purchase);
                Tick();
            }
        }

        private void Tick()
        {
            if (++_read % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Volatile.Write(ref counts[thread], _read);
                if (_read % ReportEvery == 0)
                {
                    progress?.Invoke();
                }
            }
        }

        private void Take(Purchase? element)
        {
            var purchase = Crm.Internal.Elements.NotNull(element, parameterName);
            var at = purchase.OccurredAt;
            var ticks = at.ToUnixTimeTicks();
            if (ticks >= owner._endTicks)
            {
                After++;
                return;
            }

            var batch = _batch ??= new Batch(owner.WantedRegion());
            if (owner.Buffer(batch, purchase, at, ticks))
            {
                owner.ApplyShared(batch, thread, threads);
                if (owner.WantedRegion() > batch.Region)
                {
                    // More customers than when it was rented: a larger buffer applies more purchases per table load.
                    _applied.Add(batch);
                    _batch = null;
                }
            }
        }
    }

    /// <summary>Purchases waiting to be applied, in one region per partition, with each region's fill.</summary>
    private sealed class Batch(int region)
    {
        public int Region { get; } = region;

        public PendingPurchase[] Buffer { get; } = System.Buffers.ArrayPool<PendingPurchase>.Shared.Rent(Partitions * region);

        public int[] Fill { get; } = new int[Partitions];

        /// <summary>The first purchase of this batch refused for overflow (set by any thread applying it), or null.</summary>
        public AmountOverflowException? Error;

        /// <summary>Throws (and forgets) the first refusal met while applying this batch.</summary>
        public void ThrowRefused()
        {
            if (Interlocked.Exchange(ref Error, null) is { } error)
            {
                throw error;
            }
        }

        public int Pending
        {
            get
            {
                var pending = 0;
                foreach (var fill in Fill)
                {
                    pending += fill;
                }

                return pending;
            }
        }

        /// <summary>Returns the buffer to the pool (all applied regions are cleared).</summary>
        public void Return() => System.Buffers.ArrayPool<PendingPurchase>.Shared.Return(Buffer, clearArray: true);
    }

    /// <summary>A purchase waiting in the buffer, converted to the scorecard's currency (written in place, field by field).</summary>
    private struct PendingPurchase
    {
        public CustomerId Id;
        public long Ticks;
        public decimal Amount;
        public decimal Cost; // 0 without a cost
        public bool HasCost;
        public bool IsSale;
    }
}
