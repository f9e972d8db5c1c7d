namespace Crm.Metrics.Internal;

/// <summary>Everything the purchase metrics need to know about one customer; merged exactly.</summary>
internal struct CustomerState
{
    public bool HasSale;
    public Instant FirstSale;
    public bool HasAcquisition;
    public Instant AcquiredAt;
    public bool SaleInWindowBefore;
    public bool HasPeriodRecord;
    public int PeriodSales;

    /// <summary>Index + 1 of the earliest sale day in the period; 0 when none.</summary>
    public int FirstSaleDayPlusOne;
    public bool SalesOnSeveralDays;
    public decimal PeriodSalesAmount;
    public decimal PeriodRefundAmount;
    public decimal PeriodCost;
    public int PeriodSalesWithoutCost;
    public decimal LifetimeNet;
    public decimal LifetimeCost;
    public int LifetimeSalesWithoutCost;

    public readonly bool IsActive => PeriodSales > 0;

    public void Merge(in CustomerState other)
    {
        if (other.HasSale && (!HasSale || other.FirstSale < FirstSale))
        {
            FirstSale = other.FirstSale;
            HasSale = true;
        }

        if (other.HasAcquisition && (!HasAcquisition || other.AcquiredAt < AcquiredAt))
        {
            AcquiredAt = other.AcquiredAt;
            HasAcquisition = true;
        }

        SaleInWindowBefore |= other.SaleInWindowBefore;
        HasPeriodRecord |= other.HasPeriodRecord;
        PeriodSales += other.PeriodSales;
        AddSaleDay(other.FirstSaleDayPlusOne);
        SalesOnSeveralDays |= other.SalesOnSeveralDays;
        PeriodSalesAmount += other.PeriodSalesAmount;
        PeriodRefundAmount += other.PeriodRefundAmount;
        PeriodCost += other.PeriodCost;
        PeriodSalesWithoutCost += other.PeriodSalesWithoutCost;
        LifetimeNet += other.LifetimeNet;
        LifetimeCost += other.LifetimeCost;
        LifetimeSalesWithoutCost += other.LifetimeSalesWithoutCost;
    }

    /// <summary>Records a sale day: two different days make the customer a repeat buyer in the period.</summary>
    public void AddSaleDay(int dayPlusOne)
    {
        if (dayPlusOne == 0)
        {
            return;
        }

        if (FirstSaleDayPlusOne == 0)
        {
            FirstSaleDayPlusOne = dayPlusOne;
        }
        else if (FirstSaleDayPlusOne != dayPlusOne)
        {
            SalesOnSeveralDays = true;
            FirstSaleDayPlusOne = Math.Min(FirstSaleDayPlusOne, dayPlusOne);
        }
    }
}
