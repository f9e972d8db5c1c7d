using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Metrics.Json;

/// <summary>
/// Writes money as <c>{"amount": 12.50, "currency": "EUR"}</c>: the decimal amount as a JSON number (its digits kept)
/// and the ISO code. Reading needs both members, once each; other members are refused.
/// </summary>
internal sealed class MoneyJsonConverter : JsonConverter<Money>
{
    /// <inheritdoc/>
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected money as an object {{\"amount\": number, \"currency\": \"EUR\"}}; got {reader.TokenType}.");
        }

        decimal? amount = null;
        Currency? currency = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "amount" when amount is null:
                    amount = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var a)
                        ? a
                        : throw new JsonException("A money amount is a JSON number within the range of decimal.");
                    break;
                case "currency" when currency is null:
                    currency = reader.TokenType == JsonTokenType.String && Currency.TryParse(reader.GetString(), null, out var code)
                        ? code
                        : throw new JsonException("A money currency is an ISO 4217 code: three letters such as \"EUR\".");
                    break;
                default:
                    throw new JsonException($"Money has the members \"amount\" and \"currency\", once each; got \"{name}\".");
            }
        }

        return (amount, currency) is ({ } m, { } c)
            ? new Money(m, c)
            : throw new JsonException("Money needs both \"amount\" and \"currency\".");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("amount", value.Amount);
        writer.WriteString("currency", value.Currency.Code.Length > 0 ? value.Currency.Code : throw new JsonException("A default Currency has no code to write; results always carry one."));
        writer.WriteEndObject();
    }
}
