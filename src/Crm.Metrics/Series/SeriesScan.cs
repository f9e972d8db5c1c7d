using Crm.Metrics.Cohorts;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Series;

/// <summary>
/// Reads a sealed series store for its periods' scorecards: what each period counts beside the rows, and one scan over
/// the customers that derives, for each period in turn, the customer's history up to the period's end (base sums plus
/// the segments before the end) and its period row (the period's segments merged) and hands them to that period's
/// scans — the same scans a period computed alone runs over its own rows.
/// </summary>
internal static class SeriesScan
{
    /// <summary>Per period: the customers with a sale or refund in it (the customer-value rows it will have).</summary>
    public static int[] WithRecord(StoredCustomers<SeriesHistory, SeriesAcquisition> customers, SeriesCalendar calendar)
    {
        var counts = new int[calendar.Periods];
        foreach (var customer in customers)
        {
            var rows = customer.Table.Extra is SegmentSlab slab ? slab.Of(customer.History) : default;
            var last = -1;
            foreach (ref readonly var row in rows)
            {
                var p = calendar.SegmentPeriod[row.Segment];
                if (p >= 0 && p != last && row.HasRecord)
                {
                    counts[p]++;
                    last = p; // rows ascend by segment, so a period's rows are next to each other
                }
            }
        }

        return counts;
    }

    /// <summary>Net revenue of the period before period <paramref name="p"/> (<see cref="ReportingPeriod.Previous"/>).</summary>
    public static decimal PriorPeriodNet(StoredCustomers<SeriesHistory, SeriesAcquisition> customers, int p) => customers.TotalAt(p);

    /// <summary>Purchases kept by the series that fall after period <paramref name="p"/>'s end.</summary>
    public static long PurchasesAfter(StoredCustomers<SeriesHistory, SeriesAcquisition> customers, SeriesCalendar calendar, int p)
    {
        decimal after = 0;
        for (var s = calendar.LastSegment[p] + 1; s < calendar.Segments; s++)
        {
            after += customers.TotalAt(calendar.Periods + s);
        }

        return (long)after;
    }

    /// <summary>
    /// One scan over the customers, each handed to the scans of periods <paramref name="from"/> to
    /// <paramref name="to"/> (exclusive) with its rows for that period: several threads may each take a run of periods.
    /// A customer's segment rows are read once, in order, as the periods advance: the sums up to each period's end run
    /// on, the cohort months are kept relative to the period's first cohort month, and the rows inside the period are
    /// merged into its period row. A customer the period counts nothing of is not handed to it.
    /// </summary>
    /// <remarks>
    /// Compiled fully optimised at once: it runs once per result, and the quick first compilation of a method with
    /// loops (replaced part-way through the loop) was several times slower on this loop.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Run(StoredCustomers<SeriesHistory, SeriesAcquisition> customers, SeriesCalendar calendar, LoyaltyMetrics.Scan[] loyalty, CustomerValueMetrics.Scan[] value, CohortMatrix.Scan[] cohorts, int from, int to)
    {
        var periods = to;
        foreach (var customer in customers)
        {
            ref readonly var kept = ref customer.History;
            var acquired = customer.HasPeriod;
            var acquiredTicks = acquired ? customer.Period.AcquiredTicks : 0;
            var rows = customer.Table.Extra is SegmentSlab slab ? slab.Of(kept) : default;
            var acquiredMonth = acquired ? calendar.MonthOf(acquiredTicks) : -1;
            var firstSaleMonth = calendar.MonthOf(kept.FirstSaleTicks);
            var net = kept.BaseNet;
            var cost = kept.BaseCost;
            var withoutCost = kept.BaseSalesWithoutCost;
            var saleMonths = kept.BaseSaleMonths; // relative to the current period's first cohort month
            var offset = 0;
            var k = 0;
            for (var p = 0; p < periods; p++)
            {
                var shift = calendar.MonthOffset[p] - offset;
                saleMonths = shift >= 64 ? 0 : saleMonths >> shift;
                offset = calendar.MonthOffset[p];
                int first = calendar.FirstSegment[p], last = calendar.LastSegment[p];
                var period = CustomerPeriod.Empty;
                for (; k < rows.Length && rows[k].Segment <= last; k++)
                {
                    ref readonly var segment = ref rows[k];
                    net += segment.SalesAmount - segment.RefundAmount;
                    cost += segment.Cost;
                    withoutCost += segment.SalesWithoutCost;
                    var month = calendar.SegmentMonth[segment.Segment] - offset;
                    if (segment.Sales > 0 && month >= 0)
                    {
                        saleMonths |= 1UL << month;
                    }

                    if (segment.Segment >= first)
                    {
                        period.Merge(segment.ToPeriod());
                    }
                }

                if (p < from)
                {
                    continue; // another thread's period: its rows were read for the sums that run on
                }

                // A customer the period counts nothing of is left out: not acquired in it, not in its retention
                // window, no record in it, not acquired in one of its cohort months.
                var own = calendar.Calendars[p];
                var months = own.Months;
                var inWindow = (kept.WindowBits & (1UL << p)) != 0;
                var firstSale = kept.FirstSaleTicks < own.EndTicks ? kept.FirstSaleTicks : CustomerHistory.NoSale;
                var acquisition = acquired ? acquiredTicks : firstSale;
                var cohortMonth = acquired ? acquiredMonth : firstSale != CustomerHistory.NoSale ? firstSaleMonth : -1;
                var cohort = cohortMonth < 0 ? -1 : cohortMonth - offset;
                var isNew = acquisition >= own.StartTicks && acquisition < own.EndTicks;
                if (!inWindow && !period.HasPeriodRecord && !isNew && (uint)cohort >= (uint)months)
                {
                    continue;
                }

                if (acquired)
                {
                    period.AddAcquisition(acquiredTicks);
                }

                var history = new CustomerHistory
                {
                    FirstSaleTicks = firstSale,
                    LifetimeNet = net,
                    LifetimeCost = cost,
                    LifetimeSalesWithoutCost = withoutCost,
                    SaleInWindowBefore = inWindow,
                    SaleMonths = months >= 64 ? saleMonths : saleMonths & ((1UL << months) - 1),
                };
                loyalty[p].Add(history, period);
                value[p].Add(customer.Id, history, period);
                cohorts[p].AddTo(cohort, history.SaleMonths);
            }
        }
    }
}
