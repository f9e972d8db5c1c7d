using Crm.Domain.Activity;

namespace Crm.Metrics.Loyalty;

/// <summary>A purchase waiting in a store's buffer, converted to the scorecard's currency (written in place, field by field).</summary>
internal struct PendingPurchase
{
    public CustomerId Id;
    public long Ticks;
    public decimal Amount;
    public decimal Cost; // 0 without a cost
    public bool HasCost;
    public bool IsSale;

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
        entry.HasCost = cost is not null;
        entry.IsSale = record.Kind == PurchaseKind.Sale;
    }
}
