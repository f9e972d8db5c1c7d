using System.Text.Json.Serialization;

namespace Crm.Metrics.Costs;

/// <summary>CRM costs of a period, prorated by days.</summary>
public sealed class CostTotals
{
    /// <summary>The reason of the metrics that divide costs when none were supplied.</summary>
    internal const string NotSupplied = "no cost data was supplied";

    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
    internal CostTotals(Money acquisition, Money retention, Money other)
    {
        Acquisition = acquisition;
        Retention = retention;
        Other = other;
        Total = acquisition + retention + other;
    }

    /// <summary>Acquisition cost (获取成本).</summary>
    public Money Acquisition { get; }

    /// <summary>Retention cost (维系成本).</summary>
    public Money Retention { get; }

    /// <summary>Other CRM costs (training, software …).</summary>
    public Money Other { get; }

    /// <summary>All CRM costs.</summary>
    public Money Total { get; }
}
