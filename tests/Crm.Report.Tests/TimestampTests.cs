using Crm.Report.Input;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace Crm.Report.Tests;

/// <summary>
/// The reader's fast path for <c>YYYY-MM-DDTHH:MM:SSZ</c> reads exactly what the ISO pattern reads, and leaves the rest
/// to it — also row after row, where it keeps the last date's start.
/// </summary>
public class TimestampTests
{
    [Theory]
    [InlineData("2025-01-01T00:00:09Z")]
    [InlineData("2024-02-29T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2026-03-29T02:30:00Z")] // a local gap in Berlin, but an instant in UTC
    [InlineData("2026-03-01T14:30:00.5Z")]
    [InlineData("2026-03-01T14:30:00+01:00")]
    [InlineData("2026-03-01T14:30Z")]
    [InlineData("2025-01-01T24:00:00Z")] // the ISO pattern reads it as the next midnight; the fast path leaves it to the pattern
    public void A_timestamp_is_the_instant_the_ISO_pattern_reads(string text)
    {
        var expected = OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } parsed
            ? parsed.Value.ToInstant()
            : OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>").Parse(text).Value.ToInstant();

        Assert.Equal(expected, Fields.Instant("occurred_at", text, DateTimeZoneProviders.Tzdb["Europe/Berlin"]));
    }

    /// <summary>
    /// Timestamps one after the other, on a few dates (so that rows repeat the date before them, and come back to one
    /// read earlier), among them times out of range, dates that do not exist and other forms: each is what the patterns
    /// read, or refused as they refuse it.
    /// </summary>
    [Property(MaxTest = 200)]
    public void Timestamps_in_a_row_are_each_what_the_patterns_read(NonEmptyArray<(byte Date, byte Hour, byte Minute, byte Second, bool Odd)> rows)
    {
        string[] dates = ["2025-01-01", "2025-01-02", "2024-02-29", "2025-02-29", "2025-12-31", "0001-01-01", "9999-12-31", "2025-1a-01"];
        foreach (var (date, hour, minute, second, odd) in rows.Get)
        {
            var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{dates[date % dates.Length]}T{hour % 26:00}:{minute % 62:00}:{second % 61:00}{(odd ? "+01:00" : "Z")}");
            var expected = Pattern(text);
            if (expected is { } instant)
            {
                Assert.Equal(instant, Fields.Instant("occurred_at", text, DateTimeZone.Utc));
            }
            else
            {
                Assert.Equal("occurred_at", Assert.Throws<FieldException>(() => Fields.Instant("occurred_at", text, DateTimeZone.Utc)).Column);
            }
        }

        static Instant? Pattern(string text) =>
            OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } parsed ? parsed.Value.ToInstant() : null;
    }

    [Theory]
    [InlineData("2025-02-29T10:00:00Z")]
    [InlineData("2025-13-01T10:00:00Z")]
    [InlineData("2025-01-01T10:60:00Z")]
    [InlineData("2025-01-01T10:00:60Z")]
    [InlineData("2025-01-01T1a:00:00Z")]
    [InlineData("2025-01-01T10:00:00")]
    public void A_timestamp_out_of_range_is_refused_with_the_column(string text)
    {
        var e = Assert.Throws<FieldException>(() => Fields.Instant("occurred_at", text, DateTimeZone.Utc));

        Assert.Equal("occurred_at", e.Column);
    }
}
