using Crm.Domain.Activity;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Storage;

/// <summary>
/// Feeds an asynchronous stream of purchases to an accumulator: a wrapped in-memory sequence
/// (<see cref="CrmAsyncDataSet.Sequence{T}"/>) is handed over whole, records streamed as values
/// (<see cref="CrmAsyncDataSet.PurchasesOf"/>) are read as they are, anything else purchase by purchase; the token is
/// checked before the first and every 65,536 (a stream need not honour it itself).
/// </summary>
internal static class PurchaseStream
{
    /// <summary>Adds every purchase of <paramref name="purchases"/>; a null one (or a default record) is an <see cref="ArgumentException"/> naming <paramref name="parameter"/>.</summary>
    public static async Task FeedAsync(IAsyncEnumerable<Purchase> purchases, Action<Purchase> add, Action<PurchaseRecord> addRecord, Action<IEnumerable<Purchase>> addRange, string parameter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (purchases is SyncSequence<Purchase> sync)
        {
            addRange(sync.Source);
            return;
        }

        if (purchases is AsyncPurchaseRecordSequence { Records: var records })
        {
            var counted = 0;
            await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                addRecord(PurchaseValues.Checked(in record, parameter));
                if ((++counted & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

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
