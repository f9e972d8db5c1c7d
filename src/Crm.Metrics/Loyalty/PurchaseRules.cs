using Crm.Domain.Activity;
using Crm.Metrics.Internal;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// What one purchase does to its customer's rows: the business rules of the purchase, loyalty, acquisition,
/// customer-value and cohort metrics, and nothing of how the rows are stored.
/// </summary>
/// <remarks>
/// <para>A purchase after the period is not kept (a scorecard describes the period as it was). A purchase before
/// the period feeds the customer's history: its first sale, a sale in the retention window before the period, the
/// previous period's net revenue (sales growth), the lifetime margin (historical CLV) and the cohort months it
/// bought in. A purchase in the period feeds the period row: sales, refunds, costs, and the days it bought on
/// (repeat purchases).</para>
/// <para>A refund reverses its amount, and its cost when it has one (a refund without a cost reverses none). A sale
/// without a cost is counted, so that margins over it are undefined unless missing costs count as zero.</para>
/// </remarks>
internal readonly struct PurchaseRules(PeriodCalendar calendar, CurrencyScope currency)
    : IStoreRules<PurchaseRecord, PendingPurchase, CustomerHistory, CustomerPeriod>
{
    /// <summary>The instants purchases are compared with.</summary>
    public PeriodCalendar Calendar => calendar;

    /// <summary>
    /// When a customer was acquired: its recorded acquisition instant when it has one, else its first sale
    /// (<see cref="CustomerHistory.NoSale"/> when neither).
    /// </summary>
    public static long AcquiredTicks(in CustomerHistory history, in CustomerPeriod period) =>
        period.HasAcquisition ? period.AcquiredTicks : history.FirstSaleTicks;

    /// <summary>One sum beside the rows: the previous period's net revenue.</summary>
    public int Totals => 1;

    /// <summary>Only purchases before the period's end are kept.</summary>
    public bool Admits(in PurchaseRecord record) => record.OccurredAt.ToUnixTimeTicks() < calendar.EndTicks;

    public CustomerId CustomerOf(in PurchaseRecord record) => record.CustomerId;

    public CustomerId CustomerOf(in PendingPurchase entry) => entry.Id;

    /// <summary>Converts the amounts to the scorecard's currency (which may throw <see cref="CurrencyMismatchException"/>).</summary>
    public void Write(in PurchaseRecord record, ref PendingPurchase entry) => PendingPurchase.Write(in record, currency, ref entry);

    /// <inheritdoc/>
    public void UseCustomer(ref PendingPurchase entry, CustomerId id) => entry.Id = id;

    public void Apply(CustomerTable<CustomerHistory, CustomerPeriod> table, in PendingPurchase purchase)
    {
        // Every sum is computed before anything is written: an overflow leaves the rows as they were (a new
        // customer's rows start at zero, where one amount cannot overflow).
        var ticks = purchase.Ticks;
        var amount = purchase.Amount;
        var isSale = purchase.IsSale;
        var inPeriod = ticks >= calendar.StartTicks;
        var countsPrior = !inPeriod && ticks >= calendar.PriorStartTicks;
        var priorNet = countsPrior ? (isSale ? table.Total + amount : table.Total - amount) : 0m;
        var i = table.IndexOf(purchase.Id, purchase.Key);
        ref var history = ref table.History(i);
        var lifetimeNet = isSale ? history.LifetimeNet + amount : history.LifetimeNet - amount;
        var lifetimeCost = isSale ? history.LifetimeCost + purchase.Cost : history.LifetimeCost - purchase.Cost;
        if (inPeriod)
        {
            ref var period = ref table.PeriodForUpdate(i);
            if (isSale)
            {
                var periodSales = period.PeriodSalesAmount + amount;
                var periodCost = period.PeriodCost + purchase.Cost;
                period.PeriodSalesAmount = periodSales;
                period.PeriodCost = periodCost;
                period.PeriodSales++;
                period.AddSaleDay(calendar.DayIndex(ticks) + 1);
                period.PeriodSalesWithoutCost += purchase.HasCost ? 0 : 1;
            }
            else
            {
                var refunds = period.PeriodRefundAmount + amount;
                var periodCost = period.PeriodCost - purchase.Cost;
                period.PeriodRefundAmount = refunds;
                period.PeriodCost = periodCost;
            }

            period.HasPeriodRecord = true;
        }
        else if (countsPrior)
        {
            table.Total = priorNet; // the table's total is its customers' net revenue in the previous period
        }

        history.LifetimeNet = lifetimeNet;
        history.LifetimeCost = lifetimeCost;
        if (isSale)
        {
            history.FirstSaleTicks = Math.Min(history.FirstSaleTicks, ticks);
            if (ticks >= calendar.FirstMonthStartTicks)
            {
                history.SaleMonths |= 1UL << calendar.MonthIndex(ticks);
            }

            history.LifetimeSalesWithoutCost += purchase.HasCost ? 0 : 1;
            history.SaleInWindowBefore |= !inPeriod && ticks >= calendar.WindowStartTicks;
        }
    }

    public Exception Refused(OverflowException error) =>
        new AmountOverflowException("adding a purchase to its customer's sums", currency.Target ?? default, error);
}
