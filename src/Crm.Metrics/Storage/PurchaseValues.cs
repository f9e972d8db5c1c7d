using Crm.Domain.Activity;

namespace Crm.Metrics.Storage;

/// <summary>Purchases given as records: the default value refused (it describes no purchase), the others read as they are.</summary>
internal readonly struct PurchaseValues : IRecordReader<PurchaseRecord, PurchaseRecord>
{
    public static PurchaseRecord Read(PurchaseRecord element, string parameterName) => Checked(in element, parameterName);

    /// <summary><paramref name="record"/> when it is not the default value; else an <see cref="ArgumentException"/> naming <paramref name="parameterName"/>.</summary>
    public static ref readonly PurchaseRecord Checked(in PurchaseRecord record, string parameterName)
    {
        if (record.CustomerId == default)
        {
            throw new ArgumentException("The sequence holds a default PurchaseRecord, which describes no purchase; make every record with its constructor.", parameterName);
        }

        return ref record;
    }
}
