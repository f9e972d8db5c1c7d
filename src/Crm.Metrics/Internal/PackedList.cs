using System.Collections;

namespace Crm.Metrics.Internal;

/// <summary>
/// A read-only list of rows that the deriving class keeps packed (as arrays), each row made the first time its place is
/// read and the same instance from then on, on every thread: two first reads of a place race to make it, and one
/// instance is kept. The array of instances is made on the first read, so a list that is only counted or filtered
/// through its packed fields allocates no row.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
internal abstract class PackedList<T> : IReadOnlyList<T>
    where T : class
{
    private readonly Func<int, T> _make;
    private T?[]? _made; // by place: the instances made so far

    /// <param name="count">The places.</param>
    protected PackedList(int count)
    {
        Count = count;
        _make = Make;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            BeforeRead();
            var made = Places();
            return Volatile.Read(ref made[index]) ?? Interlocked.CompareExchange(ref made[index], _make(index), null) ?? made[index]!;
        }
    }

    /// <summary>How many places have been made into instances (for tests).</summary>
    internal int Made => Volatile.Read(ref _made)?.Count(row => row is not null) ?? 0;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        // Every place at once for a reader of them all: those not made yet, in place order.
        BeforeRead();
        var made = Places();
        for (var place = 0; place < made.Length; place++)
        {
            if (Volatile.Read(ref made[place]) is null)
            {
                Interlocked.CompareExchange(ref made[place], _make(place), null);
            }
        }

        for (var place = 0; place < made.Length; place++)
        {
            yield return made[place]!;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Makes the row at <paramref name="place"/> from the packed fields (at most once per place but under a race).</summary>
    protected abstract T Make(int place);

    /// <summary>Work that must be done once before any row is made (none unless overridden); thread-safe.</summary>
    protected virtual void BeforeRead()
    {
    }

    private T?[] Places() => Volatile.Read(ref _made) ?? Interlocked.CompareExchange(ref _made, new T?[Count], null) ?? _made!;
}
