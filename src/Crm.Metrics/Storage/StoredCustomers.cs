namespace Crm.Metrics.Storage;

/// <summary>
/// A read-only view of a sealed store's customers (see <see cref="PartitionedStore{TRecord, TEntry, THistory, TPeriod, TRules}.Seal"/>):
/// what a family's result reads, one customer at a time, without knowing how the store lays them out. Reading
/// changes nothing, so several scans may run on one view at once; it stays valid until the store changes.
/// </summary>
/// <typeparam name="THistory">The row every customer has.</typeparam>
/// <typeparam name="TPeriod">The row only some customers have (empty for the others).</typeparam>
internal readonly struct StoredCustomers<THistory, TPeriod>
    where THistory : struct, ICustomerRow<THistory>
    where TPeriod : struct, ICustomerRow<TPeriod>
{
    private readonly CustomerTable<THistory, TPeriod>[] _tables;

    internal StoredCustomers(CustomerTable<THistory, TPeriod>[] tables, int scanParallelism)
    {
        _tables = tables;
        ScanParallelism = scanParallelism;
    }

    /// <summary>How many threads scans over these customers may use side by side (1 for small stores).</summary>
    public int ScanParallelism { get; }

    /// <summary>The customers.</summary>
    public int Count => CountOf(_tables);

    /// <summary>The customers with a period row.</summary>
    public int WithPeriod
    {
        get
        {
            var count = 0;
            foreach (var table in _tables)
            {
                count += table.PeriodCount;
            }

            return count;
        }
    }

    /// <summary>The sum the rules keep beside the rows (see <see cref="CustomerTable{THistory, TPeriod}.Total"/>), over all customers.</summary>
    public decimal Total
    {
        get
        {
            var total = 0m;
            foreach (var table in _tables)
            {
                total += table.Total;
            }

            return total;
        }
    }

    /// <summary>Sum <paramref name="k"/> of those the rules keep beside the rows (see <see cref="CustomerTable{THistory, TPeriod}.Totals"/>), over all customers.</summary>
    public decimal TotalAt(int k)
    {
        var total = 0m;
        foreach (var table in _tables)
        {
            total += table.Totals[k];
        }

        return total;
    }

    /// <summary>The period rows of every customer that has one, in the store's order (for counts that need no id or history).</summary>
    public PeriodRowEnumerable PeriodRows => new(_tables);

    /// <summary>The customers held in <paramref name="tables"/>.</summary>
    internal static int CountOf(CustomerTable<THistory, TPeriod>[] tables)
    {
        var count = 0;
        foreach (var table in tables)
        {
            count += table.Count;
        }

        return count;
    }

    /// <summary>
    /// The customers in <paramref name="count"/> consecutive groups of whole tables (as even as the tables divide),
    /// each a view scanned on one thread: enumerated one after the other, the groups give the customers in the order
    /// of <see cref="GetEnumerator"/>.
    /// </summary>
    /// <param name="count">How many groups: 1 .. the number of tables.</param>
    public StoredCustomers<THistory, TPeriod>[] Groups(int count)
    {
        System.Diagnostics.Debug.Assert(count >= 1 && count <= _tables.Length, "Between one group and one table a group.");
        var groups = new StoredCustomers<THistory, TPeriod>[count];
        for (var g = 0; g < count; g++)
        {
            groups[g] = new StoredCustomers<THistory, TPeriod>(_tables[(_tables.Length * g / count)..(_tables.Length * (g + 1) / count)], 1);
        }

        return groups;
    }

    /// <summary>Enumerates the customers (in the store's order, which depends on the ids' hashes and the order they came in).</summary>
    public Enumerator GetEnumerator() => new(_tables);

    /// <summary>One customer: its id and rows, read in place.</summary>
    internal readonly ref struct Customer
    {
        private readonly CustomerTable<THistory, TPeriod> _table;
        private readonly int _index;

        internal Customer(CustomerTable<THistory, TPeriod> table, int index)
        {
            _table = table;
            _index = index;
        }

        public CustomerId Id => _table.Id(_index);

        public ref readonly THistory History => ref _table.History(_index);

        /// <summary>The period row; empty (<c>TPeriod.Empty</c>) when the customer has none.</summary>
        public ref readonly TPeriod Period => ref _table.Period(_index);

        public bool HasPeriod => _table.HasPeriod(_index);

        /// <summary>
        /// Hints the processor to fetch the characters of the id <paramref name="ahead"/> rows further on in this
        /// customer's table, for scans that read ids' characters (which lie scattered over the heap).
        /// </summary>
        public void PrefetchIdAhead(int ahead)
        {
            var next = _index + ahead;
            if (next < _table.Count)
            {
                Prefetch.Chars(_table.Id(next).Value);
            }
        }

        /// <summary>The customer's table, for what the rules keep beside its rows (<see cref="CustomerTable{THistory, TPeriod}.Extra"/>).</summary>
        public CustomerTable<THistory, TPeriod> Table => _table;
    }

    /// <summary>Walks the customers table by table.</summary>
    internal struct Enumerator
    {
        private readonly CustomerTable<THistory, TPeriod>[] _tables;
        private int _table;
        private int _index;

        internal Enumerator(CustomerTable<THistory, TPeriod>[] tables)
        {
            _tables = tables;
            _index = -1;
        }

        public readonly Customer Current => new(_tables[_table], _index);

        public bool MoveNext()
        {
            _index++;
            while (_table < _tables.Length)
            {
                if (_index < _tables[_table].Count)
                {
                    return true;
                }

                _table++;
                _index = 0;
            }

            return false;
        }
    }

    /// <summary>The period rows of a view, table by table: <c>foreach (ref readonly var row in view.PeriodRows)</c>.</summary>
    internal readonly struct PeriodRowEnumerable(CustomerTable<THistory, TPeriod>[] tables)
    {
        public PeriodRowEnumerator GetEnumerator() => new(tables);
    }

    /// <summary>Walks the period rows table by table.</summary>
    internal ref struct PeriodRowEnumerator
    {
        private readonly CustomerTable<THistory, TPeriod>[] _tables;
        private ReadOnlySpan<TPeriod> _rows;
        private int _table;
        private int _index;

        internal PeriodRowEnumerator(CustomerTable<THistory, TPeriod>[] tables)
        {
            _tables = tables;
            _table = -1;
            _index = -1;
        }

        public readonly ref readonly TPeriod Current => ref _rows[_index];

        public bool MoveNext()
        {
            _index++;
            while (_index >= _rows.Length)
            {
                if (++_table == _tables.Length)
                {
                    return false;
                }

                _rows = _tables[_table].PeriodRows;
                _index = 0;
            }

            return true;
        }
    }
}
