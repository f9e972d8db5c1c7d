using Crm.Report.Input;
using NodaTime;
using NodaTime.Text;

namespace Crm.Report.Tests;

/// <summary>The reader's fast path for <c>YYYY-MM-DDTHH:MM:SSZ</c> reads exactly what the ISO pattern reads, and leaves the rest to it.</summary>
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
