using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Segments;

/// <summary>
/// The rules an <see cref="RfmState"/> from elsewhere must keep before any of it is merged: one row per customer, at
/// least one purchase day, days inside the window listed once in ascending order, and a total of sales that is not
/// negative. A state written by <c>ToState</c> always keeps them.
/// </summary>
internal static class RfmStateRules
{
    /// <summary>Checks an RFM state (its header already matches) for the window's first and last day numbers.</summary>
    public static void Validate(RfmState state, int first, int today)
    {
        var rows = state.Customers ?? throw StateChecks.Missing("customers");
        var ids = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw StateChecks.Missing(StateChecks.At("customers", i));
            DaysStateRules.Id(ids, row.Id, i);
            StateChecks.NonNegative(row.Total, StateChecks.At("customers", i, "total"));
            if (DaysStateRules.Days(row.Days, i, first, today, "outside the window").Count == 0)
            {
                throw DaysStateRules.Broken(i, "days", "is empty; a customer in the state bought on at least one day");
            }
        }
    }
}
