using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Segments;

/// <summary>
/// The rules an <see cref="RfmState"/> from elsewhere must keep before any of it is merged: one row per customer, at
/// least one purchase day, days inside the window listed once in ascending order, and a total of sales that is not
/// negative. A state written by <c>ToState</c> always keeps them. Rows are checked one at a time as they are read.
/// </summary>
internal static class RfmStateRules
{
    /// <summary>
    /// Checks what an RFM state holds beside its rows (its header already matches); the rows are checked one at a time
    /// by <see cref="Row"/> as they are read into an accumulator.
    /// </summary>
    public static void Validate(RfmState state) => _ = state.Customers ?? throw StateChecks.Missing("customers");

    /// <summary>Checks row <paramref name="i"/> of an RFM state for the window's first and last day numbers, and returns its id.</summary>
    public static CustomerId Row(in RfmRow row, int i, int first, int today)
    {
        var id = StateChecks.Id(row.Id, StateChecks.At("customers", i, "id"));
        StateChecks.NonNegative(row.Total, StateChecks.At("customers", i, "total"));
        if (DaysStateRules.Days(row.Days, i, first, today, "outside the window").Length == 0)
        {
            throw DaysStateRules.Broken(i, "days", "is empty; a customer in the state bought on at least one day");
        }

        return id;
    }
}
