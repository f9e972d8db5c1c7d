namespace Crm.Metrics.Storage;

/// <summary>
/// A purchase as <see cref="OwnedPartitions"/> hands it to a partition's owner: everything the per-customer rules
/// read, taken from the record where the records are read in order (its local day already computed), so that the
/// owner never reads the record itself. 48 bytes and no reference: the windows of entries are plain values, kept
/// from call to call without clearing and never scanned by the collector. The customer's id lies beside the entry, in
/// its chunk's ids at <see cref="Number"/>, for the owner to read when it meets a customer first or compares an
/// unpacked key.
/// </summary>
internal struct OwnedEntry
{
    /// <summary>Currency codes of three letters A–Z, numbered 1 to 26³ (0: none).</summary>
    public const int CurrencyCodes = (26 * 26 * 26) + 1;

    private const ushort SaleBit = 0x8000;

    /// <summary>The customer.</summary>
    public OwnedKey Key;

    /// <summary>The amount.</summary>
    public decimal Amount;

    /// <summary>The local day (days since 1970-01-01 in the run's zone).</summary>
    public int Day;

    /// <summary>The record's number within its chunk.</summary>
    public ushort Number;

    private ushort _kind; // the currency's code number, and the sale bit

    /// <summary>Whether the record is a sale (else a refund).</summary>
    public readonly bool IsSale => (_kind & SaleBit) != 0;

    /// <summary>The amount's currency as its code number (see <see cref="CodeOf"/>).</summary>
    public readonly int CurrencyCode => _kind & ~SaleBit;

    /// <summary>Sets the currency's code number and whether the record is a sale.</summary>
    public void SetKind(int currencyCode, bool isSale) => _kind = (ushort)(currencyCode | (isSale ? SaleBit : 0));

    /// <summary>The code number of <paramref name="currency"/>: 1 to 26³ from its three letters A–Z, 0 for the default currency.</summary>
    public static int CodeOf(Currency currency)
    {
        var code = currency.Code;
        return code.Length == 0 ? 0 : (((((code[0] - 'A') * 26) + (code[1] - 'A')) * 26) + (code[2] - 'A')) + 1;
    }
}
