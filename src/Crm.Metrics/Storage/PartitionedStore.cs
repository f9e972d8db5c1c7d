using Crm.Metrics.Concurrency;

namespace Crm.Metrics.Storage;

/// <summary>
/// The customer store behind an accumulator: per-customer rows in 64 tables partitioned by the id's hash, filled
/// through radix buffers, merged exactly, and read through a <see cref="StoredCustomers{THistory, TPeriod}"/>
/// snapshot. What a record does to its customer's rows is the <typeparamref name="TRules"/>' business; how records
/// reach the rows — in which order, on which thread, with which prefetches — is this type's.
/// </summary>
/// <typeparam name="TRecord">The record added.</typeparam>
/// <typeparam name="TEntry">The record as it waits in a buffer.</typeparam>
/// <typeparam name="THistory">The row every customer has.</typeparam>
/// <typeparam name="TPeriod">The row only some customers have.</typeparam>
/// <typeparam name="TRules">The per-record rules.</typeparam>
/// <remarks>
/// <para>Radix-partitioned aggregation: each record waits in its partition's region of a buffer, and a flush applies
/// one partition at a time, so each partition's index and rows are loaded into cache once per flush instead of once
/// per record. Regions grow with the number of customers (the buffer holds about as many entries as there are
/// customers, up to twice as many after rounding, within bounds), never with the number of records. On several cores,
/// large batches are applied on the thread pool while the next batch fills (batches are applied one after the other,
/// in order, so the result does not change).</para>
/// <para>Not thread-safe, except through <see cref="AddConcurrently"/>, which runs its own threads.</para>
/// </remarks>
internal partial class PartitionedStore<TRecord, TEntry, THistory, TPeriod, TRules>
    where TRecord : struct
    where TEntry : struct
    where THistory : struct, ICustomerRow<THistory>
    where TPeriod : struct, ICustomerRow<TPeriod>
    where TRules : struct, IStoreRules<TRecord, TEntry, THistory, TPeriod>
{
    private const int PartitionBits = 6;
    private const int Partitions = 1 << PartitionBits;
    private const int MinRegion = 64;
    private const int MaxRegion = 1 << 16;
    private const int WriteAhead = 4; // entries a region's write is prefetched ahead
    private readonly CustomerTable<THistory, TPeriod>[] _tables;
    private TRules _rules; // not readonly: a readonly field of a type parameter is copied before each call
    private readonly int[] _busy = new int[Partitions]; // per partition: 1 while a thread of AddConcurrently applies to its table
    private StoreBatch<TEntry>? _batch;    // filling
    private StoreBatch<TEntry>? _flushing; // being applied by _inFlight
    private StoreBatch<TEntry>? _spare;    // applied, kept for the next swap
    private int _reserved;                 // the customers Reserve announced: batches are sized for them from the start
    private Task? _inFlight;

    /// <param name="rules">The per-record rules.</param>
    /// <param name="execution">How many threads the store may use, and from which sizes.</param>
    public PartitionedStore(TRules rules, ExecutionSettings execution)
    {
        _rules = rules;
        Execution = execution;
        _tables = CreateTables(rules.Totals);
    }

    /// <summary>The rules the store applies.</summary>
    public TRules Rules => _rules;

    /// <summary>How many threads the store may use, and from which sizes; the engine changes it for its partitions.</summary>
    public ExecutionSettings Execution { get; set; }

    /// <summary>Records the rules did not admit (only counted).</summary>
    public long NotAdmitted { get; set; }

    /// <summary>Customers held in the tables (records still buffered not counted: see <see cref="Flush"/>).</summary>
    public int AppliedCustomers => StoredCustomers<THistory, TPeriod>.CountOf(_tables);

    /// <summary>Adds one record: counted when the rules do not admit it, buffered otherwise.</summary>
    /// <exception cref="Exception">What the rules' <c>Write</c> throws, or the refusal of an earlier entry when its batch is applied.</exception>
    public void Add(in TRecord record) => AddBuffered(in record, null);

    /// <summary>
    /// Adds one record as <see cref="Add(in TRecord)"/> does, its entry holding <paramref name="id"/> — the instance of the
    /// record's id that a shared <see cref="CustomerIndex"/> keeps — instead of the record's own.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <param name="id">An id equal to the record's.</param>
    public void Add(in TRecord record, CustomerId id)
    {
        System.Diagnostics.Debug.Assert(id == _rules.CustomerOf(in record), "The id is the record's.");
        AddBuffered(in record, id);
    }

    /// <summary>
    /// The table that holds (or will hold) <paramref name="id"/>, for updates that bypass the buffer (a recorded
    /// acquisition, a state read back); nothing is being applied meanwhile.
    /// </summary>
    public CustomerTable<THistory, TPeriod> TableOf(CustomerId id)
    {
        Settle();
        return _tables[Partition(id)];
    }

    /// <summary>
    /// Makes room for about <paramref name="customers"/> customers in a store that holds none yet (a state read back
    /// announces its row count): each table reserves its expected share, rounded up to the pool's next size, so that a
    /// table grows at most once while the rows are added instead of doubling from the smallest size. (A margin above
    /// the share would often double every table's arrays for the few tables that exceed it.) The batches are sized for
    /// them too (see <see cref="WantedRegion"/>): they do not grow step by step, each step a new buffer, as customers arrive.
    /// </summary>
    public void Reserve(int customers)
    {
        _reserved = Math.Max(_reserved, customers);
        var share = (int)(((long)customers + Partitions - 1) / Partitions);
        foreach (var table in _tables)
        {
            table.Reserve(share);
        }
    }

    /// <summary>Adds to the total the rules keep beside the rows (a state read back).</summary>
    public void AddToTotal(decimal amount) => _tables[0].Total += amount;

    /// <summary>Applies every buffered record (on several threads when large); the rows are then complete.</summary>
    public void Flush()
    {
        Settle();
        if (_batch is { } batch)
        {
            ApplyBatch(batch);
        }
    }

    /// <summary>
    /// Applies every buffered record, returns the buffers to the pool and puts each table's period rows in customer
    /// order; the snapshot then reads the customers without changing anything, so several scans may run on it at
    /// once. It stays valid until the store changes.
    /// </summary>
    public StoredCustomers<THistory, TPeriod> Seal()
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

        return new StoredCustomers<THistory, TPeriod>(_tables, parallelism);
    }

    /// <summary>How many threads scans over the customers may use: 1 unless several are allowed and there are enough customers.</summary>
    private int ScanParallelism => Execution.Threads > 1 && AppliedCustomers >= ExecutionSettings.ParallelApplyMinimum ? Execution.Threads : 1;

    /// <summary>
    /// Whether merging <paramref name="other"/> keeps every sum in its range (both stores' buffers are applied
    /// first); <see cref="MergeFit.Fits"/> or the first kind of sum that would overflow.
    /// </summary>
    public MergeFit MergeFits(PartitionedStore<TRecord, TEntry, THistory, TPeriod, TRules> other)
    {
        Flush();
        other.Flush();
        for (var p = 0; p < _tables.Length; p++)
        {
            var fit = _tables[p].MergeFits(other._tables[p]);
            if (fit != MergeFit.Fits)
            {
                return fit;
            }
        }

        return MergeFit.Fits;
    }

    /// <summary>
    /// Merges a store that <see cref="MergeFits"/> accepted (the partitions' tables are disjoint: large merges run them
    /// side by side). With <paramref name="owned"/> — the caller discards <paramref name="other"/> afterwards, as a
    /// merge of a staged state does — a table of this store that holds nothing is swapped with the other's instead of
    /// filled row by row: merging a state into a fresh accumulator then copies no row.
    /// </summary>
    public void Merge(PartitionedStore<TRecord, TEntry, THistory, TPeriod, TRules> other, bool owned = false)
    {
        other.Flush();
        if (Execution.Threads > 1 && other.AppliedCustomers >= ExecutionSettings.ParallelApplyMinimum)
        {
            Partitioned.For(_tables.Length, new ParallelOptions { MaxDegreeOfParallelism = Execution.Threads }, p => MergeTable(other, p, owned));
        }
        else
        {
            for (var p = 0; p < _tables.Length; p++)
            {
                MergeTable(other, p, owned);
            }
        }

        NotAdmitted += other.NotAdmitted;
    }

    private void MergeTable(PartitionedStore<TRecord, TEntry, THistory, TPeriod, TRules> other, int p, bool owned)
    {
        if (owned && _tables[p].IsEmpty && other._tables[p].Extra is null)
        {
            (_tables[p], other._tables[p]) = (other._tables[p], _tables[p]);
        }
        else
        {
            _tables[p].Merge(other._tables[p]);
        }
    }

    /// <summary>
    /// Returns the buffers and the tables' arrays to the pool and empties the store: for an owner that is done with
    /// it (results copy what they keep).
    /// </summary>
    public void Release()
    {
        ReleaseBuffer();
        foreach (var table in _tables)
        {
            table.Release();
        }

        NotAdmitted = 0;
    }

    /// <summary>How many tables a store has, one per partition of the ids' hashes.</summary>
    public static int TableCount => Partitions;

    /// <summary>The table of a customer (0 .. <see cref="TableCount"/> − 1): the high bits of its cached hash code (the key is not read).</summary>
    public static int Partition(CustomerId id) => (int)((uint)id.GetHashCode() >> (32 - PartitionBits));

    private static CustomerTable<THistory, TPeriod>[] CreateTables(int totals)
    {
        var tables = new CustomerTable<THistory, TPeriod>[Partitions];
        for (var p = 0; p < tables.Length; p++)
        {
            tables[p] = new CustomerTable<THistory, TPeriod>(totals);
        }

        return tables;
    }

    /// <summary>Counts a record the rules do not admit; buffers it otherwise (see <see cref="Buffer"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void AddBuffered(in TRecord record, CustomerId? shared)
    {
        if (!_rules.Admits(in record))
        {
            NotAdmitted++;
            return;
        }

        var batch = _batch ??= TakeBatch(WantedRegion());
        if (Buffer(batch, in record, shared))
        {
            BatchFull(batch);
        }
    }

    /// <summary>
    /// Writes a record into its partition's region, its entry holding <paramref name="shared"/> when given (the
    /// instance of the record's id that a shared <see cref="CustomerIndex"/> keeps); true when that region is now full.
    /// </summary>
    private bool Buffer(StoreBatch<TEntry> batch, in TRecord record, CustomerId? shared = null)
    {
        var partition = Partition(shared ?? _rules.CustomerOf(in record));
        var fill = batch.Fill[partition];

        // The 64 regions are 64 write streams, more than the processor's prefetcher follows: ask for the line of the
        // entry a few places on in this region, so that writing it later does not wait for memory.
        var index = (partition * batch.Region) + fill;
        Prefetch.Line(ref batch.Buffer[Math.Min(index + WriteAhead, batch.Buffer.Length - 1)]);
        ref var entry = ref batch.Buffer[index];
        _rules.Write(in record, ref entry);
        if (shared is { } id)
        {
            _rules.UseCustomer(ref entry, id);
        }

        batch.Fill[partition] = fill + 1;
        return fill + 1 == batch.Region;
    }

    /// <summary>
    /// A region of the filling batch is full. A large batch on several cores is applied on the thread pool while a
    /// new batch fills (after the one before it is applied: batches apply in order); otherwise it is applied now.
    /// </summary>
    private void BatchFull(StoreBatch<TEntry> batch)
    {
        Settle();
        if (Execution.Threads > 1 && batch.Pending >= ExecutionSettings.ParallelApplyMinimum)
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

    /// <summary>Applies a batch partition by partition; partitions are disjoint, so a large one runs them on several threads.</summary>
    private void ApplyBatch(StoreBatch<TEntry> batch)
    {
        var pending = batch.Pending;
        if (pending == 0)
        {
            return;
        }

        if (Execution.Threads > 1 && pending >= ExecutionSettings.ParallelApplyMinimum)
        {
            Partitioned.For(Partitions, new ParallelOptions { MaxDegreeOfParallelism = Execution.Threads }, p => ApplyPartition(batch, p));
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

    private void ApplyPartition(StoreBatch<TEntry> batch, int partition)
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
                // The lookups are independent and each misses the cache: ask for the index slot of the entry a few
                // places on, and for the row its slot points at a few places on, so that those loads overlap with
                // this entry's work instead of waiting in turn.
                for (; k < region.Length; k++)
                {
                    if (k + CustomerTable<THistory, TPeriod>.SlotAhead < region.Length)
                    {
                        table.PrefetchSlot(_rules.CustomerOf(region[k + CustomerTable<THistory, TPeriod>.SlotAhead]));
                    }

                    if (k + CustomerTable<THistory, TPeriod>.StateAhead < region.Length)
                    {
                        table.PrefetchState(_rules.CustomerOf(region[k + CustomerTable<THistory, TPeriod>.StateAhead]));
                    }

                    _rules.Apply(table, region[k]);
                }

                break;
            }
            catch (OverflowException e)
            {
                // That entry is refused whole (Apply changed nothing); the others of the batch still apply, and the
                // first refusal is thrown once the batch is applied.
                batch.Refuse(_rules.Refused(e));
                k++;
            }
        }

        batch.Fill[partition] = 0;
    }

    /// <summary>
    /// The region size for the customers applied so far, or reserved, or <paramref name="expected"/>, whichever is
    /// most: as many entries as customers, rounded up to a power of two, within bounds. (Twice as many was no faster,
    /// and two batches of them were the largest arrays of a read.)
    /// </summary>
    private int WantedRegion(int expected = 0) =>
        (int)Math.Min(MaxRegion, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinRegion, (long)Math.Max(Math.Max(AppliedCustomers, _reserved), expected) / Partitions)));

    /// <summary>A batch with regions of <paramref name="region"/> entries: the spare one when it fits, else a new one.</summary>
    private StoreBatch<TEntry> TakeBatch(int region)
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

        return new StoreBatch<TEntry>(Partitions, region);
    }

    // Buffers are pooled (fresh memory pages are expensive): rented on the first record, returned when the store is
    // sealed (every applied region is cleared, so no reference stays in the pool), rented again if more come.
    private void ReleaseBuffer()
    {
        Settle();
        _batch?.Return();
        _batch = null;
        KeepSpare(null);
    }

    /// <summary>Keeps an applied batch for the next swap, returning the one kept before to the pool.</summary>
    private void KeepSpare(StoreBatch<TEntry>? batch)
    {
        _spare?.Return();
        _spare = batch;
    }
}
