namespace Crm.Metrics.Lifetime.Summaries;

/// <summary>
/// Turns instants (Unix ticks) into local day numbers (days since 1970-01-01 in a zone) without a time-zone lookup
/// per instant: the zone intervals seen so far are kept sorted, and the last one used is tried first.
/// </summary>
/// <remarks>Not thread-safe: one instance per pass.</remarks>
internal sealed class LocalDayNumbers(DateTimeZone zone)
{
    private readonly List<Interval> _known = [];
    private Interval _last = new(0, 0, 0);

    /// <summary>The local day number of a local date.</summary>
    public static int Of(LocalDate date) => (int)FloorDays(date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().ToUnixTimeTicks());

    /// <summary>The local date of a day number.</summary>
    public static LocalDate ToDate(int day) => Instant.FromUnixTimeTicks(day * NodaConstants.TicksPerDay).InUtc().Date;

    /// <summary>The local day number of an instant in the zone.</summary>
    public int Of(long unixTicks)
    {
        var interval = _last;
        if (unixTicks < interval.Start || unixTicks >= interval.End)
        {
            interval = Find(unixTicks);
            _last = interval;
        }

        return (int)FloorDays(unixTicks + interval.Offset);
    }

    private Interval Find(long ticks)
    {
        int low = 0, high = _known.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var candidate = _known[middle];
            if (ticks < candidate.Start)
            {
                high = middle - 1;
            }
            else if (ticks >= candidate.End)
            {
                low = middle + 1;
            }
            else
            {
                return candidate;
            }
        }

        var zoneInterval = zone.GetZoneInterval(Instant.FromUnixTimeTicks(ticks));
        var found = new Interval(
            zoneInterval.HasStart ? zoneInterval.Start.ToUnixTimeTicks() : long.MinValue,
            zoneInterval.HasEnd ? zoneInterval.End.ToUnixTimeTicks() : long.MaxValue,
            zoneInterval.WallOffset.Ticks);
        _known.Insert(low, found);
        return found;
    }

    private static long FloorDays(long ticks) => Math.DivRem(ticks, NodaConstants.TicksPerDay) is var (quotient, remainder) && remainder < 0 ? quotient - 1 : quotient;

    private readonly record struct Interval(long Start, long End, long Offset);
}
