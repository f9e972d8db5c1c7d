using System.Diagnostics.CodeAnalysis;
using Crm.Domain.Internal;

namespace Crm.Domain;

/// <summary>Identifies a lead by the caller's own key.</summary>
/// <remarks>
/// <para>Keys are compared ordinally; a key must not be empty or white space and must not start or end
/// with white space. The default value is not a valid id (its <see cref="Value"/> is empty) and is rejected
/// wherever an id is required.</para>
/// <para>This type is an immutable value type and is thread-safe.</para>
/// </remarks>
public readonly record struct LeadId : ISpanParsable<LeadId>
{
    private readonly string? _value;

    /// <summary>Creates an id from the caller's key.</summary>
    /// <param name="value">The key; not empty, no leading or trailing white space.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, white space, or padded with white space.</exception>
    public LeadId(string value) => _value = Rules.Key(value, nameof(value));

    /// <summary>The key; the empty string for the default value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Returns the key.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => Value;

    /// <summary>Reads an id from text, as route and query binders do; the text is the key, unchanged (ordinal, case-sensitive).</summary>
    /// <param name="s">The key: not empty, not white space, not padded.</param>
    /// <param name="provider">Not used: keys have no culture.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="s"/> is empty, white space or padded (the library's rule for bad input, where BCL parsers throw <see cref="FormatException"/>).</exception>
    public static LeadId Parse(string s, IFormatProvider? provider) => new(Rules.Key(s, nameof(s)));

    /// <summary>Reads an id from text without throwing.</summary>
    /// <param name="s">The key.</param>
    /// <param name="provider">Not used: keys have no culture.</param>
    /// <param name="result">The id; the default value when the text is not a key.</param>
    /// <returns>Whether <paramref name="s"/> is a key: not null, empty, white space or padded.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out LeadId result)
    {
        result = Rules.IsKey(s) ? new(s) : default;
        return Rules.IsKey(s);
    }

    /// <summary>Reads an id from characters (see <see cref="Parse(string, IFormatProvider?)"/>).</summary>
    /// <param name="s">The key.</param>
    /// <param name="provider">Not used: keys have no culture.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException"><paramref name="s"/> is empty, white space or padded.</exception>
    public static LeadId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    /// <summary>Reads an id from characters without throwing.</summary>
    /// <param name="s">The key.</param>
    /// <param name="provider">Not used: keys have no culture.</param>
    /// <param name="result">The id; the default value when the characters are not a key.</param>
    /// <returns>Whether <paramref name="s"/> is a key.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out LeadId result) => TryParse(s.ToString(), provider, out result);
}
