using Crm.Metrics.Internal;

namespace Crm.Metrics.Lifetime.Summaries;

/// <summary>
/// The rules a <see cref="CustomerBaseSummaryState"/> from elsewhere must keep before any of it is merged: one row per
/// customer, days that are real dates inside the window that matters and listed once in ascending order, and sums of
/// sales that are not negative. A state written by <c>ToState</c> always keeps them. The row rules are shared with
/// the other per-customer day states (RFM).
/// </summary>
internal static class DaysStateRules
{
    private static readonly int MinDay = LocalDayNumbers.Of(LocalDate.MinIsoValue);
    private static readonly int MaxDay = LocalDayNumbers.Of(LocalDate.MaxIsoValue);

    /// <summary>Checks a summary state (its header already matches) for calibration end and last day as day numbers.</summary>
    public static void Validate(CustomerBaseSummaryState state, int calibrationEnd, int lastDay)
    {
        StateChecks.Count(state.Refunds, "refunds");
        var rows = state.Customers ?? throw StateChecks.Missing("customers");
        var ids = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw StateChecks.Missing(StateChecks.At("customers", i));
            Id(ids, row.Id, i);
            if (row.FirstDay < MinDay || row.FirstDay > MaxDay)
            {
                throw Broken(i, "firstDay", "is not the day number of a date");
            }

            StateChecks.NonNegative(row.FirstDayTotal, StateChecks.At("customers", i, "firstDayTotal"));
            StateChecks.NonNegative(row.CalibrationTotal, StateChecks.At("customers", i, "calibrationTotal"));
            if (row.FirstDay > calibrationEnd ? row.CalibrationTotal != 0m : row.FirstDayTotal > row.CalibrationTotal)
            {
                throw Broken(i, "calibrationTotal", "does not include the first day's total; it sums every sale up to the calibration end");
            }

            var days = Days(row.Days, i, row.FirstDay, lastDay, "before its first day or after the last day that matters");
            if ((row.FirstDay <= lastDay) != (days.Count > 0) || (days.Count > 0 && days[0] != row.FirstDay))
            {
                throw Broken(i, "days", "does not start at firstDay; the first purchase day is a purchase day");
            }
        }
    }

    /// <summary>Checks row <paramref name="i"/>'s id: set, and not repeated.</summary>
    public static void Id(HashSet<string> ids, string? id, int i)
    {
        StateChecks.Id(id, StateChecks.At("customers", i, "id"));
        if (!ids.Add(id!))
        {
            throw Broken(i, "id", "repeats the id of an earlier row; each customer has one row");
        }
    }

    /// <summary>Days strictly ascending inside [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static IReadOnlyList<int> Days(IReadOnlyList<int>? days, int row, int from, int to, string outside)
    {
        if (days is null)
        {
            throw StateChecks.Missing(StateChecks.At("customers", row, "days"));
        }

        for (var k = 0; k < days.Count; k++)
        {
            if (days[k] < from || days[k] > to)
            {
                throw StateChecks.Broken(StateChecks.At(StateChecks.At("customers", row, "days"), k), $"is a purchase day {outside}");
            }

            if (k > 0 && days[k] <= days[k - 1])
            {
                throw StateChecks.Broken(StateChecks.At(StateChecks.At("customers", row, "days"), k), "is not after the day before it; days are distinct and ascending");
            }
        }

        return days;
    }

    /// <summary>A broken rule of a row's field.</summary>
    public static ArgumentException Broken(int row, string field, string rule) => StateChecks.Broken(StateChecks.At("customers", row, field), rule);
}
