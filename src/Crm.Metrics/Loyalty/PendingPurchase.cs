using Crm.Domain.Activity;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// A purchase waiting in a store's buffer, converted to the scorecard's currency (written in place, field by field).
/// 64 bytes: the id packed where the record is read (its string then at hand) and the two flags share one word, so
/// that the table's lookup does not read the id's string and the buffers are no larger than without it.
/// </summary>
internal struct PendingPurchase
{
    private const ulong HasCostBit = 1UL << 60;
    private const ulong IsSaleBit = 1UL << 61;

    public CustomerId Id;
    public long Ticks;
    public decimal Amount;
    public decimal Cost; // 0 without a cost
    private ulong _keyAndFlags; // the packed id (PackedId.Bits), then HasCostBit and IsSaleBit

    /// <summary>The id packed (see <see cref="PackedId"/>).</summary>
    public readonly PackedId Key => PackedId.FromWord(_keyAndFlags);

    /// <summary>Whether the purchase has a cost.</summary>
    public readonly bool HasCost => (_keyAndFlags & HasCostBit) != 0;

    /// <summary>Whether the purchase is a sale (else a refund).</summary>
    public readonly bool IsSale => (_keyAndFlags & IsSaleBit) != 0;

    /// <summary>Writes <paramref name="record"/> into <paramref name="entry"/>, its amounts converted to the scope's currency (which may throw <see cref="CurrencyMismatchException"/>).</summary>
    public static void Write(in PurchaseRecord record, Internal.CurrencyScope currency, ref PendingPurchase entry)
    {
        var at = record.OccurredAt;
        var amount = currency.Convert(record.Amount, at);
        decimal? cost = record.Cost is { } c ? currency.Convert(c, at) : null;
        entry.Id = record.CustomerId;
        entry.Ticks = at.ToUnixTimeTicks();
        entry.Amount = amount;
        entry.Cost = cost ?? 0m;
        entry._keyAndFlags = PackedId.Of(record.CustomerId).Word
            | (cost is not null ? HasCostBit : 0)
            | (record.Kind == PurchaseKind.Sale ? IsSaleBit : 0);
    }
}
