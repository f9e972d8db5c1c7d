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
}
