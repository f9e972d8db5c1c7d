namespace Crm.Metrics.Internal;

/// <summary>
/// The instances of a packed list (a result that keeps its rows as arrays), each made the first time its place is read
/// and the same instance from then on, on every thread: two first reads of a place race to make it, and one instance
/// is kept. The array of instances is made on the first read, so a list that is only counted allocates nothing.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="count">The places.</param>
/// <param name="make">Makes the row at a place (called at most once per place on a quiet list, possibly twice under a race).</param>
internal sealed class MadeOnRead<T>(int count, Func<int, T> make)
    where T : class
{
    private T?[]? _made; // by place: the instances made so far

    /// <summary>How many places have been made into instances (for tests).</summary>
    public int Made => Volatile.Read(ref _made)?.Count(row => row is not null) ?? 0;

    /// <summary>The instance at <paramref name="place"/> (0 ≤ place &lt; count, checked by the caller), made if it was not yet.</summary>
    public T this[int place]
    {
        get
        {
            var made = Places();
            return Volatile.Read(ref made[place]) ?? Interlocked.CompareExchange(ref made[place], make(place), null) ?? made[place]!;
        }
    }

    /// <summary>Every place made, those not made yet in place order: for a reader of them all.</summary>
    public T[] All()
    {
        var made = Places();
        for (var place = 0; place < made.Length; place++)
        {
            if (Volatile.Read(ref made[place]) is null)
            {
                Interlocked.CompareExchange(ref made[place], make(place), null);
            }
        }

        return made!;
    }

    private T?[] Places() => Volatile.Read(ref _made) ?? Interlocked.CompareExchange(ref _made, new T?[count], null) ?? _made!;
}
