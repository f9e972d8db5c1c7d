using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Metrics.Json;

/// <summary>Writes a time zone as its id (an IANA id such as <c>Europe/Berlin</c>, or <c>UTC</c>) and reads it from the TZDB.</summary>
internal sealed class DateTimeZoneJsonConverter : JsonConverter<DateTimeZone>
{
    /// <inheritdoc/>
    public override DateTimeZone Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a time zone id (an IANA id such as Europe/Berlin), as a string; got {reader.TokenType}.");
        }

        var id = reader.GetString()!;
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)
            ?? throw new JsonException("The time zone id is not in the TZDB; expected an IANA id such as Europe/Berlin, or UTC.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeZone value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Id);
}
