namespace Crm.Metrics.Tests;

/// <summary>
/// Which local day of the period and which cohort month an instant falls in: found from an estimate (elapsed time over
/// a day's or an average month's length) and corrected by stepping, which must agree with the zone's own calendar on
/// both sides of every offset change.
/// </summary>
public class CalendarIndexTests
{
    [Theory]
    [InlineData("Europe/Berlin", 3)]     // summer time begins: a 23-hour day, later days start an hour early
    [InlineData("Europe/Berlin", 10)]    // summer time ends: a 25-hour day, later days start an hour late
    [InlineData("America/Sao_Paulo", 2)]
    [InlineData("Australia/Lord_Howe", 4)] // a half-hour change
    [InlineData("UTC", 2)]
    public void The_day_index_is_the_local_day_of_the_period(string zoneId, int month)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var period = ReportingPeriod.Month(2026, month, zone);
        var calendar = new Crm.Metrics.Loyalty.PeriodCalendar(period, retentionWindowDays: 365, cohortMonths: 12);
        for (var at = period.Start; at < period.End; at += Duration.FromMinutes(15))
        {
            var expected = Period.Between(period.Dates.Start, at.InZone(zone).Date, PeriodUnits.Days).Days;
            Assert.Equal(expected, calendar.DayIndex(at.ToUnixTimeTicks()));
        }

        // The last tick of each day and the first of the next.
        for (var day = period.Dates.Start.PlusDays(1); day <= period.Dates.End; day = day.PlusDays(1))
        {
            var start = zone.AtStartOfDay(day).ToInstant().ToUnixTimeTicks();
            var index = Period.Between(period.Dates.Start, day, PeriodUnits.Days).Days;
            Assert.Equal(index - 1, calendar.DayIndex(start - 1));
            Assert.Equal(index, calendar.DayIndex(start));
        }
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Sao_Paulo")]
    [InlineData("Pacific/Apia")]
    public void The_month_index_is_the_local_cohort_month(string zoneId)
    {
        // Twelve cohort months up to December 2026: January 2026 is month 0; earlier instants are −1.
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var calendar = new Crm.Metrics.Loyalty.PeriodCalendar(ReportingPeriod.Month(2026, 12, zone), retentionWindowDays: 365, cohortMonths: 12);
        var from = zone.AtStartOfDay(new LocalDate(2025, 12, 1)).ToInstant();
        var to = zone.AtStartOfDay(new LocalDate(2027, 1, 1)).ToInstant();
        for (var at = from; at < to; at += Duration.FromHours(5))
        {
            var local = at.InZone(zone).Date;
            var expected = local.Year < 2026 ? -1 : local.Month - 1;
            Assert.Equal(expected, calendar.MonthIndex(at.ToUnixTimeTicks()));
        }

        for (var month = 1; month <= 12; month++)
        {
            var start = zone.AtStartOfDay(new LocalDate(2026, month, 1)).ToInstant().ToUnixTimeTicks();
            Assert.Equal(month - 2, calendar.MonthIndex(start - 1));
            Assert.Equal(month - 1, calendar.MonthIndex(start));
        }
    }
}
