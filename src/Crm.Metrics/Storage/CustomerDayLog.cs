using System.Runtime.InteropServices;

namespace Crm.Metrics.Storage;

/// <summary>
/// Per customer a small running state, and per purchase its customer and day in flat pooled buffers — the shape of
/// every "distinct purchase days per customer" calculation (the models' summary, RFM). One dictionary lookup per
/// purchase; the distinct days come from a counting sort by customer at the end. Two logs merge exactly (states
/// merged, days appended), so a log per partition gives the same answer as one log over everything, and customers
/// keep the order of their first appearance when the partitions are merged in input order.
/// <para>
/// On a shared index (the analyses of one read, see <see cref="IndexOf(int)"/>) the log keeps each customer's shared
/// number instead of the id; with a <see cref="SharedDayLog"/> it also keeps no days of its own, and reads the shared
/// log's days within its own range instead.
/// </para>
/// </summary>
/// <typeparam name="TState">The per-customer state.</typeparam>
internal sealed class CustomerDayLog<TState> : IDisposable
    where TState : struct, ICustomerDayState<TState>
{
    private Dictionary<CustomerId, int>? _index; // without a shared index: made when first asked for (a log fed by OwnedPartitions has its own table)
    private readonly List<CustomerId> _ids; // without a shared index: per customer, the id
    private readonly CustomerIndex? _shared;
    private readonly SharedDayLog? _sharedDays;
    private readonly int _firstDay; // with shared days: the range of days this log reads
    private readonly int _lastDay;
    private int[] _local; // with a shared index: per shared number, this log's index + 1 (0: not in this log)
    private int[] _sharedOf; // with a shared index: per customer, the shared number
    private int _sharedCustomers;
    private TState[] _states;
    private int[] _customer;
    private int[] _day;
    private int _count;
    private OwnedKeyTable? _owned; // the index of a log fed by OwnedPartitions
    private readonly int _expected; // the customers expected (the hint), from which a hash table starts
    private MergeBound _bound; // the largest amount, kept across merges; State forgets it

    /// <param name="expectedCustomers">A capacity hint.</param>
    public CustomerDayLog(int expectedCustomers)
        : this(new Capacity(expectedCustomers, 0), null)
    {
    }

    /// <summary>
    /// A log whose customers are found through <paramref name="shared"/>'s numbers (see <see cref="IndexOf(int)"/>);
    /// null: its own index. With <paramref name="days"/> (on a shared index only) <see cref="AddDay"/> keeps nothing:
    /// the shared log keeps the sales' days from <paramref name="firstDay"/> to <paramref name="lastDay"/> (and those
    /// its other readers read), and <see cref="SortByCustomer"/> reads each customer's days in that range from it —
    /// the days this log would have been given.
    /// </summary>
    /// <param name="room">A capacity hint: the customers' tables and, from 4,096 up, the purchases' days are made that large at the start.</param>
    /// <param name="shared">The index every analysis of the read shares.</param>
    /// <param name="days">The sale days of the read in this log's zone, shared by the analyses of the read; null: its own.</param>
    /// <param name="firstDay">With <paramref name="days"/>: the first local day read.</param>
    /// <param name="lastDay">With <paramref name="days"/>: the last local day read.</param>
    public CustomerDayLog(Capacity room, CustomerIndex? shared, SharedDayLog? days = null, int firstDay = int.MinValue, int lastDay = int.MaxValue)
    {
        if (days is not null && shared is null)
        {
            throw new ArgumentException("A shared day log needs the shared index that numbers its customers.", nameof(days));
        }

        var capacity = Math.Clamp(room.Customers, 16, Capacity.MaxCustomers);
        _shared = shared;
        _sharedDays = days;
        days?.Widen(firstDay, lastDay);
        (_firstDay, _lastDay) = (firstDay, lastDay);
        _local = shared is null || room.Customers <= 0 ? [] : FreshPages.New<int>(capacity);
        _ids = shared is null ? new List<CustomerId>(capacity) : [];
        _sharedOf = shared is null ? [] : FreshPages.New<int>(capacity);
        _expected = capacity;
        _states = room.MostCustomers > capacity ? FreshPages.Unwritten<TState>(Math.Min(room.MostCustomers, Capacity.MaxCustomers)) : FreshPages.New<TState>(capacity);
        if (days is null)
        {
            var purchases = Math.Clamp(room.Purchases, 4096, Capacity.MaxPurchases);
            _customer = WorkArrays<int>.Rent(purchases);
            _day = WorkArrays<int>.Rent(purchases);
        }
        else
        {
            _customer = _day = [];
        }
    }

    public int Customers => _shared is null ? _ids.Count : _sharedCustomers;

    /// <summary>
    /// Each customer's index by id, for a log without a shared index: made at the log's capacity when first asked for,
    /// holding the customers numbered so far (a log fed by <see cref="OwnedPartitions"/> numbers them in its own
    /// table and never asks, so it never makes one).
    /// </summary>
    private Dictionary<CustomerId, int> Index
    {
        get
        {
            if (_index is null)
            {
                _index = new Dictionary<CustomerId, int>(Math.Max(_states.Length, _ids.Count));
                for (var i = 0; i < _ids.Count; i++)
                {
                    _index.Add(_ids[i], i);
                }
            }

            return _index;
        }
    }

    /// <summary>Whether the log holds nothing and has its own index (so another log may take its place whole).</summary>
    public bool IsEmpty => _shared is null && _owned is null && _ids.Count == 0 && _count == 0;

    /// <summary>The purchase days logged (with repeats); none with a shared day log.</summary>
    public int Days => _count;

    public CustomerId Id(int customer) => _shared is null ? _ids[customer] : _shared.Id(_sharedOf[customer]);

    /// <summary>The customer's state, for reading or updating.</summary>
    public ref TState State(int customer)
    {
        _bound.Forget();
        return ref _states[customer];
    }

    /// <summary>The customer's index, added (with an empty state) when new.</summary>
    public int IndexOf(CustomerId id)
    {
        if (_shared is not null)
        {
            return IndexOf(_shared.IndexOf(id));
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(Index, id, out var exists);
        if (!exists)
        {
            slot = AddCustomer(id);
        }

        return slot;
    }

    /// <summary>
    /// The index in this log of the customer numbered <paramref name="shared"/> by the shared index, added (with an
    /// empty state) when new: an array read instead of a hash lookup. The log keeps the order in which its own
    /// records first met each customer, as a log with its own index does.
    /// </summary>
    public int IndexOf(int shared)
    {
        if (shared >= _local.Length)
        {
            FreshPages.Resize(ref _local, Math.Max(Math.Max(shared + 1, _local.Length * 2), 1024));
        }

        ref var local = ref _local[shared];
        if (local == 0)
        {
            local = AddShared(shared) + 1;
        }

        return local - 1;
    }

    /// <summary>
    /// Asks the processor to fetch what <see cref="IndexOf(int)"/> will read for the customer numbered
    /// <paramref name="shared"/>, a few purchases ahead: with <paramref name="state"/> false, their place in this log's
    /// map of shared numbers (the first step); with it true, their state, when the log holds them already (the second
    /// step, once the map's line has arrived).
    /// </summary>
    public void Ahead(int shared, bool state)
    {
        if ((uint)shared >= (uint)_local.Length)
        {
            return;
        }

        if (!state)
        {
            Prefetch.Line(ref _local[shared]);
        }
        else if (_local[shared] is > 0 and var local && local <= _states.Length)
        {
            Prefetch.Line(ref _states[local - 1]);
        }
    }

    /// <summary>The index of the customer whose key is <paramref name="key"/>, added (with an empty state) when new; for a log fed by <see cref="OwnedPartitions"/> only.</summary>
    /// <param name="key">The id's key.</param>
    /// <param name="id">The id (read only when the customer is new, or its key unpacked).</param>
    public int IndexOf(in OwnedKey key, in CustomerId id)
    {
        var index = (_owned ??= new OwnedKeyTable(_expected, _states.Length)).IndexOf(in key, in id, _ids, out var added);
        if (added)
        {
            AddCustomer(id);
        }

        return index;
    }

    /// <summary>
    /// Asks the processor to fetch what <see cref="IndexOf(in OwnedKey, in CustomerId)"/> will read for
    /// <paramref name="key"/>, a few entries ahead, in two steps (see <see cref="OwnedKeyTable.Ahead"/>); the second
    /// also fetches the customer's state.
    /// </summary>
    public void Ahead(in OwnedKey key, bool state)
    {
        if (_owned is { } owned && owned.Ahead(in key, state) is >= 0 and var customer && customer < _states.Length)
        {
            Prefetch.Line(ref _states[customer]);
        }
    }

    /// <summary>Adds a customer with an empty state; returns their index.</summary>
    private int AddCustomer(CustomerId id)
    {
        var slot = _ids.Count;
        _ids.Add(id);
        AddState(slot);
        return slot;
    }

    /// <summary>Adds the customer numbered <paramref name="shared"/> by the shared index, with an empty state; returns their index.</summary>
    private int AddShared(int shared)
    {
        var slot = _sharedCustomers++;
        if (slot == _sharedOf.Length)
        {
            FreshPages.Resize(ref _sharedOf, Math.Max(16, slot * 2));
        }

        _sharedOf[slot] = shared;
        AddState(slot);
        return slot;
    }

    private void AddState(int slot)
    {
        if (slot == _states.Length)
        {
            FreshPages.Resize(ref _states, slot * 2);
        }

        _states[slot] = TState.Empty;
    }

    /// <summary>The customer's index, or −1 when the log has not seen them.</summary>
    public int Find(CustomerId id)
    {
        if (_shared is null)
        {
            return Index.TryGetValue(id, out var index) ? index : -1;
        }

        var number = _shared.Find(id);
        return number >= 0 && number < _local.Length ? _local[number] - 1 : -1;
    }

    public void AddDay(int customer, int day)
    {
        if (_sharedDays is not null)
        {
            return; // the shared log has it
        }

        if (_count == _customer.Length)
        {
            WorkArrays<int>.Grow(ref _customer, _count + 1);
            WorkArrays<int>.Grow(ref _day, _count + 1);
        }

        _customer[_count] = customer;
        _day[_count] = day;
        _count++;
    }

    /// <summary>
    /// Whether merging <paramref name="other"/> keeps every amount inside the range of <see cref="decimal"/>: the two
    /// logs' largest amounts settle it (this log's kept from its last merge when nothing else wrote to it, see
    /// <see cref="MergeBound"/>) unless those could overflow together, when the customers both logs hold are compared
    /// one by one. A merge checks this first, so that it never stops half-way.
    /// </summary>
    public bool MergeFits(CustomerDayLog<TState> other)
    {
        if (_shared is not null || other._shared is not null)
        {
            throw new InvalidOperationException("Logs on a shared index are read, not merged.");
        }

        var kept = _bound.TryGet(out var largest, out _);
        if (!kept)
        {
            largest = Largest();
        }

        var otherLargest = other.Largest();
        if (kept && largest > decimal.MaxValue - otherLargest)
        {
            // The kept bound is a sum of bounds, perhaps far above the true largest: measure before looking closer.
            largest = Largest();
        }

        _bound.Set(largest, 0);
        if (largest <= decimal.MaxValue - otherLargest)
        {
            return true;
        }

        for (var j = 0; j < other.Customers; j++)
        {
            if (Index.TryGetValue(other._ids[j], out var i) && !_states[i].MergeFits(other._states[j]))
            {
                return false;
            }
        }

        return true;
    }

    private decimal Largest()
    {
        var largest = 0m;
        foreach (ref readonly var state in _states.AsSpan(0, Customers))
        {
            largest = Math.Max(largest, state.Largest);
        }

        return largest;
    }

    /// <summary>Adds another log (call <see cref="MergeFits"/> first): its customers' states merged into this log's, its days appended.</summary>
    public void Merge(CustomerDayLog<TState> other)
    {
        if (_shared is not null || other._shared is not null)
        {
            throw new InvalidOperationException("Logs on a shared index are read, not merged.");
        }

        // The other log is only read (it may be a caller's accumulator): its largest amount is measured again.
        var bound = _bound.Plus(other.Largest(), 0);
        _bound.Forget(); // until the merge completes
        var map = WorkArrays<int>.Rent(Math.Max(other.Customers, 1));
        try
        {
            for (var j = 0; j < other.Customers; j++)
            {
                var i = IndexOf(other._ids[j]);
                _states[i].Merge(other._states[j]);
                map[j] = i;
            }

            WorkArrays<int>.Grow(ref _customer, _count + other._count);
            WorkArrays<int>.Grow(ref _day, _count + other._count);
            for (var k = 0; k < other._count; k++)
            {
                _customer[_count + k] = map[other._customer[k]];
            }

            Array.Copy(other._day, 0, _day, _count, other._count);
            _count += other._count;
            _bound = bound;
        }
        finally
        {
            WorkArrays<int>.Return(map);
        }
    }

    /// <summary>
    /// The logged days grouped by customer (pooled; dispose the result). With a shared day log (sealed by then), each
    /// customer's distinct days from it within this log's range, ascending.
    /// </summary>
    public DaysByCustomer SortByCustomer()
    {
        if (_sharedDays is not null)
        {
            return FromSharedDays(_sharedDays);
        }

        var customers = Customers;
        var ends = WorkArrays<int>.Rent(customers + 1);
        var days = WorkArrays<int>.Rent(Math.Max(_count, 1));
        CountingSort.ByKey(_customer.AsSpan(0, _count), _day.AsSpan(0, _count), days, ends.AsSpan(0, customers + 1));
        return new DaysByCustomer(ends, days);
    }

    private DaysByCustomer FromSharedDays(SharedDayLog shared)
    {
        var customers = Customers;
        var ends = WorkArrays<int>.Rent(customers + 1);
        var total = 0;
        for (var c = 0; c < customers; c++)
        {
            total += InRange(shared.DaysOf(_sharedOf[c])).Length;
            ends[c] = total; // the end of customer c's days, as CountingSort leaves it
        }

        var days = WorkArrays<int>.Rent(Math.Max(total, 1));
        var at = 0;
        for (var c = 0; c < customers; c++)
        {
            var range = InRange(shared.DaysOf(_sharedOf[c]));
            range.CopyTo(days.AsSpan(at));
            at += range.Length;
        }

        return new DaysByCustomer(ends, days);
    }

    /// <summary>The part of ascending <paramref name="days"/> from <see cref="_firstDay"/> to <see cref="_lastDay"/>.</summary>
    private ReadOnlySpan<int> InRange(ReadOnlySpan<int> days)
    {
        var from = 0;
        while (from < days.Length && days[from] < _firstDay)
        {
            from++;
        }

        var to = days.Length;
        while (to > from && days[to - 1] > _lastDay)
        {
            to--;
        }

        return days[from..to];
    }

    public void Dispose()
    {
        if (_customer.Length == 0)
        {
            return;
        }

        WorkArrays<int>.Return(_customer);
        WorkArrays<int>.Return(_day);
        _customer = _day = [];
    }
}
