namespace Crm.Metrics.Loyalty;

/// <summary>
/// One customer row of a <see cref="PurchaseState"/> as a value: the same members as
/// <see cref="CustomerPurchaseState"/>, for code that writes or reads a state's rows without an object per row
/// (see <see cref="Internal.IStateRowSink{TRow, TItem}"/> and <see cref="Internal.IStateRowSource{TRow}"/>). The rules
/// of a row are those of <see cref="PurchaseStateRules"/>, whichever form it came in.
/// </summary>
internal struct PurchaseRow
{
    public string? Id;
    public long? FirstSaleTicks;
    public decimal LifetimeNet;
    public decimal LifetimeCost;
    public int LifetimeSalesWithoutCost;
    public bool SaleInWindowBefore;
    public ulong SaleMonths;
    public long? AcquiredTicks;
    public bool HasPeriodRecord;
    public int PeriodSales;
    public int FirstSaleDay;
    public bool SalesOnSeveralDays;
    public decimal PeriodSalesAmount;
    public decimal PeriodRefundAmount;
    public decimal PeriodCost;
    public int PeriodSalesWithoutCost;

    /// <summary>The row of a state object.</summary>
    public static PurchaseRow Of(CustomerPurchaseState row) => new()
    {
        Id = row.Id,
        FirstSaleTicks = row.FirstSaleTicks,
        LifetimeNet = row.LifetimeNet,
        LifetimeCost = row.LifetimeCost,
        LifetimeSalesWithoutCost = row.LifetimeSalesWithoutCost,
        SaleInWindowBefore = row.SaleInWindowBefore,
        SaleMonths = row.SaleMonths,
        AcquiredTicks = row.AcquiredTicks,
        HasPeriodRecord = row.HasPeriodRecord,
        PeriodSales = row.PeriodSales,
        FirstSaleDay = row.FirstSaleDay,
        SalesOnSeveralDays = row.SalesOnSeveralDays,
        PeriodSalesAmount = row.PeriodSalesAmount,
        PeriodRefundAmount = row.PeriodRefundAmount,
        PeriodCost = row.PeriodCost,
        PeriodSalesWithoutCost = row.PeriodSalesWithoutCost,
    };

    /// <summary>The row as a state object.</summary>
    public readonly CustomerPurchaseState ToState() => new()
    {
        Id = Id!,
        FirstSaleTicks = FirstSaleTicks,
        LifetimeNet = LifetimeNet,
        LifetimeCost = LifetimeCost,
        LifetimeSalesWithoutCost = LifetimeSalesWithoutCost,
        SaleInWindowBefore = SaleInWindowBefore,
        SaleMonths = SaleMonths,
        AcquiredTicks = AcquiredTicks,
        HasPeriodRecord = HasPeriodRecord,
        PeriodSales = PeriodSales,
        FirstSaleDay = FirstSaleDay,
        SalesOnSeveralDays = SalesOnSeveralDays,
        PeriodSalesAmount = PeriodSalesAmount,
        PeriodRefundAmount = PeriodRefundAmount,
        PeriodCost = PeriodCost,
        PeriodSalesWithoutCost = PeriodSalesWithoutCost,
    };
}
