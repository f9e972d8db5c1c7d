namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>Days as whole numbers (days since 1970-01-01) for the tier arithmetic.</summary>
internal static class Days
{
    public static int Of(LocalDate date) => (int)(date.AtMidnight().InUtc().ToInstant().ToUnixTimeTicks() / NodaConstants.TicksPerDay);

    /// <summary>The date of a day number, or <c>null</c> past the calendar's end (an open end).</summary>
    public static LocalDate? ToDate(int day)
    {
        var ticks = (long)day * NodaConstants.TicksPerDay;
        return ticks > Instant.MaxValue.ToUnixTimeTicks() || ticks < Instant.MinValue.ToUnixTimeTicks()
            ? null
            : Instant.FromUnixTimeTicks(ticks).InUtc().Date;
    }
}
