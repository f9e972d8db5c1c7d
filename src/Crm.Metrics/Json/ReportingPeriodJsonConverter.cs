using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime.Text;

namespace Crm.Metrics.Json;

/// <summary>
/// Writes a period as its zone, first and last day, and the instants it runs between:
/// <c>{"zone": "Europe/Berlin", "firstDay": "2026-03-01", "lastDay": "2026-03-31", "start": "2026-02-28T23:00:00Z", "end": "2026-03-31T22:00:00Z"}</c>.
/// Reading builds the period from the zone and the days; instants that do not agree with them are refused, since
/// they mean the document was written under other time-zone rules or edited.
/// </summary>
internal sealed class ReportingPeriodJsonConverter : JsonConverter<ReportingPeriod>
{

    /// <inheritdoc/>
    public override ReportingPeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a reporting period as an object with zone, firstDay and lastDay; got {reader.TokenType}.");
        }

        DateTimeZone? zone = null;
        LocalDate? first = null, last = null;
        Instant? start = null, end = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "zone":
                    zone = IsoConverters.Zone.Read(ref reader, typeof(DateTimeZone), options);
                    break;
                case "firstDay":
                    first = IsoConverters.Date.Read(ref reader, typeof(LocalDate), options);
                    break;
                case "lastDay":
                    last = IsoConverters.Date.Read(ref reader, typeof(LocalDate), options);
                    break;
                case "start":
                    start = IsoConverters.Instant.Read(ref reader, typeof(Instant), options);
                    break;
                case "end":
                    end = IsoConverters.Instant.Read(ref reader, typeof(Instant), options);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (zone is null || first is not { } from || last is not { } to)
        {
            throw new JsonException("A reporting period needs \"zone\", \"firstDay\" and \"lastDay\".");
        }

        if (to < from)
        {
            throw new JsonException("A reporting period's lastDay is not before its firstDay.");
        }

        ReportingPeriod period;
        try
        {
            period = new ReportingPeriod(new DateInterval(from, to), zone);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }

        if ((start is { } s && s != period.Start) || (end is { } e2 && e2 != period.End))
        {
            throw new JsonException(
                $"The period's start and end do not agree with its days in {zone.Id} under this machine's time-zone rules ({InstantPattern.ExtendedIso.Format(period.Start)} to {InstantPattern.ExtendedIso.Format(period.End)}).");
        }

        return period;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ReportingPeriod value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("zone", value.Zone.Id);
        writer.WriteString("firstDay", LocalDatePattern.Iso.Format(value.Dates.Start));
        writer.WriteString("lastDay", LocalDatePattern.Iso.Format(value.Dates.End));
        writer.WriteString("start", InstantPattern.ExtendedIso.Format(value.Start));
        writer.WriteString("end", InstantPattern.ExtendedIso.Format(value.End));
        writer.WriteEndObject();
    }
}
