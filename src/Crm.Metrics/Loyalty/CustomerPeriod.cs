using Crm.Metrics.Internal;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Loyalty;

/// <summary>What only purchases inside the period (and recorded acquisitions) update.</summary>
internal struct CustomerPeriod : ICustomerRow<CustomerPeriod>
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

    /// <summary>No record in the period and no recorded acquisition.</summary>
    public static CustomerPeriod Empty => default;

    public readonly bool IsActive => PeriodSales > 0;

    public readonly decimal LargestAmount => Math.Max(PeriodSalesAmount, Math.Max(PeriodRefundAmount, Math.Abs(PeriodCost)));

    public readonly int LargestCount => Math.Max(PeriodSales, PeriodSalesWithoutCost);

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
    public void AddSaleDay(int dayPlusOne) => AddSaleDay(ref FirstSaleDayPlusOne, ref SalesOnSeveralDays, dayPlusOne);

    /// <summary>
    /// The sale-day rule on its two fields (index + 1 of the earliest sale day, 0 for none; sales on several days): a
    /// second different day makes several. Shared with the rows a series keeps per segment.
    /// </summary>
    public static void AddSaleDay(ref int firstDayPlusOne, ref bool severalDays, int dayPlusOne)
    {
        if (dayPlusOne == 0)
        {
            return;
        }

        if (firstDayPlusOne == 0)
        {
            firstDayPlusOne = dayPlusOne;
        }
        else if (firstDayPlusOne != dayPlusOne)
        {
            severalDays = true;
            firstDayPlusOne = Math.Min(firstDayPlusOne, dayPlusOne);
        }
    }
}
