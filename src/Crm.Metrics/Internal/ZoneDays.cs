namespace Crm.Metrics.Internal;

/// <summary>Where local days begin in a zone, for every date the zone has — and the ones it skipped.</summary>
internal static class ZoneDays
{
    /// <summary>
    /// The first instant of <paramref name="date"/> in <paramref name="zone"/>. A midnight that does not exist (a
    /// change to summer time at 00:00) starts the day at its first valid instant, as NodaTime's <c>AtStartOfDay</c>
    /// does. A date the zone skipped wholly (Pacific/Apia has no 30 December 2011) is an empty day: it starts where the
    /// next day starts, at the transition instant.
    /// </summary>
    public static Instant StartOf(DateTimeZone zone, LocalDate date)
    {
        var mapping = zone.MapLocal(date.AtMidnight());
        if (mapping.Count > 0)
        {
            return mapping.First().ToInstant();
        }

        // Midnight is in a gap: the day starts where the gap ends, unless the gap swallows the whole day too —
        // then the day is empty and starts (and ends) at that same instant.
        return mapping.LateInterval.Start;
    }
}
