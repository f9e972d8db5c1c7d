namespace Crm.Metrics.Internal;

/// <summary>What only purchases inside the period (and recorded acquisitions) update.</summary>
internal struct CustomerPeriod
{
    public bool HasAcquisition;
    public long AcquiredTicks;
    public bool HasPeriodRecord;
    public int PeriodSales;

    /// <summary>Index + 1 of the earliest sale day in the period; 0 when none.</summary>
    public int FirstSaleDayPlusOne;
    public bool SalesOnSeveralDays;
    public decimal PeriodSalesAmount;
    public decimal PeriodRefundAmount;
    public decimal PeriodCost;
    public int PeriodSalesWithoutCost;

    public readonly bool IsActive => PeriodSales > 0;

    public readonly MergeFit MergeFits(in CustomerPeriod other) =>
        !Sums.Fit(PeriodSalesAmount, other.PeriodSalesAmount) || !Sums.Fit(PeriodRefundAmount, other.PeriodRefundAmount) || !Sums.Fit(PeriodCost, other.PeriodCost)
            ? MergeFit.AmountOverflows
        : PeriodSales > int.MaxValue - other.PeriodSales || PeriodSalesWithoutCost > int.MaxValue - other.PeriodSalesWithoutCost ? MergeFit.CountOverflows
        : MergeFit.Fits;

    public void AddAcquisition(long ticks)
    {
        if (!HasAcquisition || ticks < AcquiredTicks)
        {
            AcquiredTicks = ticks;
            HasAcquisition = true;
        }
    }

    public void Merge(in CustomerPeriod other)
    {
        if (other.HasAcquisition)
        {
            AddAcquisition(other.AcquiredTicks);
        }

        HasPeriodRecord |= other.HasPeriodRecord;
        PeriodSales += other.PeriodSales;
        AddSaleDay(other.FirstSaleDayPlusOne);
        SalesOnSeveralDays |= other.SalesOnSeveralDays;
        PeriodSalesAmount += other.PeriodSalesAmount;
        PeriodRefundAmount += other.PeriodRefundAmount;
        PeriodCost += other.PeriodCost;
        PeriodSalesWithoutCost += other.PeriodSalesWithoutCost;
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
