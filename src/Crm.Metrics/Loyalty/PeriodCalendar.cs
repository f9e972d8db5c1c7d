namespace Crm.Metrics.Loyalty;

/// <summary>
/// The instants the purchase rules compare a purchase with, computed once per accumulator in the period's zone: the
/// period's start and end, the retention window and the previous period before it, its days, and the cohort months.
/// </summary>
internal sealed class PeriodCalendar
{
    private const long AverageMonthTicks = 2_629_746 * TimeSpan.TicksPerSecond; // 365.2425 days / 12
    private readonly long[] _dayStartTicks;
    private readonly long[] _monthStartTicks;

    /// <param name="period">The reporting period.</param>
    /// <param name="retentionWindowDays">Days of the activity window before the period.</param>
    /// <param name="cohortMonths">Cohort months ending with the period's last month.</param>
    public PeriodCalendar(ReportingPeriod period, int retentionWindowDays, int cohortMonths)
    {
        Period = period;
        StartTicks = period.Start.ToUnixTimeTicks();
        EndTicks = period.End.ToUnixTimeTicks();
        WindowStartTicks = period.StartOf(period.Dates.Start.PlusDays(-retentionWindowDays)).ToUnixTimeTicks();
        PriorStartTicks = period.Previous().Start.ToUnixTimeTicks();

        // Cohort months: the cohortMonths calendar months up to the period's last, and the start of the month after.
        var lastMonth = new LocalDate(period.Dates.End.Year, period.Dates.End.Month, 1);
        _monthStartTicks = new long[cohortMonths + 1];
        for (var m = 0; m <= cohortMonths; m++)
        {
            _monthStartTicks[m] = period.StartOf(lastMonth.PlusMonths(m - cohortMonths + 1)).ToUnixTimeTicks();
        }

        FirstMonthStartTicks = _monthStartTicks[0];
        _dayStartTicks = new long[period.LengthInDays + 1];
        for (var i = 0; i <= period.LengthInDays; i++)
        {
            _dayStartTicks[i] = period.StartOf(period.Dates.Start.PlusDays(i)).ToUnixTimeTicks();
        }
    }

    public ReportingPeriod Period { get; }

    /// <summary>Unix ticks of the period's first instant.</summary>
    public long StartTicks { get; }

    /// <summary>Unix ticks of the instant after the period.</summary>
    public long EndTicks { get; }

    /// <summary>Unix ticks of the retention window's first instant.</summary>
    public long WindowStartTicks { get; }

    /// <summary>Unix ticks of the previous period's first instant.</summary>
    public long PriorStartTicks { get; }

    /// <summary>Unix ticks of the first cohort month's first instant.</summary>
    public long FirstMonthStartTicks { get; }

    /// <summary>The cohort months.</summary>
    public int Months => _monthStartTicks.Length - 1;

    /// <summary>The cohort month of an instant (−1 before the first cohort month).</summary>
    public int MonthIndex(long ticks) => LastAtOrBefore(_monthStartTicks, ticks, AverageMonthTicks);

    /// <summary>The day of the period of an instant (−1 before the period).</summary>
    public int DayIndex(long ticks) => LastAtOrBefore(_dayStartTicks, ticks, TimeSpan.TicksPerDay);

    /// <summary>Whether an instant falls in one of the cohort months.</summary>
    public bool InCohortMonths(long ticks) => ticks >= _monthStartTicks[0] && ticks < _monthStartTicks[^1];

    /// <summary>
    /// The index of the last of <paramref name="starts"/> (ascending) at or before <paramref name="ticks"/>; −1 when
    /// none. The starts are about <paramref name="spacing"/> apart (days, months: a zone's offset changes move them
    /// by hours), so the quotient lands on the answer or next to it and a step or two finds it — cheaper than a
    /// binary search on every purchase.
    /// </summary>
    private static int LastAtOrBefore(long[] starts, long ticks, long spacing)
    {
        var i = (int)Math.Clamp((ticks - starts[0]) / spacing, -1, starts.Length - 1);
        while (i + 1 < starts.Length && starts[i + 1] <= ticks)
        {
            i++;
        }

        while (i >= 0 && starts[i] > ticks)
        {
            i--;
        }

        return i;
    }
}
