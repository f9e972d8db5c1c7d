using System.Text.Json.Serialization;
using Crm.Metrics.Costs;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Results;

namespace Crm.Metrics.CostBenefit;

/// <summary>
/// CRM cost–benefit: the margin earned from the customers with activity in the period against all
/// CRM costs of the period, and the return on CRM spend.
/// </summary>
public sealed class CostBenefitMetrics
{
    // How a JSON document is read back: the figures as written.
    [JsonConstructor]
    internal CostBenefitMetrics(MetricValue<Money> margin, Money crmCost, MetricValue<double> returnOnCrmSpend)
    {
        Margin = margin;
        CrmCost = crmCost;
        ReturnOnCrmSpend = returnOnCrmSpend;
    }

    internal CostBenefitMetrics(CustomerValueMetrics value, CostTotals costs, bool costsSupplied)
    {
        Margin = value.TotalCostOfGoods.Value is { } cogs
            ? MetricValue.Of(value.TotalRevenue - cogs)
            : MetricValue.Undefined<Money>(value.TotalCostOfGoods.UndefinedReason!);
        CrmCost = costs.Total;
        ReturnOnCrmSpend = (Margin.Value, CrmCost.IsZero) switch
        {
            _ when !costsSupplied => MetricValue.Undefined<double>(CostTotals.NotSupplied),
            (null, _) => MetricValue.Undefined<double>(Margin.UndefinedReason!),
            (_, true) => MetricValue.Undefined<double>("no CRM cost in the period"),
            ({ } m, _) => MetricValue.Of((double)((m.Amount - CrmCost.Amount) / CrmCost.Amount)),
        };
    }

    /// <summary>Net revenue − cost of goods of the customers with a sale or refund in the period (before CRM costs).</summary>
    public MetricValue<Money> Margin { get; }

    /// <summary>All CRM costs of the period (acquisition + retention + other), prorated by days.</summary>
    public Money CrmCost { get; }

    /// <summary>Return on CRM spend: (margin − CRM cost) / CRM cost; undefined without costs or margin.</summary>
    public MetricValue<double> ReturnOnCrmSpend { get; }
}
