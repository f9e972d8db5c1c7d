using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Metrics.Costs;

namespace Crm.Metrics;

/// <summary>
/// The scorecard of a period split by a grouping of customers (a segment, a region, an acquisition channel):
/// one full <see cref="Scorecard"/> per group, so any rate — retention by segment, NPS by region — can be compared.
/// </summary>
/// <remarks>
/// Records with a customer (purchases, survey answers, complaints, feedback, customers) go to the customer's group.
/// Cost entries have no customer: they go to the group the caller attributes them to, and a group's cost-based
/// metrics (CAC, cost per customer, margins after cost to serve, return on CRM spend) see only the costs
/// attributed to it; costs attributed to no group are in <see cref="UnattributedCosts"/>. Leads are not split:
/// the groups' conversion figures are undefined (use the whole scorecard's).
/// </remarks>
public sealed class ScorecardBreakdown
{
    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
    internal ScorecardBreakdown(IReadOnlyDictionary<string, Scorecard> groups, CostTotals unattributedCosts)
    {
        Groups = ReadBack.Present(groups, nameof(groups));
        UnattributedCosts = ReadBack.Present(unattributedCosts, nameof(unattributedCosts));
    }

    /// <summary>The scorecard of each group, ordered by group name (ordinal).</summary>
    public IReadOnlyDictionary<string, Scorecard> Groups { get; }

    /// <summary>Costs of the period attributed to no group (prorated by days).</summary>
    public CostTotals UnattributedCosts { get; }
}
