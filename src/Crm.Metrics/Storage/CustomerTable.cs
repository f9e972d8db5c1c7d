using Crm.Metrics.Internal;

namespace Crm.Metrics.Storage;

/// <summary>
/// Per-customer rows in parallel arrays behind an open-addressing index over the ids' cached hash codes: a hot row
/// every record updates apart from a cold row only some records create, so a record that needs only the hot row
/// touches one small struct. Beside each id the table keeps it packed (<see cref="PackedId"/>): a lookup compares the
/// packed forms and reads the kept id's string only for an id longer than eight characters or not ASCII.
/// </summary>
/// <typeparam name="THistory">The row every customer has (for purchases: its history up to the period's end).</typeparam>
/// <typeparam name="TPeriod">The row only some customers have (for purchases: activity in the period).</typeparam>
/// <remarks>
/// The arrays come from <see cref="WorkArrays{T}"/>: an array outgrown goes back (where the next table to grow finds
/// it), and <see cref="Release"/> returns them all when a computation that owns the table is done — at a million
/// customers that is over a hundred megabytes that a scorecard computed right after does not ask the system for again,
/// and that the collector may reclaim when no such call follows.
/// </remarks>
internal sealed partial class CustomerTable<THistory, TPeriod>
    where THistory : struct, ICustomerRow<THistory>
    where TPeriod : struct, ICustomerRow<TPeriod>
{
    private const int InitialCapacity = 16;

    // The index of a table that holds no customer yet: one empty slot, so that a lookup finds nothing as in any table.
    // The first customer added takes the arrays: an accumulator has a table per partition of its store, and one that
    // is only merged into or swapped out (a staged state, a caller's total) never needs them.
    private static readonly int[] NoSlots = new int[1];

    /// <summary>How many lookups ahead a loop of lookups asks for the index slot (<see cref="PrefetchSlot"/>).</summary>
    public const int SlotAhead = 24;

    /// <summary>How many lookups ahead a loop of lookups asks for the state (<see cref="PrefetchState"/>).</summary>
    public const int StateAhead = 12;
    private static readonly TPeriod NoPeriod = TPeriod.Empty;
    private int[] _slots = null!; // index + 1 into the arrays below; 0 = empty
    private CustomerId[] _ids = null!;
    private PackedId[] _keys = null!; // per customer, the id packed (compared instead of the id's string)
    private THistory[] _history = null!;

    // Period state only for customers with activity in the period (or a recorded acquisition): index + 1, 0 = none.
    private int[] _periodIndex = null!;
    private TPeriod[] _periods = null!;
    private int _capacity;
    private int _periodCount;

    // Whether _periods is in customer order (each new period state belongs to a later customer than the last):
    // then a scan over the customers reads it sequentially instead of jumping around it.
    private bool _periodsInCustomerOrder = true;
    private int _lastPeriodCustomer = -1;

    // The sums the rules keep beside the rows (see Total).
    private readonly decimal[] _totals;

    // The largest magnitudes, kept across merges; every write path but Merge forgets them (see MergeBound).
    private MergeBound _bound;

    /// <param name="totals">How many sums the rules keep beside the rows (at least one).</param>
    public CustomerTable(int totals = 1)
    {
        _totals = new decimal[Math.Max(1, totals)];
        Reset();
    }

    public int Count { get; private set; }

    /// <summary>Whether the table holds nothing: no customer, every sum zero, nothing kept beside the rows.</summary>
    public bool IsEmpty => Count == 0 && Extra is null && !_totals.AsSpan().ContainsAnyExcept(0m);

    /// <summary>Customers with a period state: a record in the period or a recorded acquisition.</summary>
    public int PeriodCount => _periodCount;

    /// <summary>
    /// A sum over this table's customers that the rules keep beside the rows (for purchases: the net revenue of the
    /// previous period of equal length); merged by addition and checked with the rows.
    /// </summary>
    public decimal Total
    {
        get => _totals[0];
        set
        {
            _bound.Forget();
            _totals[0] = value;
        }
    }

    /// <summary>
    /// What else the rules keep for this table's customers (rows of varying number, for instance), owned by the rules:
    /// not merged, and released (when it is <see cref="IDisposable"/>) and cleared by <see cref="Release"/>.
    /// </summary>
    public object? Extra { get; set; }

    /// <summary>Every sum the rules keep beside the rows (<see cref="Total"/> is the first), merged by addition like it.</summary>
    public Span<decimal> Totals
    {
        get
        {
            _bound.Forget();
            return _totals;
        }
    }

    public CustomerId Id(int i) => _ids[i];

    /// <summary>The history row of customer <paramref name="i"/>, for reading or updating.</summary>
    public ref THistory History(int i)
    {
        _bound.Forget();
        return ref _history[i];
    }

    /// <summary>The period state of customer <paramref name="i"/> for reading; empty when it has none.</summary>
    public ref readonly TPeriod Period(int i)
    {
        var p = _periodIndex[i];
        if (p == 0)
        {
            return ref NoPeriod;
        }

        return ref _periods[p - 1];
    }

    /// <summary>The period rows, in no particular order (in customer order once <see cref="OrderPeriods"/> ran).</summary>
    public ReadOnlySpan<TPeriod> PeriodRows => _periods.AsSpan(0, _periodCount);

    /// <summary>Whether customer <paramref name="i"/> has a period row.</summary>
    public bool HasPeriod(int i) => _periodIndex[i] != 0;

    /// <summary>The period row of customer <paramref name="i"/> for updating, created (empty) when it has none.</summary>

    public ref TPeriod PeriodForUpdate(int i)
    {
        _bound.Forget();
        var p = _periodIndex[i];
        if (p == 0)
        {
            if (_periodCount == _periods.Length)
            {
                _periods = Grow(_periods, _periodCount * 2, _periodCount);
            }

            p = _periodIndex[i] = ++_periodCount;
            _periods[p - 1] = TPeriod.Empty;
            _periodsInCustomerOrder &= i > _lastPeriodCustomer;
            _lastPeriodCustomer = i;
        }

        return ref _periods[p - 1];
    }

    /// <summary>
    /// Puts the period states in customer order, so that the result's scans over the customers read them
    /// sequentially: one pass that jumps around the states instead of one per scan. Results do not change.
    /// </summary>
    public void OrderPeriods()
    {
        if (_periodsInCustomerOrder)
        {
            return;
        }

        // target[p]: where period state p goes. Then each cycle of the permutation is followed, swapping in place
        // (no second array of states: at a million customers that is tens of megabytes per result).
        var target = WorkArrays<int>.Rent(_periodCount);
        var next = 0;
        for (var i = 0; i < Count; i++)
        {
            var p = _periodIndex[i];
            if (p != 0)
            {
                target[p - 1] = next;
                _periodIndex[i] = ++next;
                _lastPeriodCustomer = i;
            }
        }

        for (var start = 0; start < _periodCount; start++)
        {
            while (target[start] != start)
            {
                var to = target[start];
                (_periods[start], _periods[to]) = (_periods[to], _periods[start]);
                (target[start], target[to]) = (target[to], target[start]);
            }
        }

        WorkArrays<int>.Return(target);
        _periodsInCustomerOrder = true;
    }

    /// <summary>
    /// Makes room for <paramref name="customers"/> in a table that holds none yet, so that adding that many rents its
    /// arrays once instead of doubling them from the smallest size (a state read back announces its row count).
    /// Nothing happens once the table holds arrays.
    /// </summary>
    public void Reserve(int customers)
    {
        if (_capacity != 0 || customers <= InitialCapacity)
        {
            return;
        }

        TakeArrays((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)customers));
    }

    /// <summary>Rents the arrays of an empty table for <paramref name="capacity"/> customers (a power of two), the index twice that.</summary>
    private void TakeArrays(int capacity)
    {
        _slots = Rent<int>(2 * capacity);
        _ids = Rent<CustomerId>(capacity);
        _keys = Rent<PackedId>(capacity);
        _history = Rent<THistory>(capacity);
        _periodIndex = Rent<int>(capacity);
        _periods = Rent<TPeriod>(InitialCapacity);
        _capacity = capacity;
    }

    /// <summary>The index of a customer, added with empty state when new.</summary>
    public int IndexOf(CustomerId id) => IndexOf(id, PackedId.Of(id));

    /// <summary>The index of a customer whose id was packed before (where its record was read), added with empty state when new.</summary>
    public int IndexOf(CustomerId id, PackedId key)
    {
        var index = Probe(id, key, out var position);
        return index >= 0 ? index : Add(id, key, position);
    }

    /// <summary>The index of a customer, or −1 (with the empty slot where it would go) when the table does not hold it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int Probe(CustomerId id, PackedId key, out int position)
    {
        var mask = _slots.Length - 1;
        position = FirstPosition(id);
        while (true)
        {
            var slot = _slots[position];
            if (slot == 0)
            {
                return -1;
            }

            if (_keys[slot - 1].Equals(key) && (key.IsPacked || _ids[slot - 1].Equals(id)))
            {
                return slot - 1;
            }

            position = (position + 1) & mask;
        }
    }

    /// <summary>Hints the processor to fetch the index slot where the lookup of <paramref name="id"/> starts (x86; elsewhere nothing).</summary>
    public void PrefetchSlot(CustomerId id) => Prefetch.Line(ref _slots[FirstPosition(id)]);

    /// <summary>
    /// Hints the processor to fetch the packed id and history of the customer in the slot where the lookup of
    /// <paramref name="id"/> starts — its own, unless two hash codes collide there (x86; elsewhere nothing).
    /// </summary>
    public void PrefetchState(CustomerId id)
    {
        var slot = _slots[FirstPosition(id)];
        if (slot != 0)
        {
            Prefetch.Line(ref _keys[slot - 1]);
            Prefetch.Line(ref _history[slot - 1]);
        }
    }

    // Spreads the hash over the low bits (the partition already used the high ones).
    private static int Mix(int hash) => (int)((uint)hash * 0x9E3779B1u >> 7);

    /// <summary>The slot where the lookup of <paramref name="id"/> starts.</summary>
    private int FirstPosition(CustomerId id) => Mix(id.GetHashCode()) & (_slots.Length - 1);

    private int Add(CustomerId id, PackedId key, int position)
    {
        if (_capacity == 0)
        {
            TakeArrays(InitialCapacity);
            position = FirstPosition(id);
        }
        else if (Count == _capacity)
        {
            _capacity = Count * 2;
            _ids = Grow(_ids, _capacity, Count);
            _keys = Grow(_keys, _capacity, Count);
            _history = Grow(_history, _capacity, Count);
            _periodIndex = Grow(_periodIndex, _capacity, Count);
        }

        var index = Count++;
        _ids[index] = id;
        _keys[index] = key;
        _history[index] = THistory.Empty;
        _slots[position] = index + 1;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        return index;
    }

    private void Rehash()
    {
        _slots = Grow(_slots, _slots.Length * 2, 0);
        var mask = _slots.Length - 1;
        for (var i = 0; i < Count; i++)
        {
            var position = Mix(_ids[i].GetHashCode()) & mask;
            while (_slots[position] != 0)
            {
                position = (position + 1) & mask;
            }

            _slots[position] = i + 1;
        }
    }

    /// <summary>
    /// Returns the arrays to the pool and empties the table, for a computation that owns it and has taken its result
    /// (nothing may read the state afterwards: results copy what they keep).
    /// </summary>
    public void Release()
    {
        Return(_slots);
        Return(_ids);
        Return(_keys);
        Return(_history);
        Return(_periodIndex);
        Return(_periods);
        (Extra as IDisposable)?.Dispose();
        Extra = null;
        Reset();
    }

    private void Reset()
    {
        _slots = NoSlots;
        _ids = [];
        _keys = [];
        _history = [];
        _periodIndex = [];
        _periods = [];
        _capacity = 0;
        Count = 0;
        _periodCount = 0;
        _periodsInCustomerOrder = true;
        _lastPeriodCustomer = -1;
        Array.Clear(_totals);
        _bound = default;
    }

    /// <summary>A zeroed array of exactly <paramref name="length"/> (a power of two) from the pool.</summary>
    private static T[] Rent<T>(int length) => Grow<T>([], length, 0);

    /// <summary>
    /// A pooled array of exactly <paramref name="length"/> (a power of two, as the pool's sizes are) holding the first
    /// <paramref name="keep"/> elements of <paramref name="old"/>, zeroed after them; <paramref name="old"/> goes back
    /// to the pool.
    /// </summary>
    private static T[] Grow<T>(T[] old, int length, int keep)
    {
        var array = WorkArrays<T>.Rent(length);
        if (array.Length != length)
        {
            // Not a pool size: the index's mask and the capacity check need the length asked for.
            WorkArrays<T>.Return(array);
            array = GC.AllocateUninitializedArray<T>(length);
        }

        old.AsSpan(0, keep).CopyTo(array);
        array.AsSpan(keep).Clear();
        Return(old);
        return array;
    }

    private static void Return<T>(T[] array)
    {
        if (array.Length > 0 && array != (object)NoSlots)
        {
            // Ids hold strings: cleared, so the pool keeps no customer alive.
            WorkArrays<T>.Return(array, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }
}
