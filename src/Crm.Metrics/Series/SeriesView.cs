using Crm.Metrics.Loyalty;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Series;

/// <summary>
/// One period of a series as its scorecard reads it: each customer's history up to the period's end (base sums plus
/// the segments before the end) and its period row (the period's segments merged), derived as a scan reaches the
/// customer.
/// </summary>
internal sealed class SeriesView : PurchaseView
{
    private readonly StoredCustomers<SeriesHistory, SeriesActivity> _customers;
    private readonly SeriesCalendar _calendar;
    private readonly int _period;
    private readonly int _withPeriod;

    /// <param name="customers">The sealed series store.</param>
    /// <param name="calendar">The series' calendar.</param>
    /// <param name="period">The period's index.</param>
    public SeriesView(StoredCustomers<SeriesHistory, SeriesActivity> customers, SeriesCalendar calendar, int period)
    {
        _customers = customers;
        _calendar = calendar;
        _period = period;
        int first = calendar.FirstSegment[period], last = calendar.LastSegment[period];
        long active = 0;
        var withPeriod = 0;
        foreach (ref readonly var activity in customers.PeriodRows)
        {
            var sales = 0;
            var any = activity.HasAcquisition;
            for (var k = 0; k < activity.Count; k++)
            {
                ref readonly var row = ref activity.Rows![k];
                if (row.Segment >= first && row.Segment <= last)
                {
                    any = true;
                    sales += row.Row.PeriodSales;
                }
            }

            withPeriod += any ? 1 : 0;
            active += sales > 0 ? 1 : 0;
        }

        _withPeriod = withPeriod;
        ActiveCustomers = active;
    }

    public override int ScanParallelism => _customers.ScanParallelism;

    public override int WithPeriod => _withPeriod;

    /// <summary>Customers with a sale in the period.</summary>
    public long ActiveCustomers { get; }

    /// <summary>Net revenue of the period of equal length before this one.</summary>
    public decimal PriorPeriodNet => _customers.TotalAt(_period);

    /// <summary>Purchases kept by the series that fall after this period's end.</summary>
    public long PurchasesAfter
    {
        get
        {
            decimal after = 0;
            for (var s = _calendar.LastSegment[_period] + 1; s < _calendar.Segments; s++)
            {
                after += _customers.TotalAt(_calendar.Periods + s);
            }

            return (long)after;
        }
    }

    public override Cursor Open() => new SeriesCursor(this);

    private sealed class SeriesCursor(SeriesView view) : Cursor
    {
        private StoredCustomers<SeriesHistory, SeriesActivity>.Enumerator _customers = view._customers.GetEnumerator();

        public override bool MoveNext()
        {
            if (!_customers.MoveNext())
            {
                return false;
            }

            var customer = _customers.Current;
            Id = customer.Id;
            Derive(view._calendar, view._period, customer.History, customer.Period, ref History[0], ref Period[0]);
            return true;
        }
    }

    /// <summary>A customer's rows for period <paramref name="p"/>, from what the series keeps of it.</summary>
    internal static void Derive(SeriesCalendar calendar, int p, in SeriesHistory kept, in SeriesActivity activity, ref CustomerHistory history, ref CustomerPeriod period)
    {
        var own = calendar.Calendars[p];
        int first = calendar.FirstSegment[p], last = calendar.LastSegment[p], offset = calendar.MonthOffset[p];
        var months = own.Months;
        var net = kept.BaseNet;
        var cost = kept.BaseCost;
        var withoutCost = kept.BaseSalesWithoutCost;
        var saleMonths = offset < 64 ? kept.BaseSaleMonths >> offset : 0;
        period = CustomerPeriod.Empty;
        if (activity.HasAcquisition)
        {
            period.AddAcquisition(activity.AcquiredTicks);
        }

        for (var k = 0; k < activity.Count; k++)
        {
            ref readonly var segment = ref activity.Rows![k];
            if (segment.Segment > last)
            {
                break;
            }

            ref readonly var row = ref segment.Row;
            net += row.PeriodSalesAmount - row.PeriodRefundAmount;
            cost += row.PeriodCost;
            withoutCost += row.PeriodSalesWithoutCost;
            var month = calendar.SegmentMonth[segment.Segment] - offset;
            if (row.PeriodSales > 0 && month >= 0)
            {
                saleMonths |= 1UL << month;
            }

            if (segment.Segment >= first)
            {
                period.Merge(row);
            }
        }

        history = new CustomerHistory
        {
            FirstSaleTicks = kept.FirstSaleTicks < own.EndTicks ? kept.FirstSaleTicks : CustomerHistory.NoSale,
            LifetimeNet = net,
            LifetimeCost = cost,
            LifetimeSalesWithoutCost = withoutCost,
            SaleInWindowBefore = (kept.WindowBits & (1UL << p)) != 0,
            SaleMonths = months >= 64 ? saleMonths : saleMonths & ((1UL << months) - 1),
        };
    }
}
