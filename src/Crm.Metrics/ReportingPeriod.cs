namespace Crm.Metrics;

/// <summary>
/// A reporting period: an inclusive range of local dates read in a time zone, so that "March" is March where
/// the business is. An instant belongs to the period when it falls on one of its dates in <see cref="Zone"/>.
/// </summary>
/// <remarks>
/// <para>The period covers the instants from the start of its first day (<see cref="Start"/>) up to, not
/// including, the start of the day after its last (<see cref="End"/>), as the zone's rules say — so a month
/// that contains a daylight-saving change has 743 or 745 hours, and a day that starts at 01:00 because of a
/// transition at midnight starts there.</para>
/// <para>Immutable; thread-safe. Equality: same dates, same zone.</para>
/// </remarks>
public sealed class ReportingPeriod : IEquatable<ReportingPeriod>
{
    /// <summary>Creates a period.</summary>
    /// <param name="dates">The dates, inclusive, ISO calendar.</param>
    /// <param name="zone">The zone the dates are read in; <see cref="DateTimeZone.Utc"/> when <c>null</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dates"/> is null.</exception>
    /// <exception cref="ArgumentException">The dates are not in the ISO calendar.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The period ends on the calendar's last day (9999-12-31), which has no day after it to end at.</exception>
    public ReportingPeriod(DateInterval dates, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Start.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException($"Reporting periods are in the ISO calendar; got the {dates.Start.Calendar.Id} calendar.", nameof(dates));
        }

        if (dates.End == LocalDate.MaxIsoValue)
        {
            throw new ArgumentOutOfRangeException(nameof(dates), "A period ends before the calendar's last day, 9999-12-31: it runs up to the start of the day after its last.");
        }

        Dates = dates;
        Zone = zone ?? DateTimeZone.Utc;
        Start = StartOf(dates.Start);
        End = StartOf(dates.End.PlusDays(1));
    }

    /// <summary>The dates, inclusive.</summary>
    public DateInterval Dates { get; }

    /// <summary>The zone the dates are read in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The first instant of the period (start of its first day in <see cref="Zone"/>).</summary>
    public Instant Start { get; }

    /// <summary>The first instant after the period (start of the day after its last).</summary>
    public Instant End { get; }

    /// <summary>Number of days in the period.</summary>
    public int LengthInDays => Dates.Length;

    /// <summary>A calendar month in a zone.</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month, 1–12.</param>
    /// <param name="zone">
    /// The zone the month is read in, required: "March" is March where the business is. Through dependency injection,
    /// <see cref="ICrmMetrics.Month"/> builds the month in the configured <see cref="CrmMetricsOptions.DefaultZone"/>.
    /// </param>
    /// <returns>The period from the first to the last day of the month.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The year or month is out of range (December 9999, the calendar's last month, has no day after it to end at).</exception>
    public static ReportingPeriod Month(int year, int month, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (year == LocalDate.MaxIsoValue.Year && month == 12)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "December 9999 is the calendar's last month: a period ends before the calendar's last day.");
        }

        var first = new LocalDate(year, month, 1);
        return new ReportingPeriod(new DateInterval(first, first.PlusMonths(1).PlusDays(-1)), zone);
    }

    /// <summary>
    /// The <paramref name="count"/> calendar months up to and including <paramref name="last"/>, oldest first — the
    /// periods of a trend ("the last twelve months"), for <see cref="ScorecardSeriesAccumulator"/> and
    /// <see cref="ICrmMetrics.ComputeScorecards"/>.
    /// </summary>
    /// <param name="last">The last month.</param>
    /// <param name="count">How many months, 1 to <see cref="ScorecardSeriesAccumulator.MaxPeriods"/>.</param>
    /// <param name="zone">The zone the months are read in, required.</param>
    /// <returns>The months, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 1 to 64, or a month is outside the calendar (see <see cref="Month"/>).</exception>
    public static IReadOnlyList<ReportingPeriod> MonthsUpTo(YearMonth last, int count, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (count is < 1 or > ScorecardSeriesAccumulator.MaxPeriods)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Give 1 to {ScorecardSeriesAccumulator.MaxPeriods} months.");
        }

        var months = new ReportingPeriod[count];
        for (var k = 0; k < count; k++)
        {
            var month = last.PlusMonths(k - count + 1);
            months[k] = Month(month.Year, month.Month, zone);
        }

        return Array.AsReadOnly(months);
    }

    /// <summary>The last full calendar month before today in the zone.</summary>
    /// <param name="clock">The clock that says what "today" is.</param>
    /// <param name="zone">The zone "today" and the month are read in, required; <see cref="ICrmMetrics.LastFullMonth"/> uses the configured one.</param>
    /// <returns>The previous month.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> or <paramref name="zone"/> is null.</exception>
    public static ReportingPeriod LastFullMonth(IClock clock, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(zone);
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        var previous = today.PlusMonths(-1);
        return Month(previous.Year, previous.Month, zone);
    }

    /// <summary>
    /// The period before this one, of the same kind — what "vs the previous period" compares with: the calendar month
    /// before a whole calendar month (all of February before all of March, 28 days against 31), the calendar quarter
    /// before a whole calendar quarter, the calendar year before a whole calendar year; any other period, the period of
    /// equal length that ends the day before this one starts.
    /// </summary>
    /// <returns>The previous period, in the same zone; it ends the day before this one starts.</returns>
    /// <exception cref="InvalidOperationException">The period is so close to the calendar's first day (-9998-01-01) that no period of its kind lies before it.</exception>
    public ReportingPeriod Previous()
    {
        var start = Dates.Start;
        if (CalendarMonths() is { } months)
        {
            if (Period.Between(LocalDate.MinIsoValue, start, PeriodUnits.Months).Months < months)
            {
                throw new InvalidOperationException("No period of this kind lies before this one: the calendar starts on -9998-01-01.");
            }

            return new(new DateInterval(start.PlusMonths(-months), start.PlusDays(-1)), Zone);
        }

        if (Period.DaysBetween(LocalDate.MinIsoValue, start) < LengthInDays)
        {
            throw new InvalidOperationException("No period of this length lies before this one: the calendar starts on -9998-01-01.");
        }

        return new(new DateInterval(start.PlusDays(-LengthInDays), start.PlusDays(-1)), Zone);
    }

    /// <summary>1, 3 or 12 when the period is a whole calendar month, quarter or year; else null.</summary>
    private int? CalendarMonths()
    {
        var (start, end) = (Dates.Start, Dates.End);
        if (start.Day != 1 || end.PlusDays(1).Day != 1)
        {
            return null;
        }

        var months = ((end.Year - start.Year) * 12) + end.Month - start.Month + 1;
        return months switch
        {
            1 => 1,
            3 when (start.Month - 1) % 3 == 0 => 3,
            12 when start.Month == 1 => 12,
            _ => null,
        };
    }

    /// <summary>Whether an instant falls in the period.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><c>true</c> when <see cref="Start"/> ≤ <paramref name="instant"/> &lt; <see cref="End"/>.</returns>
    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <summary>The start of a date in the period's zone.</summary>
    /// <param name="date">The date.</param>
    /// <returns>
    /// The first instant of that date in <see cref="Zone"/>: its first valid instant when midnight does not exist
    /// there, and the transition instant for a date the zone skipped wholly (an empty day, which starts where the
    /// next day starts).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">The date's start in the zone lies outside the range of instants (the calendar's first or last days).</exception>
    public Instant StartOf(LocalDate date)
    {
        try
        {
            return Internal.ZoneDays.StartOf(Zone, date);
        }
        catch (OverflowException)
        {
            throw new ArgumentOutOfRangeException(nameof(date), "The date's start in the zone lies outside the range of instants.");
        }
    }

    /// <summary>How many days of an inclusive date range fall inside the period.</summary>
    /// <param name="dates">The date range.</param>
    /// <returns>The number of overlapping days, 0 when they do not overlap.</returns>
    public int OverlapInDays(DateInterval dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var start = dates.Start > Dates.Start ? dates.Start : Dates.Start;
        var end = dates.End < Dates.End ? dates.End : Dates.End;
        return end < start ? 0 : Period.DaysBetween(start, end) + 1;
    }

    /// <inheritdoc />
    public bool Equals(ReportingPeriod? other) => other is not null && Dates.Equals(other.Dates) && Zone.Equals(other.Zone);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ReportingPeriod);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Dates, Zone);

    /// <summary>Formats as <c>2026-03-01..2026-03-31 (Europe/Berlin)</c>.</summary>
    /// <returns>The period.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Dates.Start:uuuu-MM-dd}..{Dates.End:uuuu-MM-dd} ({Zone.Id})");
}
