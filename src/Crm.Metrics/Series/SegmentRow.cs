using System.Runtime.InteropServices;
using Crm.Metrics.Loyalty;

namespace Crm.Metrics.Series;

/// <summary>
/// A customer's purchases in one segment of a series, summed as a period's row is (<see cref="CustomerPeriod"/>), in
/// 68 bytes: a series keeps one per customer and month bought in.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct SegmentRow
{
    /// <summary>The segment (see <see cref="SeriesCalendar"/>); in a free chunk of the slab, the next free chunk.</summary>
    public int Segment;
    public int Sales;
    public int SalesWithoutCost;

    /// <summary>Index + 1 of the earliest sale day, counted from the start of the segment's period; 0 when none (or in a gap).</summary>
    public int FirstSaleDayPlusOne;
    public bool HasRecord;
    public bool SalesOnSeveralDays;
    public decimal SalesAmount;
    public decimal RefundAmount;
    public decimal Cost;

    /// <summary>The row as a period's row, to merge into one.</summary>
    public readonly CustomerPeriod ToPeriod() => new()
    {
        HasPeriodRecord = HasRecord,
        PeriodSales = Sales,
        FirstSaleDayPlusOne = FirstSaleDayPlusOne,
        SalesOnSeveralDays = SalesOnSeveralDays,
        PeriodSalesAmount = SalesAmount,
        PeriodRefundAmount = RefundAmount,
        PeriodCost = Cost,
        PeriodSalesWithoutCost = SalesWithoutCost,
    };

    /// <summary>Records a sale day, as a period's row does.</summary>
    public void AddSaleDay(int dayPlusOne) => CustomerPeriod.AddSaleDay(ref FirstSaleDayPlusOne, ref SalesOnSeveralDays, dayPlusOne);
}
