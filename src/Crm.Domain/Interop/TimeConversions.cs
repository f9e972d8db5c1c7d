namespace Crm.Domain.Interop;

/// <summary>
/// Conversions from the BCL's date and time types to NodaTime's, for mapping rows at the edge of an application (an
/// ORM entity, a request body); the domain and metric types take NodaTime values only.
/// </summary>
/// <remarks>Bring them in with <c>using Crm.Domain.Interop;</c>. Stateless and thread-safe.</remarks>
public static class TimeConversions
{
    /// <summary>The instant a <see cref="DateTimeOffset"/> denotes (its offset is applied, then dropped).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The instant.</returns>
    public static Instant ToInstant(this DateTimeOffset value) => Instant.FromDateTimeOffset(value);

    /// <summary>The instant a UTC <see cref="DateTime"/> denotes.</summary>
    /// <param name="value">A value of <see cref="DateTimeKind.Utc"/>.</param>
    /// <returns>The instant.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="value"/> is not UTC: an <see cref="DateTimeKind.Unspecified"/> value (what most databases return
    /// for a timestamp without a zone) needs the zone it was written in — use <see cref="ToInstant(DateTime, DateTimeZone)"/>;
    /// a <see cref="DateTimeKind.Local"/> one depends on this machine's zone.
    /// </exception>
    public static Instant ToInstant(this DateTime value) => value.Kind == DateTimeKind.Utc
        ? Instant.FromDateTimeUtc(value)
        : throw new ArgumentException(
            $"The DateTime is of kind {value.Kind}, not Utc: give the zone it was written in (ToInstant(value, zone)), or convert it to UTC where it was read.",
            nameof(value));

    /// <summary>
    /// The instant a <see cref="DateTime"/> denotes: a UTC value as it is; an <see cref="DateTimeKind.Unspecified"/>
    /// one read as a local time in <paramref name="zone"/>, where a time the zone skipped (a clock change forward)
    /// moves forward by the gap and a time it repeats (a clock change back) is the earlier of the two — NodaTime's
    /// lenient resolution.
    /// </summary>
    /// <param name="value">A value of <see cref="DateTimeKind.Utc"/> or <see cref="DateTimeKind.Unspecified"/>.</param>
    /// <param name="zone">The zone an unspecified value was written in.</param>
    /// <returns>The instant.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is of <see cref="DateTimeKind.Local"/>, which depends on this machine's zone.</exception>
    public static Instant ToInstant(this DateTime value, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return value.Kind switch
        {
            DateTimeKind.Utc => Instant.FromDateTimeUtc(value),
            DateTimeKind.Unspecified => zone.AtLeniently(LocalDateTime.FromDateTime(value)).ToInstant(),
            _ => throw new ArgumentException(
                "The DateTime is of kind Local, which depends on this machine's zone: read it as Unspecified in the zone it was written in, or as UTC.",
                nameof(value)),
        };
    }

    /// <summary>The calendar date of a <see cref="DateOnly"/> (ISO calendar).</summary>
    /// <param name="value">The date.</param>
    /// <returns>The local date.</returns>
    public static LocalDate ToLocalDate(this DateOnly value) => new(value.Year, value.Month, value.Day);
}
