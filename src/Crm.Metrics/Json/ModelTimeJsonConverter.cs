using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Json;

/// <summary>
/// Writes a model time as <c>{"value": 52, "unit": "weeks", "totalDays": 364, "totalWeeks": 52}</c> and reads it back
/// from its value and unit; the totals, when present, must agree with them (a document that contradicts itself is
/// refused).
/// </summary>
internal sealed class ModelTimeJsonConverter : JsonConverter<ModelTime>
{
    /// <inheritdoc/>
    public override ModelTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a model time as an object with \"value\" and \"unit\"; got {reader.TokenType}.");
        }

        double? value = null, totalDays = null, totalWeeks = null;
        ModelTimeUnit? unit = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "value": value = reader.GetDouble(); break;
                case "totalDays": totalDays = reader.GetDouble(); break;
                case "totalWeeks": totalWeeks = reader.GetDouble(); break;
                case "unit": unit = JsonSerializer.Deserialize(ref reader, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ModelTimeUnit>)options.GetTypeInfo(typeof(ModelTimeUnit))); break;
                default: reader.Skip(); break;
            }
        }

        if (value is not { } v || unit is not { } u)
        {
            throw new JsonException("A model time needs both \"value\" and \"unit\".");
        }

        var time = ModelTime.In(v, u);
        Agrees(totalDays, time.TotalDays, "totalDays");
        Agrees(totalWeeks, time.TotalWeeks, "totalWeeks");
        return time;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ModelTime value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("value", value.Value);
        writer.WritePropertyName("unit");
        JsonSerializer.Serialize(writer, value.Unit, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ModelTimeUnit>)options.GetTypeInfo(typeof(ModelTimeUnit)));
        writer.WriteNumber("totalDays", value.TotalDays);
        writer.WriteNumber("totalWeeks", value.TotalWeeks);
        writer.WriteEndObject();
    }

    private static void Agrees(double? written, double actual, string member)
    {
        if (written is { } w && !(Math.Abs(w - actual) <= 1e-9 * Math.Max(1, Math.Abs(actual))))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The model time's {member} ({w}) contradicts its value and unit ({actual})."), member);
        }
    }
}
