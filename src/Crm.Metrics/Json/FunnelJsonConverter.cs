using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Domain.Activity;

namespace Crm.Metrics.Json;

/// <summary>Writes a funnel as the array of its stage names, in order, and reads it back under the funnel's rules.</summary>
internal sealed class FunnelJsonConverter : JsonConverter<Funnel>
{
    /// <inheritdoc/>
    public override Funnel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a funnel as an array of stage names; got {reader.TokenType}.");
        }

        var stages = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            stages.Add(reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException($"A funnel stage is a string; got {reader.TokenType}."));
        }

        return new Funnel(stages);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Funnel value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var stage in value.Stages)
        {
            writer.WriteStringValue(stage);
        }

        writer.WriteEndArray();
    }
}
