using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime.Text;

namespace Crm.Metrics.Json;

/// <summary>
/// Writes a NodaTime value as ISO-8601 text with one of NodaTime's own patterns, and reads it back with the same
/// pattern; text the pattern cannot parse is a <see cref="JsonException"/> that names the pattern's rule.
/// </summary>
/// <typeparam name="T">The NodaTime value type.</typeparam>
internal sealed class NodaPatternJsonConverter<T> : JsonConverter<T>
{
    private readonly IPattern<T> _pattern;
    private readonly string _describes;

    /// <summary>Creates a converter over <paramref name="pattern"/>.</summary>
    /// <param name="pattern">The ISO pattern, for example <see cref="InstantPattern.ExtendedIso"/>.</param>
    /// <param name="describes">What the text is, for error messages ("an ISO-8601 instant such as 2026-03-01T00:00:00Z").</param>
    public NodaPatternJsonConverter(IPattern<T> pattern, string describes)
    {
        _pattern = pattern;
        _describes = describes;
    }

    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected {_describes}, as a string; got {reader.TokenType}.");
        }

        var result = _pattern.Parse(reader.GetString()!);
        return result.Success
            ? result.Value
            : throw new JsonException($"Expected {_describes}: {result.Exception.Message}");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(_pattern.Format(value));
}
