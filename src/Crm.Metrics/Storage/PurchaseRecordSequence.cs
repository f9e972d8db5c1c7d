using System.Collections;
using Crm.Domain.Activity;

namespace Crm.Metrics.Storage;

/// <summary>
/// Purchases given as records (see <see cref="CrmDataSet.PurchasesOf"/>): the engine reads <see cref="Records"/> as
/// they are; any other reader enumerates a <see cref="Purchase"/> per record.
/// </summary>
/// <param name="records">The records.</param>
internal sealed class PurchaseRecordSequence(IEnumerable<PurchaseRecord> records) : IEnumerable<Purchase>
{
    /// <summary>The records, as the caller gave them.</summary>
    public IEnumerable<PurchaseRecord> Records { get; } = records;

    /// <summary>A purchase per record, in order; a default record is refused (<see cref="ArgumentException"/> naming <c>records</c>).</summary>
    public IEnumerator<Purchase> GetEnumerator()
    {
        foreach (var record in Records)
        {
            yield return PurchaseValues.Checked(in record, "records").ToPurchase();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
