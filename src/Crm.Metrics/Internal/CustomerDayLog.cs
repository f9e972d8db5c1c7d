using System.Buffers;
using System.Runtime.InteropServices;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Internal;

/// <summary>A customer's running state in a <see cref="CustomerDayLog{TState}"/>: order-independent and mergeable.</summary>
/// <typeparam name="TSelf">The state type.</typeparam>
internal interface ICustomerDayState<TSelf>
    where TSelf : struct, ICustomerDayState<TSelf>
{
    /// <summary>The state of a customer not seen yet.</summary>
    static abstract TSelf Empty { get; }

    /// <summary>The largest magnitude among the state's amounts.</summary>
    decimal Largest { get; }

    /// <summary>Adds another partition's state of the same customer.</summary>
    void Merge(in TSelf other);

    /// <summary>Whether <see cref="Merge"/> would keep every amount inside the range of <see cref="decimal"/>.</summary>
    bool MergeFits(in TSelf other);
}

/// <summary>
/// Per customer a small running state, and per purchase its customer and day in flat pooled buffers — the shape of
/// every "distinct purchase days per customer" calculation (the models' summary, RFM). One dictionary lookup per
/// purchase; the distinct days come from a counting sort by customer at the end. Two logs merge exactly (states
/// merged, days appended), so a log per partition gives the same answer as one log over everything, and customers
/// keep the order of their first appearance when the partitions are merged in input order.
/// </summary>
/// <typeparam name="TState">The per-customer state.</typeparam>
internal sealed class CustomerDayLog<TState> : IDisposable
    where TState : struct, ICustomerDayState<TState>
{
    private readonly Dictionary<CustomerId, int> _index;
    private readonly List<CustomerId> _ids;
    private TState[] _states;
    private int[] _customer = ArrayPool<int>.Shared.Rent(4096);
    private int[] _day = ArrayPool<int>.Shared.Rent(4096);
    private int _count;

    /// <param name="expectedCustomers">A capacity hint.</param>
    public CustomerDayLog(int expectedCustomers)
    {
        var capacity = Math.Clamp(expectedCustomers, 16, 1 << 22);
        _index = new Dictionary<CustomerId, int>(capacity);
        _ids = new List<CustomerId>(capacity);
        _states = new TState[capacity];
    }

    public int Customers => _ids.Count;

    /// <summary>The purchase days logged (with repeats).</summary>
    public int Days => _count;

    public CustomerId Id(int customer) => _ids[customer];

    public ref TState State(int customer) => ref _states[customer];

    /// <summary>The customer's index, added (with an empty state) when new.</summary>
    public int IndexOf(CustomerId id)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, id, out var exists);
        if (!exists)
        {
            slot = _ids.Count;
            _ids.Add(id);
            if (slot == _states.Length)
            {
                Array.Resize(ref _states, slot * 2);
            }

            _states[slot] = TState.Empty;
        }

        return slot;
    }

    public void AddDay(int customer, int day)
    {
        if (_count == _customer.Length)
        {
            Grow(ref _customer, _count + 1);
            Grow(ref _day, _count + 1);
        }

        _customer[_count] = customer;
        _day[_count] = day;
        _count++;
    }

    /// <summary>
    /// Whether merging <paramref name="other"/> keeps every amount inside the range of <see cref="decimal"/>: one scan
    /// of the largest amounts settles it unless those could overflow together, when the customers both logs hold are
    /// compared one by one. A merge checks this first, so that it never stops half-way.
    /// </summary>
    public bool MergeFits(CustomerDayLog<TState> other)
    {
        if (Largest() <= decimal.MaxValue - other.Largest())
        {
            return true;
        }

        for (var j = 0; j < other.Customers; j++)
        {
            if (_index.TryGetValue(other._ids[j], out var i) && !_states[i].MergeFits(other._states[j]))
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
        var map = ArrayPool<int>.Shared.Rent(Math.Max(other.Customers, 1));
        try
        {
            for (var j = 0; j < other.Customers; j++)
            {
                var i = IndexOf(other._ids[j]);
                _states[i].Merge(other._states[j]);
                map[j] = i;
            }

            Grow(ref _customer, _count + other._count);
            Grow(ref _day, _count + other._count);
            for (var k = 0; k < other._count; k++)
            {
                _customer[_count + k] = map[other._customer[k]];
            }

            Array.Copy(other._day, 0, _day, _count, other._count);
            _count += other._count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(map);
        }
    }

    /// <summary>The logged days grouped by customer (pooled; dispose the result).</summary>
    public DaysByCustomer SortByCustomer()
    {
        var customers = Customers;
        var ends = ArrayPool<int>.Shared.Rent(customers + 1);
        var days = ArrayPool<int>.Shared.Rent(Math.Max(_count, 1));
        CountingSort.ByKey(_customer.AsSpan(0, _count), _day.AsSpan(0, _count), days, ends.AsSpan(0, customers + 1));
        return new DaysByCustomer(ends, days);
    }

    public void Dispose()
    {
        if (_customer.Length == 0)
        {
            return;
        }

        ArrayPool<int>.Shared.Return(_customer);
        ArrayPool<int>.Shared.Return(_day);
        _customer = _day = [];
    }

    private static void Grow(ref int[] array, int needed)
    {
        if (needed <= array.Length)
        {
            return;
        }

        var bigger = ArrayPool<int>.Shared.Rent(Math.Max(needed, array.Length * 2));
        Array.Copy(array, bigger, array.Length);
        ArrayPool<int>.Shared.Return(array);
        array = bigger;
    }
}

/// <summary>Logged days grouped by customer: <see cref="Of"/> is one customer's days, unsorted, with repeats.</summary>
internal readonly struct DaysByCustomer(int[] ends, int[] days) : IDisposable
{
    public Span<int> Of(int customer) => days.AsSpan(CountingSort.SliceOf(ends, customer));

    /// <summary>Sorts one customer's days in place and returns the distinct ones.</summary>
    public ReadOnlySpan<int> Distinct(int customer)
    {
        var slice = Of(customer);
        slice.Sort();
        var n = 0;
        for (var i = 0; i < slice.Length; i++)
        {
            if (i == 0 || slice[i] != slice[n - 1])
            {
                slice[n++] = slice[i];
            }
        }

        return slice[..n];
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(ends);
        ArrayPool<int>.Shared.Return(days);
    }
}

/// <summary>Runs one builder per partition on the thread pool and merges them in partition order.</summary>
internal static class Partitioned
{
    /// <summary>Below this many records an indexed source is read in one pass: the threads would cost more than they save.</summary>
    public const int SplitThreshold = 1 << 17;

    /// <summary>
    /// Builds <paramref name="create"/>()'s per partition (each filled by <paramref name="fill"/>) in parallel and
    /// merges them into the first, in order.
    /// </summary>
    public static T Run<T, TRecord>(IReadOnlyList<IEnumerable<TRecord>> partitions, Func<T> create, Action<T, IEnumerable<TRecord>> fill, Action<T, T> merge)
        where T : IDisposable
    {
        var built = new T[partitions.Count];
        try
        {
            For(partitions.Count, default, p =>
            {
                var part = partitions[p] ?? throw new ArgumentException($"Partition {p} is null.", nameof(partitions));
                var builder = create();
                built[p] = builder;
                fill(builder, part);
            });

            for (var p = 1; p < built.Length; p++)
            {
                merge(built[0], built[p]);
            }

            return built[0];
        }
        catch
        {
            built[0]?.Dispose();
            throw;
        }
        finally
        {
            for (var p = 1; p < built.Length; p++)
            {
                built[p]?.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs independent actions on up to <paramref name="parallelism"/> threads (one after the other when 1);
    /// rethrows an action's own exception as <see cref="For"/> does.
    /// </summary>
    public static void Invoke(int parallelism, params Action[] actions)
    {
        if (parallelism <= 1)
        {
            foreach (var action in actions)
            {
                action();
            }

            return;
        }

        For(actions.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i => actions[i]());
    }

    /// <summary>
    /// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> that rethrows a partition's own exception
    /// (the first, with its stack trace) instead of an <see cref="AggregateException"/>: a caller catches the
    /// <see cref="ArgumentException"/> or <see cref="CurrencyMismatchException"/> it would get from one pass.
    /// </summary>
    public static void For(int count, ParallelOptions? options, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, options ?? new ParallelOptions(), body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>
    /// An indexed source of at least <see cref="SplitThreshold"/> records split into one contiguous slice per
    /// processor (in order); otherwise null.
    /// </summary>
    public static IReadOnlyList<IEnumerable<TRecord>>? Split<TRecord>(IEnumerable<TRecord> source)
    {
        var cores = Environment.ProcessorCount;
        if (cores < 2 || !source.TryGetNonEnumeratedCount(out var count) || count < SplitThreshold)
        {
            return null;
        }

        return source switch
        {
            TRecord[] array => Slices(count, cores, (start, length) => new ArraySegment<TRecord>(array, start, length)),
            List<TRecord> list => Slices(count, cores, (start, length) => list.Skip(start).Take(length)),
            IReadOnlyList<TRecord> indexed => Slices(count, cores, (start, length) => Range(indexed, start, length)),
            _ => null,
        };
    }

    private static IEnumerable<TRecord>[] Slices<TRecord>(int count, int parts, Func<int, int, IEnumerable<TRecord>> slice)
    {
        var slices = new IEnumerable<TRecord>[parts];
        for (var p = 0; p < parts; p++)
        {
            var start = (int)((long)count * p / parts);
            var end = (int)((long)count * (p + 1) / parts);
            slices[p] = slice(start, end - start);
        }

        return slices;
    }

    private static IEnumerable<TRecord> Range<TRecord>(IReadOnlyList<TRecord> list, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            yield return list[i];
        }
    }
}
