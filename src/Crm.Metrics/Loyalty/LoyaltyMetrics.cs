using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Metrics.Results;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// The purchase and loyalty family of the scorecard. One sale
/// record is one order; a customer is <em>active</em> in the period when it has at least one sale in it (a refund
/// alone does not make a customer active).
/// </summary>
public sealed class LoyaltyMetrics
{
    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
    internal LoyaltyMetrics(Money revenue, Money salesRevenue, Money refunds, long orders, long activeCustomers, long newCustomers, MoneyPerCount averageOrderValue, Rate purchaseFrequency, Rate repeatPurchaseRate, RetentionResult retention, MoneyRatio returningCustomerRevenueShare, Money priorPeriodRevenue, MoneyRatio salesGrowth)
    {
        Revenue = revenue;
        SalesRevenue = salesRevenue;
        Refunds = refunds;
        Orders = ReadBack.Count(orders, nameof(orders));
        ActiveCustomers = ReadBack.Count(activeCustomers, nameof(activeCustomers));
        NewCustomers = ReadBack.Count(newCustomers, nameof(newCustomers));
        AverageOrderValue = averageOrderValue;
        PurchaseFrequency = purchaseFrequency;
        RepeatPurchaseRate = repeatPurchaseRate;
        Retention = ReadBack.Present(retention, nameof(retention));
        ReturningCustomerRevenueShare = returningCustomerRevenueShare;
        PriorPeriodRevenue = priorPeriodRevenue;
        SalesGrowth = salesGrowth;
    }

    /// <summary>Revenue: sales minus refunds in the period (net).</summary>
    public Money Revenue { get; }

    /// <summary>Gross sales in the period (before refunds).</summary>
    public Money SalesRevenue { get; }

    /// <summary>Refunds in the period.</summary>
    public Money Refunds { get; }

    /// <summary>Sale records in the period.</summary>
    public long Orders { get; }

    /// <summary>Customers with at least one sale in the period.</summary>
    public long ActiveCustomers { get; }

    /// <summary>Customers acquired in the period: their acquisition instant, or else their first-ever sale, falls in it.</summary>
    public long NewCustomers { get; }

    /// <summary>Average order value: gross sales / orders (refunds not netted). Undefined with no orders.</summary>
    public MoneyPerCount AverageOrderValue { get; }

    /// <summary>Purchase frequency: orders per active customer (≥ 1 when defined). Undefined with no active customer.</summary>
    public Rate PurchaseFrequency { get; }

    /// <summary>
    /// Repeat purchase rate: active customers with sales on at least two different days of the period (local dates in
    /// the period's zone) / active customers. "Repeat" is inside the period, not over the lifetime. Undefined with no
    /// active customer.
    /// </summary>
    public Rate RepeatPurchaseRate { get; }

    /// <summary>Retention and churn.</summary>
    public RetentionResult Retention { get; }

    /// <summary>
    /// Share of gross sales in the period from customers who bought before it (returning customers), 0..1.
    /// Undefined when there were no sales.
    /// </summary>
    public MoneyRatio ReturningCustomerRevenueShare { get; }

    /// <summary>Net revenue of the previous period (<see cref="ReportingPeriod.Previous"/>: the calendar month before a calendar month, else the period of equal length before).</summary>
    public Money PriorPeriodRevenue { get; }

    /// <summary>
    /// Sales growth: (revenue − prior revenue) / prior revenue, against the previous period of the same kind
    /// (<see cref="ReportingPeriod.Previous"/>: September against August for a month). Undefined when the prior revenue
    /// is zero.
    /// </summary>
    public MoneyRatio SalesGrowth { get; }

    /// <summary>The reason of every purchase rate when no purchases were supplied.</summary>
    internal const string NotSupplied = "no purchase data was supplied";

    internal static LoyaltyMetrics From(PurchaseSnapshot purchases, Currency fallbackCurrency, bool supplied)
    {
        var scan = new Scan(purchases.Calendar);
        foreach (var customer in purchases.Customers)
        {
            scan.Add(customer.History, customer.Period);
        }

        return scan.Result(purchases.Currency ?? fallbackCurrency, purchases.PriorPeriodNet, purchases.Options, supplied);
    }

    /// <summary>The sums of one scan over a period's customers, one customer at a time, and the metrics they give.</summary>
    /// <param name="calendar">The period's calendar.</param>
    internal sealed class Scan(PeriodCalendar calendar)
    {
        private readonly long _start = calendar.StartTicks;
        private readonly long _end = calendar.EndTicks;
        private long _orders, _active, _repeaters, _atStart, _retained, _acquired, _acquiredActive;
        private decimal _sales, _refunds, _returningSales;

        /// <summary>Adds one customer's history up to the period's end and its period row.</summary>
        public void Add(in CustomerHistory history, in CustomerPeriod period)
        {
            if (period.HasPeriodRecord)
            {
                _sales += period.PeriodSalesAmount;
                _refunds += period.PeriodRefundAmount;
            }

            _orders += period.PeriodSales;
            var acquisition = PurchaseRules.AcquiredTicks(history, period);
            var isNew = acquisition >= _start && acquisition < _end;
            _acquired += isNew ? 1 : 0;
            if (history.SaleInWindowBefore)
            {
                _atStart++;
                _retained += period.IsActive ? 1 : 0;
            }

            if (!period.IsActive)
            {
                return;
            }

            _active++;
            _repeaters += period.SalesOnSeveralDays ? 1 : 0;
            _acquiredActive += isNew ? 1 : 0;
            if (history.FirstSaleTicks < _start)
            {
                _returningSales += period.PeriodSalesAmount;
            }
        }

        /// <summary>The metrics of the customers added.</summary>
        public LoyaltyMetrics Result(Currency currency, decimal prior, CrmMetricsOptions options, bool supplied)
        {
            string Because(string reason) => supplied ? reason : NotSupplied;
            decimal sales = _sales, refunds = _refunds;
            var net = sales - refunds;
            return new LoyaltyMetrics(
                revenue: new Money(net, currency),
                salesRevenue: new Money(sales, currency),
                refunds: new Money(refunds, currency),
                orders: _orders,
                activeCustomers: _active,
                newCustomers: _acquired,
                averageOrderValue: new MoneyPerCount(new Money(sales, currency), _orders, Because("no orders in the period")),
                purchaseFrequency: new Rate(_orders, _active, Because("no active customers in the period")),
                repeatPurchaseRate: new Rate(_repeaters, _active, Because("no active customers in the period")),
                retention: new RetentionResult(options.RetentionMethod, options.RetentionWindowDays, _atStart, _retained, _active, _acquiredActive, supplied),
                returningCustomerRevenueShare: new MoneyRatio(
                    new Money(_returningSales, currency),
                    new Money(sales, currency),
                    sales == 0 ? Because("no sales in the period") : null),
                priorPeriodRevenue: new Money(prior, currency),
                salesGrowth: new MoneyRatio(
                    new Money(net - prior, currency),
                    new Money(prior, currency),
                    prior == 0 ? Because("no revenue in the previous period") : null));
        }
    }
}
