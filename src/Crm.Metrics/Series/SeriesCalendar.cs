using Crm.Metrics.Loyalty;

namespace Crm.Metrics.Series;

/// <summary>
/// The instants a series of periods compares a purchase with: each period's own calendar, and the segments the time
/// from the first period's start to the last one's end is cut into — at every period's start and end and at every
/// calendar month's start — so that a customer's sums per segment add up to any period, to any history up to a
/// period's end, and to any cohort month.
/// </summary>
internal sealed class SeriesCalendar
{
    private readonly long[] _segmentStarts; // the segments' first instants, then the last period's end
    private readonly int[] _periodsBySegment; // per segment: the periods that start at or before its start
    private readonly long[] _priorStarts;   // per period, ascending: its previous period's start
    private readonly long[] _windowStarts;  // per period, ascending: its retention window's start
    private readonly long[] _monthStarts;   // the months from the first period's first cohort month to the last period's last, then the month after

    /// <param name="periods">The periods: ascending, not overlapping, in one zone (checked by the caller).</param>
    /// <param name="options">The retention window and the cohort months.</param>
    public SeriesCalendar(IReadOnlyList<ReportingPeriod> periods, CrmMetricsOptions options)
    {
        var count = periods.Count;
        Calendars = new PeriodCalendar[count];
        for (var p = 0; p < count; p++)
        {
            Calendars[p] = new PeriodCalendar(periods[p], options.RetentionWindowDays, options.CohortMonths);
        }

        _priorStarts = [.. Calendars.Select(c => c.PriorStartTicks)];
        _windowStarts = [.. Calendars.Select(c => c.WindowStartTicks)];
        PriorsAscending = _priorStarts.Zip(_priorStarts.Skip(1)).All(pair => pair.First < pair.Second);
        var first = periods[0];
        var zone = first.Zone;
        FirstStartTicks = Calendars[0].StartTicks;
        EndTicks = Calendars[^1].EndTicks;

        var bounds = new SortedSet<long>();
        foreach (var calendar in Calendars)
        {
            bounds.Add(calendar.StartTicks);
            bounds.Add(calendar.EndTicks);
        }

        var month = new LocalDate(first.Dates.Start.Year, first.Dates.Start.Month, 1).PlusMonths(1);
        long monthStart;
        while ((monthStart = first.StartOf(month).ToUnixTimeTicks()) < EndTicks)
        {
            bounds.Add(monthStart);
            month = month.PlusMonths(1);
        }

        _segmentStarts = [.. bounds];
        var segments = _segmentStarts.Length - 1;
        SegmentPeriod = new int[segments];
        SegmentMonth = new int[segments];
        FirstSegment = new int[count];
        LastSegment = new int[count];
        MonthOffset = new int[count];
        var firstCohortMonth = MonthNumber(new LocalDate(first.Dates.End.Year, first.Dates.End.Month, 1)) - options.CohortMonths + 1;
        var period = 0;
        for (var s = 0; s < segments; s++)
        {
            while (period < count && Calendars[period].EndTicks <= _segmentStarts[s])
            {
                period++;
            }

            var inPeriod = period < count && Calendars[period].StartTicks <= _segmentStarts[s];
            SegmentPeriod[s] = inPeriod ? period : -1;
            var date = Instant.FromUnixTimeTicks(_segmentStarts[s]).InZone(zone).Date;
            SegmentMonth[s] = MonthNumber(date) - firstCohortMonth;
        }

        var lastEnd = periods[^1].Dates.End;
        var months = MonthNumber(new LocalDate(lastEnd.Year, lastEnd.Month, 1)) - firstCohortMonth + 1;
        var firstMonth = new LocalDate(first.Dates.End.Year, first.Dates.End.Month, 1).PlusMonths(1 - options.CohortMonths);
        _monthStarts = new long[months + 1];
        for (var m = 0; m <= months; m++)
        {
            _monthStarts[m] = first.StartOf(firstMonth.PlusMonths(m)).ToUnixTimeTicks();
        }

        _periodsBySegment = [.. _segmentStarts[..^1].Select(start => Calendars.Count(c => c.StartTicks <= start))];
        for (var p = 0; p < count; p++)
        {
            FirstSegment[p] = Array.IndexOf(SegmentPeriod, p);
            LastSegment[p] = Array.LastIndexOf(SegmentPeriod, p);
            var end = periods[p].Dates.End;
            MonthOffset[p] = MonthNumber(new LocalDate(end.Year, end.Month, 1)) - options.CohortMonths + 1 - firstCohortMonth;
        }
    }

    /// <summary>Each period's calendar, in order.</summary>
    public PeriodCalendar[] Calendars { get; }

    /// <summary>The periods.</summary>
    public int Periods => Calendars.Length;

    /// <summary>The segments.</summary>
    public int Segments => SegmentPeriod.Length;

    /// <summary>Unix ticks of the first period's start: purchases before it are the customers' base history.</summary>
    public long FirstStartTicks { get; }

    /// <summary>Unix ticks of the last period's end: purchases from it on are not kept.</summary>
    public long EndTicks { get; }

    /// <summary>Per segment: the period it lies in, or −1 for a gap between two periods.</summary>
    public int[] SegmentPeriod { get; }

    /// <summary>Per segment: its calendar month, counted from the first period's first cohort month.</summary>
    public int[] SegmentMonth { get; }

    /// <summary>Per period: its first segment.</summary>
    public int[] FirstSegment { get; }

    /// <summary>Per period: its last segment.</summary>
    public int[] LastSegment { get; }

    /// <summary>Per period: its first cohort month, counted from the first period's first cohort month.</summary>
    public int[] MonthOffset { get; }

    /// <summary>The segment of an instant in [<see cref="FirstStartTicks"/>, <see cref="EndTicks"/>).</summary>
    public int SegmentOf(long ticks)
    {
        // Time-ordered data mostly lands in the last segments: search from the end.
        var s = _segmentStarts.Length - 2;
        while (_segmentStarts[s] > ticks)
        {
            s--;
        }

        return s;
    }

    /// <summary>Whether the previous periods' starts ascend with the periods (they may not when the periods' lengths differ).</summary>
    public bool PriorsAscending { get; }

    /// <summary>The periods that start at or before the start of a segment (they come first).</summary>
    public int PeriodsStartingBy(int segment) => _periodsBySegment[segment];

    /// <summary>
    /// The periods whose previous period starts at or before an instant, when <see cref="PriorsAscending"/>: the first
    /// <paramref name="from"/> (known to) and those after them that do, one step each.
    /// </summary>
    public int PriorsStartingBy(long ticks, int from) => StartingBy(_priorStarts, ticks, from);

    /// <summary>The periods whose retention window starts at or before an instant: the first <paramref name="from"/> (known to) and those after them that do.</summary>
    public int WindowsStartingBy(long ticks, int from) => StartingBy(_windowStarts, ticks, from);

    /// <summary>The bits from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), at most 64.</summary>
    public static ulong Bits(int from, int to) =>
        to <= from ? 0 : (to - from == 64 ? ulong.MaxValue : ((1UL << (to - from)) - 1) << from);

    // A purchase is mostly in one of the last periods, and the starts it is compared with lie just after it: a few
    // steps from `from` beat a binary search.
    private static int StartingBy(long[] starts, long ticks, int from)
    {
        var i = from;
        while (i < starts.Length && starts[i] <= ticks)
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// The calendar month of an instant, counted from the first period's first cohort month (as
    /// <see cref="MonthOffset"/> counts): −1 before it, the month count from the month after the last period's last on.
    /// </summary>
    public int MonthOf(long ticks)
    {
        if (ticks < _monthStarts[0])
        {
            return -1;
        }

        var i = Array.BinarySearch(_monthStarts, ticks);
        return i >= 0 ? i : ~i - 1;
    }

    private static int MonthNumber(LocalDate date) => (date.Year * 12) + date.Month - 1;
}
