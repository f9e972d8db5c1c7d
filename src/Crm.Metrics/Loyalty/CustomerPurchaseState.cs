namespace Crm.Metrics.Loyalty;

/// <summary>One customer's purchase history as far as the scorecard needs it.</summary>
public sealed record CustomerPurchaseState
{
    /// <summary>The customer id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The first sale's instant in Unix ticks, or null without a sale before the period's end.</summary>
    public long? FirstSaleTicks { get; init; }

    /// <summary>Sales minus refunds, all history up to the period's end.</summary>
    public decimal LifetimeNet { get; init; }

    /// <summary>Cost of goods sold, all history (refunds reverse theirs).</summary>
    public decimal LifetimeCost { get; init; }

    /// <summary>Sales without a recorded cost, all history.</summary>
    public int LifetimeSalesWithoutCost { get; init; }

    /// <summary>Whether the customer bought in the activity window before the period (a customer at start).</summary>
    public bool SaleInWindowBefore { get; init; }

    /// <summary>Bit m set: a sale in cohort month m (0 = the oldest of the options' cohort months).</summary>
    public ulong SaleMonths { get; init; }

    /// <summary>The customer's acquisition instant in Unix ticks, when given with the customer.</summary>
    public long? AcquiredTicks { get; init; }

    /// <summary>Whether the customer has a sale or refund in the period.</summary>
    public bool HasPeriodRecord { get; init; }

    /// <summary>Sales in the period.</summary>
    public int PeriodSales { get; init; }

    /// <summary>The first day with a sale in the period (1 = the period's first day), or 0.</summary>
    public int FirstSaleDay { get; init; }

    /// <summary>Whether the customer bought on more than one day of the period.</summary>
    public bool SalesOnSeveralDays { get; init; }

    /// <summary>Sales in the period.</summary>
    public decimal PeriodSalesAmount { get; init; }

    /// <summary>Refunds in the period.</summary>
    public decimal PeriodRefundAmount { get; init; }

    /// <summary>Cost of goods in the period.</summary>
    public decimal PeriodCost { get; init; }

    /// <summary>Sales in the period without a recorded cost.</summary>
    public int PeriodSalesWithoutCost { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
