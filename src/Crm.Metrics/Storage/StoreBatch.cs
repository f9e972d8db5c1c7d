namespace Crm.Metrics.Storage;

/// <summary>Entries waiting to be applied, in one region per partition of a store, with each region's fill.</summary>
/// <typeparam name="TEntry">The buffered entry.</typeparam>
/// <param name="partitions">The store's partitions.</param>
/// <param name="region">Entries per region.</param>
internal sealed class StoreBatch<TEntry>(int partitions, int region)
    where TEntry : struct
{
    /// <summary>The first entry of this batch refused for overflow (set by any thread applying it), or null.</summary>
    private Exception? _error;

    public int Region { get; } = region;

    public TEntry[] Buffer { get; } = WorkArrays<TEntry>.Rent(partitions * region);

    public int[] Fill { get; } = new int[partitions];

    /// <summary>The entries waiting, over all regions.</summary>
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

    /// <summary>Keeps the first refusal met while applying this batch (any thread may call it).</summary>
    public void Refuse(Exception error) => Interlocked.CompareExchange(ref _error, error, null);

    /// <summary>Throws (and forgets) the first refusal met while applying this batch.</summary>
    public void ThrowRefused()
    {
        if (Interlocked.Exchange(ref _error, null) is { } error)
        {
            throw error;
        }
    }

    /// <summary>Returns the buffer to the pool (cleared when entries hold references, so the pool keeps nothing alive).</summary>
    public void Return() =>
        WorkArrays<TEntry>.Return(Buffer, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<TEntry>());
}
