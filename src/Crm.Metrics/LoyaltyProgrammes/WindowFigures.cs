using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Metrics.Results;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>The purchases of a cohort of members in a window of days around their joining.</summary>
public sealed class WindowFigures
{
    [JsonConstructor]
    internal WindowFigures(Money revenue, long orders, long buyers, MoneyPerCount revenuePerMember, Rate ordersPerMember)
    {
        Revenue = revenue;
        Orders = ReadBack.Count(orders, nameof(orders));
        Buyers = ReadBack.Count(buyers, nameof(buyers));
        RevenuePerMember = revenuePerMember;
        OrdersPerMember = ordersPerMember;
    }

    /// <summary>Net revenue of the cohort in its windows.</summary>
    public Money Revenue { get; }

    /// <summary>Sales of the cohort in its windows.</summary>
    public long Orders { get; }

    /// <summary>Members of the cohort with a sale in their window.</summary>
    public long Buyers { get; }

    /// <summary>Revenue ÷ members of the cohort (buyers or not); undefined for an empty cohort.</summary>
    public MoneyPerCount RevenuePerMember { get; }

    /// <summary>Orders ÷ members of the cohort; undefined for an empty cohort.</summary>
    public Rate OrdersPerMember { get; }

    /// <summary>The figures in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
