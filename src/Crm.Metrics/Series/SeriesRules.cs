using Crm.Domain.Activity;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Series;

/// <summary>
/// What one purchase does to its customer's rows in a series of periods: the purchase rules of one period
/// (<see cref="PurchaseRules"/>) written once for all the periods. A purchase before the first period goes into the
/// customer's base sums; one from the first period's start on into its segment's row. Beside the rows each table keeps,
/// per period, the net revenue of its previous period (<see cref="ReportingPeriod.Previous"/>) and, per segment, the
/// purchases in it.
/// </summary>
internal readonly struct SeriesRules(SeriesCalendar calendar, CurrencyScope currency)
    : IStoreRules<PurchaseRecord, PendingPurchase, SeriesHistory, SeriesAcquisition>
{
    public SeriesCalendar Calendar => calendar;

    /// <summary>Per period its previous period's net revenue, then per segment its purchases.</summary>
    public int Totals => calendar.Periods + calendar.Segments;

    /// <summary>Only purchases before the last period's end are kept.</summary>
    public bool Admits(in PurchaseRecord record) => record.OccurredAt.ToUnixTimeTicks() < calendar.EndTicks;

    public CustomerId CustomerOf(in PurchaseRecord record) => record.CustomerId;

    public CustomerId CustomerOf(in PendingPurchase entry) => entry.Id;

    /// <summary>Converts the amounts to the series' currency, as <see cref="PurchaseRules.Write"/> does.</summary>
    public void Write(in PurchaseRecord record, ref PendingPurchase entry) => PendingPurchase.Write(in record, currency, ref entry);

    /// <inheritdoc/>
    public void UseCustomer(ref PendingPurchase entry, CustomerId id) => entry.Id = id;

    public void Apply(CustomerTable<SeriesHistory, SeriesAcquisition> table, in PendingPurchase purchase)
    {
        // As in the rules of one period: every sum is computed (and may overflow) before anything is written.
        var ticks = purchase.Ticks;
        var amount = purchase.Amount;
        var isSale = purchase.IsSale;
        var signed = isSale ? amount : -amount;
        var signedCost = isSale ? purchase.Cost : -purchase.Cost;
        var calendars = calendar.Calendars;
        var totals = table.Totals;
        // The periods whose previous period, and whose retention window, hold the purchase: among those that start
        // after it (the periods from `after` on), the first few — the windows' starts ascend with the periods, and so
        // do the previous periods' starts unless the periods' lengths differ (then every later period is checked).
        var inBase = ticks < calendar.FirstStartTicks;
        var segment = inBase ? -1 : calendar.SegmentOf(ticks);
        var after = inBase ? 0 : calendar.PeriodsStartingBy(segment);
        var priorEnd = calendar.PriorsAscending ? calendar.PriorsStartingBy(ticks, after) : calendars.Length;
        var windowEnd = isSale ? calendar.WindowsStartingBy(ticks, after) : after;
        Span<decimal> prior = stackalloc decimal[priorEnd - after];
        var priorMask = 0UL;
        for (var p = after; p < priorEnd; p++)
        {
            if (ticks >= calendars[p].PriorStartTicks)
            {
                prior[p - after] = totals[p] + signed;
                priorMask |= 1UL << (p - after);
            }
        }

        var i = table.IndexOf(purchase.Id, purchase.Key);
        ref var history = ref table.History(i);
        if (inBase)
        {
            var net = history.BaseNet + signed;
            var cost = history.BaseCost + signedCost;
            history.BaseNet = net;
            history.BaseCost = cost;
            if (isSale)
            {
                history.BaseSalesWithoutCost += purchase.HasCost ? 0 : 1;
                var first = calendars[0];
                if (ticks >= first.FirstMonthStartTicks)
                {
                    history.BaseSaleMonths |= 1UL << first.MonthIndex(ticks);
                }
            }
        }
        else
        {
            ref var row = ref SlabOf(table).RowFor(ref history, segment);
            if (isSale)
            {
                var sales = row.SalesAmount + amount;
                var cost = row.Cost + purchase.Cost;
                row.SalesAmount = sales;
                row.Cost = cost;
                row.Sales++;
                row.SalesWithoutCost += purchase.HasCost ? 0 : 1;
                var p = calendar.SegmentPeriod[segment];
                if (p >= 0)
                {
                    row.AddSaleDay(calendars[p].DayIndex(ticks) + 1);
                }
            }
            else
            {
                var refunds = row.RefundAmount + amount;
                var cost = row.Cost - purchase.Cost;
                row.RefundAmount = refunds;
                row.Cost = cost;
            }

            row.HasRecord = true;
            totals[calendars.Length + segment]++;
        }

        for (var p = after; p < priorEnd; p++)
        {
            if ((priorMask & (1UL << (p - after))) != 0)
            {
                totals[p] = prior[p - after];
            }
        }
        if (isSale)
        {
            history.FirstSaleTicks = Math.Min(history.FirstSaleTicks, ticks);
            history.WindowBits |= SeriesCalendar.Bits(after, windowEnd);
        }
    }

    /// <summary>The table's segment rows.</summary>
    public SegmentSlab SlabOf(CustomerTable<SeriesHistory, SeriesAcquisition> table) => (SegmentSlab)(table.Extra ??= new SegmentSlab(calendar.Segments));

    public Exception Refused(OverflowException error) =>
        new AmountOverflowException("adding a purchase to its customer's sums", currency.Target ?? default, error);
}
