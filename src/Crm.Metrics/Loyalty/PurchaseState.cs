namespace Crm.Metrics.Loyalty;

/// <summary>The purchase accumulator's state: one row per customer seen, and the period-level totals.</summary>
public sealed record PurchaseState
{
    /// <summary>Every customer seen (in a purchase before the period's end, or with an acquisition instant).</summary>
    public IReadOnlyList<CustomerPurchaseState> Customers { get; init; } = [];

    /// <summary>Net revenue in the previous period of equal length.</summary>
    public decimal PriorPeriodNet { get; init; }

    /// <summary>Purchases after the period (not counted).</summary>
    public long AfterPeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
