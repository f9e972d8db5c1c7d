using Crm.Domain.Activity;

namespace Crm.Metrics.Internal;

/// <summary>
/// Feeds an asynchronous stream of purchases to an accumulator: a wrapped in-memory sequence
/// (<see cref="CrmAsyncDataSet.Sequence{T}"/>) is handed over whole, anything else read record by record, the token
/// checked before the first and every 65,536 (a stream need not honour it itself).
/// </summary>
internal static class PurchaseStream
{
    /// <summary>Adds every purchase of <paramref name="purchases"/>; a null one is an <see cref="ArgumentException"/> naming <paramref name="parameter"/>.</summary>
    public static async Task FeedAsync(IAsyncEnumerable<Purchase> purchases, Action<Purchase> add, Action<IEnumerable<Purchase>> addRange, string parameter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (purchases is SyncSequence<Purchase> sync)
        {
            addRange(sync.Source);
            return;
        }

        var read = 0;
        await foreach (var purchase in purchases.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            add(Crm.Internal.Elements.NotNull(purchase, parameter));
            if ((++read & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
