namespace Crm.Metrics.Storage;

/// <summary>
/// A purchase as <see cref="OwnedPartitions"/> hands it to a partition's owner: everything the per-customer rules
/// read, taken from the record where the records are read in order (its local day already computed), so that the
/// owner never reads the record itself.
/// </summary>
internal struct OwnedEntry
{
    /// <summary>The customer.</summary>
    public OwnedKey Key;

    /// <summary>The amount.</summary>
    public decimal Amount;

    /// <summary>The amount's currency (one instance for a run of records in the same currency).</summary>
    public Currency Currency;

    /// <summary>The local day (days since 1970-01-01 in the run's zone).</summary>
    public int Day;

    /// <summary>The record's number within its chunk.</summary>
    public ushort Number;

    /// <summary>Whether the record is a sale (else a refund).</summary>
    public bool IsSale;
}
