using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Metrics.Results;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>
/// The purchases of one group of customers in the period — members at the period's end, or everyone else — with the
/// counts behind each figure.
/// </summary>
public sealed class GroupFigures
{
    [JsonConstructor]
    internal GroupFigures(long customers, Money revenue, long orders, MoneyPerCount revenuePerCustomer, MoneyPerCount averageOrderValue, Rate purchaseFrequency, Rate retention, Rate churn)
    {
        Customers = ReadBack.Count(customers, nameof(customers));
        Revenue = revenue;
        Orders = ReadBack.Count(orders, nameof(orders));
        RevenuePerCustomer = revenuePerCustomer;
        AverageOrderValue = averageOrderValue;
        PurchaseFrequency = purchaseFrequency;
        Retention = retention;
        Churn = churn;
    }

    /// <summary>Customers of the group with a sale in the period.</summary>
    public long Customers { get; }

    /// <summary>The group's net revenue in the period: sales minus refunds.</summary>
    public Money Revenue { get; }

    /// <summary>The group's sales (orders) in the period.</summary>
    public long Orders { get; }

    /// <summary>Revenue ÷ customers; undefined without a customer.</summary>
    public MoneyPerCount RevenuePerCustomer { get; }

    /// <summary>Average order value: revenue ÷ orders; undefined without an order.</summary>
    public MoneyPerCount AverageOrderValue { get; }

    /// <summary>Orders per customer (may exceed 1); undefined without a customer.</summary>
    public Rate PurchaseFrequency { get; }

    /// <summary>
    /// Of the group's customers with a sale in the previous period, the share with a sale in this one (0..1);
    /// undefined when none bought then.
    /// </summary>
    public Rate Retention { get; }

    /// <summary>1 − <see cref="Retention"/>: the share that did not buy again (0..1).</summary>
    public Rate Churn { get; }

    /// <summary>The figures in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
