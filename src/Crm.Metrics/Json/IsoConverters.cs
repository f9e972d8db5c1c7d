using NodaTime.Text;

namespace Crm.Metrics.Json;

/// <summary>The ISO-8601 text converters of the NodaTime values in results, one instance each.</summary>
internal static class IsoConverters
{
    /// <summary>Instants in UTC: <c>2026-03-01T00:00:00Z</c>, with fractional seconds when there are any.</summary>
    public static readonly NodaPatternJsonConverter<Instant> Instant = new(InstantPattern.ExtendedIso, "an ISO-8601 instant in UTC such as 2026-03-01T00:00:00Z");

    /// <summary>Dates: <c>2026-03-01</c>.</summary>
    public static readonly NodaPatternJsonConverter<LocalDate> Date = new(LocalDatePattern.Iso, "an ISO-8601 date such as 2026-03-01");

    /// <summary>Year and month: <c>2026-03</c>.</summary>
    public static readonly NodaPatternJsonConverter<YearMonth> YearMonth = new(YearMonthPattern.Iso, "an ISO-8601 year and month such as 2026-03");

    /// <summary>Zones by their TZDB id.</summary>
    public static readonly DateTimeZoneJsonConverter Zone = new();
}
