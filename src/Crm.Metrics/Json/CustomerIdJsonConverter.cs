using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Metrics.Json;

/// <summary>Writes a customer id as its string and reads it back under the id's rules (not blank, trimmed).</summary>
internal sealed class CustomerIdJsonConverter : JsonConverter<CustomerId>
{
    /// <inheritdoc/>
    public override CustomerId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a customer id, as a string; got {reader.TokenType}.");
        }

        return CustomerId.TryParse(reader.GetString(), null, out var id)
            ? id
            : throw new JsonException("Expected a customer id: a string that is not blank and has no surrounding white space.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, CustomerId value, JsonSerializerOptions options)
    {
        if (value.Value.Length == 0)
        {
            throw new JsonException("A default CustomerId has no value to write; results always carry one.");
        }

        writer.WriteStringValue(value.Value);
    }
}
