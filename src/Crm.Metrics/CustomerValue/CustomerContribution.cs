using System.Text.Json.Serialization;
using Crm.Metrics.Results;

namespace Crm.Metrics.CustomerValue;

/// <summary>
/// The value of one customer in the period: revenue against cost. Margin = net revenue −
/// cost of goods − cost to serve, where the cost to serve is the period's retention cost shared equally by the
/// active customers.
/// </summary>
public sealed class CustomerContribution
{
    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
    internal CustomerContribution(CustomerId id, Money revenue, MetricValue<Money> costOfGoods, Money costToServe, MetricValue<Money> margin, MetricValue<Money> historicalClv, double? contributionShare)
    {
        ContributionShare = contributionShare;
        Id = id.Value.Length > 0 ? id : throw new ArgumentException("A customer row has an id.", nameof(id));
        Revenue = revenue;
        CostOfGoods = costOfGoods;
        CostToServe = costToServe;
        Margin = margin;
        HistoricalClv = historicalClv;
    }

    /// <summary>The customer.</summary>
    public CustomerId Id { get; }

    /// <summary>Net revenue in the period (sales − refunds).</summary>
    public Money Revenue { get; }

    /// <summary>Cost of goods in the period (sale costs − costs reversed by refunds); undefined when a sale has no cost.</summary>
    public MetricValue<Money> CostOfGoods { get; }

    /// <summary>The customer's share of the period's retention cost (zero for a customer with no sale in it).</summary>
    public Money CostToServe { get; }

    /// <summary>Revenue − cost of goods − cost to serve; undefined when the cost of goods is.</summary>
    public MetricValue<Money> Margin { get; }

    /// <summary>
    /// Historical CLV: the margin realised so far — net revenue − cost of goods over all purchases up to the period's
    /// end, undiscounted (cost to serve is not allocated before the period); undefined when a sale in that history has
    /// no cost. A measure of the past, unlike the predicted CLV of the customer-base models.
    /// </summary>
    public MetricValue<Money> HistoricalClv { get; }

    /// <summary>The customer's share of the total margin (profit contribution), or <c>null</c> when the total margin is undefined or not positive.</summary>
    public double? ContributionShare { get; }
}
