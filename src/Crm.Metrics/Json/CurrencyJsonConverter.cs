using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Metrics.Json;

/// <summary>Writes a currency as its ISO 4217 code ("EUR") and reads any case; the default (no currency) is refused both ways.</summary>
internal sealed class CurrencyJsonConverter : JsonConverter<Currency>
{
    /// <inheritdoc/>
    public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected an ISO 4217 currency code such as \"EUR\", as a string; got {reader.TokenType}.");
        }

        return Currency.TryParse(reader.GetString(), null, out var currency)
            ? currency
            : throw new JsonException("Expected an ISO 4217 currency code: three letters such as \"EUR\".");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options)
    {
        if (value.Code.Length == 0)
        {
            throw new JsonException("A default Currency has no code to write; results always carry one.");
        }

        writer.WriteStringValue(value.Code);
    }
}
