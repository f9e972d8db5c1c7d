using System.Diagnostics.CodeAnalysis;
using Crm.Domain.Internal;

namespace Crm.Domain;

/// <summary>
/// Identifies a customer by the caller's own key (a database id, a CRM number, an e-mail hash).
/// </summary>
/// <remarks>
/// <para>Keys are compared ordinally (case-sensitive, culture-independent). A key must not be empty or
/// white space and must not start or end with white space.</para>
/// <para>The default value (<c>default(CustomerId)</c>) is not a valid id: its <see cref="Value"/> is the
/// empty string, and every constructor in this library that takes a <see cref="CustomerId"/> rejects it.</para>
/// <para>The ordinal hash code of the key is computed once, at construction, so that grouping millions of records
/// by customer never re-reads the key (as <see cref="string.GetHashCode()"/>, it differs between processes).</para>
/// <para>This type is an immutable value type and is thread-safe.</para>
/// </remarks>
public readonly record struct CustomerId : IComparable<CustomerId>, ISpanParsable<CustomerId>
{
    private readonly string? _value;
    private readonly int _hash;

    /// <summary>Creates an id from the caller's key.</summary>
    /// <param name="value">The key; not empty, no leading or trailing white space.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, white space, or padded with white space.</exception>
    public CustomerId(string value)
    {
        _value = Rules.Key(value, nameof(value));
        _hash = StringComparer.Ordinal.GetHashCode(_value);
    }

    /// <summary>The key; the empty string for the default value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether two ids have the same key (ordinal).</summary>
    /// <param name="other">The other id.</param>
    /// <returns><c>true</c> when the keys are equal.</returns>
    public bool Equals(CustomerId other) => _hash == other._hash && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <summary>The ordinal hash code of the key, computed at construction.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => _hash;

    /// <summary>Compares two ids ordinally by their keys.</summary>
    /// <param name="other">The id to compare with.</param>
    /// <returns>A negative number, zero or a positive number as this id sorts before, with or after <paramref name="other"/>.</returns>
    public int CompareTo(CustomerId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the key.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => Value;

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    public static bool operator <(CustomerId left, CustomerId right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    public static bool operator >(CustomerId left, CustomerId right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> sorts before or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    public static bool operator <=(CustomerId left, CustomerId right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> sorts after or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    public static bool operator >=(CustomerId left, CustomerId right) => left.CompareTo(right) >= 0;

    /// <summary>Reads an id from text, as route and query binders do; the text is the key, unchanged (ordinal, case-sensitive).</summary>
    /// <param name="s">The key: not empty, not white space, not padded.</param>
    /// <param name="provider">Not used: keys have no culture.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="s"/> is empty, white space or padded (the library's rule for bad input, where BCL parsers throw <see cref="FormatException"/>).</exception>
    public static CustomerId Parse(string s, IFormatProvider? provider) => new(Rules.Key(s, nameof(s)));

    /// <summary>Reads an id from text without throwing.</summary>
    /// <param name="s">The key.</param>
    /// <param name="provider">Not used: keys have no culture.</param>
    /// <param name="result">The id; the default value when the text is not a key.</param>
    /// <returns>Whether <paramref name="s"/> is a key: not null, empty, white space or padded.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CustomerId result)
    {
        result = Rules.IsKey(s) ? new(s) : default;
        return Rules.IsKey(s);
    }

    /// <summary>Reads an id from characters (see <see cref="Parse(string, IFormatProvider?)"/>).</summary>
    /// <param name="s">The key.</param>
    /// <param name="provider">Not used: keys have no culture.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException"><paramref name="s"/> is empty, white space or padded.</exception>
    public static CustomerId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    /// <summary>Reads an id from characters without throwing.</summary>
    /// <param name="s">The key.</param>
    /// <param name="provider">Not used: keys have no culture.</param>
    /// <param name="result">The id; the default value when the characters are not a key.</param>
    /// <returns>Whether <paramref name="s"/> is a key.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out CustomerId result) => TryParse(s.ToString(), provider, out result);
}
