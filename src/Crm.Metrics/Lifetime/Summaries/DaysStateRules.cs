using Crm.Metrics.Internal;

namespace Crm.Metrics.Lifetime.Summaries;

/// <summary>
/// The rules a <see cref="CustomerBaseSummaryState"/> from elsewhere must keep before any of it is merged: one row per
/// customer, days that are real dates inside the window that matters and listed once in ascending order, and sums of
/// sales that are not negative. A state written by <c>ToState</c> always keeps them. The row rules are shared with
/// the other per-customer day states (RFM). Rows are checked one at a time as they are read, whether they came as
/// objects or packed.
/// </summary>
internal static class DaysStateRules
{
    private static readonly int MinDay = LocalDayNumbers.Of(LocalDate.MinIsoValue);
    private static readonly int MaxDay = LocalDayNumbers.Of(LocalDate.MaxIsoValue);

    /// <summary>
    /// Checks what a summary state holds beside its rows (its header already matches); the rows are checked one at a
    /// time by <see cref="Row"/> as they are read into an accumulator.
    /// </summary>
    public static void Validate(CustomerBaseSummaryState state)
    {
        StateChecks.Count(state.Refunds, "refunds");
        _ = state.Customers ?? throw StateChecks.Missing("customers");
    }

    /// <summary>Checks row <paramref name="i"/> of a summary state for calibration end and last day as day numbers, and returns its id.</summary>
    public static CustomerId Row(in SummaryRow row, int i, int calibrationEnd, int lastDay)
    {
        var id = StateChecks.Id(row.Id, StateChecks.At("customers", i, "id"));
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
        if ((row.FirstDay <= lastDay) != (days.Length > 0) || (days.Length > 0 && days[0] != row.FirstDay))
        {
            throw Broken(i, "days", "does not start at firstDay; the first purchase day is a purchase day");
        }

        return id;
    }

    /// <summary>The error for row <paramref name="i"/> when it is null.</summary>
    public static ArgumentException MissingRow(int i) => StateChecks.Missing(StateChecks.At("customers", i));

    /// <summary>The error for row <paramref name="i"/> when its id repeats an earlier row's.</summary>
    public static ArgumentException RepeatedId(int i) => Broken(i, "id", "repeats the id of an earlier row; each customer has one row");

    /// <summary>Days strictly ascending inside [<paramref name="from"/>, <paramref name="to"/>]; a missing list (a null array) is refused.</summary>
    public static ReadOnlySpan<int> Days(ArraySegment<int> days, int row, int from, int to, string outside)
    {
        if (days.Array is null)
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

    /// <summary>A state object's list of days as a slice (no copy for an array); null stays null.</summary>
    public static ArraySegment<int> Segment(IReadOnlyList<int>? days) => days switch
    {
        null => default,
        int[] array => new ArraySegment<int>(array),
        _ => new ArraySegment<int>([.. days]),
    };

    /// <summary>A broken rule of a row's field.</summary>
    public static ArgumentException Broken(int row, string field, string rule) => StateChecks.Broken(StateChecks.At("customers", row, field), rule);
}
