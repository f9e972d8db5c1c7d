using System.Text.Json.Serialization;
using Crm.Metrics.Costs;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Results;

namespace Crm.Metrics.AcquisitionCost;

/// <summary>
/// The acquisition and cost family of the scorecard: CAC, retention cost per active
/// customer, and — with a value basis — LTV:CAC and CAC payback.
/// </summary>
public sealed class AcquisitionCostMetrics
{
    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
    internal AcquisitionCostMetrics(CostTotals costs, long customersAcquired, long activeCustomers, MoneyPerCount customerAcquisitionCost, MoneyPerCount retentionCostPerActiveCustomer, MetricValue<double> grossMarginRate, MetricValue<Money> lifetimeValue, MetricValue<double> ltvToCac, MetricValue<double> cacPaybackMonths)
    {
        Costs = ReadBack.Present(costs, nameof(costs));
        CustomersAcquired = ReadBack.Count(customersAcquired, nameof(customersAcquired));
        ActiveCustomers = ReadBack.Count(activeCustomers, nameof(activeCustomers));
        CustomerAcquisitionCost = customerAcquisitionCost;
        RetentionCostPerActiveCustomer = retentionCostPerActiveCustomer;
        GrossMarginRate = grossMarginRate;
        LifetimeValue = lifetimeValue;
        LtvToCac = ltvToCac;
        CacPaybackMonths = cacPaybackMonths;
    }

    /// <summary>The period's CRM costs, prorated by days.</summary>
    public CostTotals Costs { get; }

    /// <summary>Customers acquired in the period (acquisition instant, or else first-ever sale, in it).</summary>
    public long CustomersAcquired { get; }

    /// <summary>Customers with a sale in the period.</summary>
    public long ActiveCustomers { get; }

    /// <summary>CAC: acquisition cost in the period / customers acquired in the period. Undefined when none was acquired.</summary>
    public MoneyPerCount CustomerAcquisitionCost { get; }

    /// <summary>Retention cost in the period / active customers. Undefined with no active customer.</summary>
    public MoneyPerCount RetentionCostPerActiveCustomer { get; }

    /// <summary>Gross margin rate of the period: (net revenue − cost of goods) / net revenue; undefined without costs or revenue.</summary>
    public MetricValue<double> GrossMarginRate { get; }

    /// <summary>
    /// LTV: the lifetime value of a customer that LTV:CAC sets against acquisition cost, from
    /// <see cref="ScorecardSettings.ValueBasis"/> — given, the simple CLV of the period's margin and retention, or the
    /// models' predicted CLV of a new customer (<see cref="ValueBasis.Kind"/> says which); undefined without one. Not
    /// the historical CLV of <see cref="CustomerValueMetrics"/>, which is the margin customers have realised so far.
    /// </summary>
    public MetricValue<Money> LifetimeValue { get; }

    /// <summary>LTV / CAC. Undefined without a value basis, or when CAC is undefined or zero.</summary>
    public MetricValue<double> LtvToCac { get; }

    /// <summary>
    /// CAC payback in months: CAC / (monthly net revenue per active customer × gross margin rate), with a month of
    /// 365.25 / 12 days. Undefined when CAC is undefined or the margin is undefined or not positive.
    /// </summary>
    public MetricValue<double> CacPaybackMonths { get; }

    internal static AcquisitionCostMetrics From(LoyaltyMetrics loyalty, CostTotals costs, CustomerValueMetrics value, ValueBasis? basis, int periodDays, bool costsSupplied, bool customersSupplied)
    {
        var zero = Money.Zero(costs.Total.Currency);
        var cac = costsSupplied
            ? new MoneyPerCount(costs.Acquisition, loyalty.NewCustomers, customersSupplied ? "no customers acquired in the period" : "no purchase or customer data was supplied")
            : new MoneyPerCount(zero, 0, CostTotals.NotSupplied);
        var grossMargin = GrossMargin(loyalty, value);
        var lifetimeValue = Lifetime(basis, value, loyalty);
        return new AcquisitionCostMetrics(
            costs: costs,
            customersAcquired: loyalty.NewCustomers,
            activeCustomers: loyalty.ActiveCustomers,
            customerAcquisitionCost: cac,
            retentionCostPerActiveCustomer: costsSupplied
                ? new MoneyPerCount(costs.Retention, loyalty.ActiveCustomers, customersSupplied ? "no active customers in the period" : "no purchase or customer data was supplied")
                : new MoneyPerCount(zero, 0, CostTotals.NotSupplied),
            grossMarginRate: grossMargin,
            lifetimeValue: lifetimeValue,
            ltvToCac: (lifetimeValue.Value, cac.Value) switch
            {
                (null, _) => MetricValue.Undefined<double>(lifetimeValue.UndefinedReason!),
                (_, null) => MetricValue.Undefined<double>(cac.UndefinedReason!),
                (_, { IsZero: true }) => MetricValue.Undefined<double>("CAC is zero"),
                ({ } ltv, { } c) => MetricValue.Of((double)(ltv.Amount / c.Amount)),
            },
            cacPaybackMonths: Payback(cac, loyalty, grossMargin, periodDays));
    }

    private static MetricValue<double> GrossMargin(LoyaltyMetrics loyalty, CustomerValueMetrics value)
    {
        if (value.TotalCostOfGoods.Value is not { } cogs)
        {
            return MetricValue.Undefined<double>(value.TotalCostOfGoods.UndefinedReason!);
        }

        var revenue = loyalty.Revenue.Amount;
        return revenue == 0
            ? MetricValue.Undefined<double>("no revenue in the period")
            : MetricValue.Of((double)((revenue - cogs.Amount) / revenue));
    }

    private static MetricValue<Money> Lifetime(ValueBasis? basis, CustomerValueMetrics value, LoyaltyMetrics loyalty)
    {
        switch (basis?.Kind)
        {
            case null:
                return MetricValue.Undefined<Money>("no lifetime value was given to compare acquisition cost with");
            case ValueBasisKind.Given or ValueBasisKind.PredictedClv:
                var given = basis.LifetimeValue!.Value;
                return given.Currency == loyalty.Revenue.Currency
                    ? MetricValue.Of(given)
                    : throw new CurrencyMismatchException(loyalty.Revenue.Currency, given.Currency); // the basis's value, against the scorecard's
        }

        if (value.TotalMargin.Value is not { } margin)
        {
            return MetricValue.Undefined<Money>(value.TotalMargin.UndefinedReason!);
        }

        if (loyalty.ActiveCustomers == 0)
        {
            return MetricValue.Undefined<Money>("no active customers in the period");
        }

        if (loyalty.Retention.RetentionRate is not { } r)
        {
            return MetricValue.Undefined<Money>(loyalty.Retention.UndefinedReason!);
        }

        var d = basis.DiscountRatePerPeriod;
        if (r > 1 || r >= 1 + d)
        {
            return MetricValue.Undefined<Money>($"retention {r:0.####} is not below 1 + discount rate {d:0.####}; the simple CLV is unbounded");
        }

        return MetricValue.Of(CustomerValue.LifetimeValue.Simple(new Money(margin.Amount / loyalty.ActiveCustomers, margin.Currency), r, d));
    }

    private static MetricValue<double> Payback(MoneyPerCount cac, LoyaltyMetrics loyalty, MetricValue<double> grossMargin, int periodDays)
    {
        if (cac.Value is not { } c)
        {
            return MetricValue.Undefined<double>(cac.UndefinedReason!);
        }

        if (grossMargin.Value is not { } rate)
        {
            return MetricValue.Undefined<double>(grossMargin.UndefinedReason!);
        }

        if (rate <= 0 || loyalty.ActiveCustomers == 0 || loyalty.Revenue.Amount <= 0)
        {
            return MetricValue.Undefined<double>("the period's gross margin per customer is not positive");
        }

        var monthlyRevenuePerCustomer = (double)loyalty.Revenue.Amount / loyalty.ActiveCustomers * (365.25 / 12 / periodDays);
        return MetricValue.Of((double)c.Amount / (monthlyRevenuePerCustomer * rate));
    }
}
