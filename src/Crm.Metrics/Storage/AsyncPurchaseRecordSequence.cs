using Crm.Domain.Activity;

namespace Crm.Metrics.Storage;

/// <summary>
/// Purchases streamed as records (see <see cref="CrmAsyncDataSet.PurchasesOf"/>): the engine reads <see cref="Records"/>
/// as they are; any other reader enumerates a <see cref="Purchase"/> per record.
/// </summary>
/// <param name="records">The records.</param>
internal sealed class AsyncPurchaseRecordSequence(IAsyncEnumerable<PurchaseRecord> records) : IAsyncEnumerable<Purchase>
{
    /// <summary>The records, as the caller gave them.</summary>
    public IAsyncEnumerable<PurchaseRecord> Records { get; } = records;

    /// <summary>A purchase per record, in order; a default record is refused (<see cref="ArgumentException"/> naming <c>records</c>).</summary>
    public async IAsyncEnumerator<Purchase> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var record in Records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return PurchaseValues.Checked(in record, "records").ToPurchase();
        }
    }
}
