namespace Crm.Domain;

/// <summary>A currency, identified by its ISO 4217 alphabetic code (three upper-case letters A–Z).</summary>
/// <remarks>
/// <para>The code's shape is validated; whether the code is currently assigned by ISO is not (new codes
/// appear, and teams use historic ones). The constructor rejects lower-case input rather than silently upper-casing
/// it; <see cref="Parse(string, IFormatProvider?)"/> and <see cref="TryParse(string?, IFormatProvider?, out Currency)"/>
/// accept any case and normalise it, for codes read from files and requests.</para>
/// <para>The default value is not a valid currency: its <see cref="Code"/> is the empty string, and
/// <see cref="Money"/> rejects it.</para>
/// <para>This type is an immutable value type and is thread-safe.</para>
/// </remarks>
public readonly record struct Currency : ISpanParsable<Currency>
{
    private readonly string? _code;

    /// <summary>Creates a currency from its ISO 4217 code.</summary>
    /// <param name="code">Three upper-case ASCII letters, e.g. <c>USD</c>, <c>EUR</c>, <c>CNY</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not three upper-case letters A–Z.</exception>
    public Currency(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != 3 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiLetterUpper(code[1]) || !char.IsAsciiLetterUpper(code[2]))
        {
            throw new ArgumentException(
                $"A currency code is three upper-case letters A-Z (ISO 4217), e.g. \"USD\"; got {Internal.Rules.Describe(code)}.",
                nameof(code));
        }

        _code = code;
    }

    /// <summary>The ISO 4217 code; the empty string for the default value.</summary>
    public string Code => _code ?? string.Empty;

    /// <summary>United States dollar.</summary>
    public static Currency Usd { get; } = new("USD");

    /// <summary>Euro.</summary>
    public static Currency Eur { get; } = new("EUR");

    /// <summary>Pound sterling.</summary>
    public static Currency Gbp { get; } = new("GBP");

    /// <summary>Chinese yuan renminbi.</summary>
    public static Currency Cny { get; } = new("CNY");

    /// <summary>Japanese yen.</summary>
    public static Currency Jpy { get; } = new("JPY");

    /// <summary>Swiss franc.</summary>
    public static Currency Chf { get; } = new("CHF");

    /// <summary>Returns the code, or <c>(none)</c> for the default value.</summary>
    /// <returns>The ISO 4217 code.</returns>
    public override string ToString() => _code ?? "(none)";

    /// <summary>Reads a currency code in any case (<c>eur</c>, <c>Eur</c>, <c>EUR</c>) and normalises it to upper case.</summary>
    /// <param name="s">Three ASCII letters.</param>
    /// <param name="provider">Not used: codes have no culture.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="s"/> is not three ASCII letters (the library's rule for bad input, where BCL parsers throw <see cref="FormatException"/>).</exception>
    public static Currency Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, provider, out var currency)
            ? currency
            : throw new ArgumentException($"A currency code is three letters A-Z (ISO 4217), e.g. \"USD\" or \"eur\"; got {Internal.Rules.Describe(s)}.", nameof(s));
    }

    /// <summary>Reads a currency code in any case without throwing.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">Not used: codes have no culture.</param>
    /// <param name="result">The currency, upper case; the default value when the text is not a code.</param>
    /// <returns>Whether <paramref name="s"/> is three ASCII letters.</returns>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? s, IFormatProvider? provider, out Currency result) =>
        TryParse(s.AsSpan(), provider, out result) && s is not null;

    /// <summary>Reads a currency code in any case from characters (see <see cref="Parse(string, IFormatProvider?)"/>).</summary>
    /// <param name="s">Three ASCII letters.</param>
    /// <param name="provider">Not used: codes have no culture.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentException"><paramref name="s"/> is not three ASCII letters.</exception>
    public static Currency Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    /// <summary>Reads a currency code in any case from characters without throwing.</summary>
    /// <param name="s">The characters.</param>
    /// <param name="provider">Not used: codes have no culture.</param>
    /// <param name="result">The currency, upper case; the default value when the characters are not a code.</param>
    /// <returns>Whether <paramref name="s"/> is three ASCII letters.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Currency result)
    {
        if (s.Length != 3 || !char.IsAsciiLetter(s[0]) || !char.IsAsciiLetter(s[1]) || !char.IsAsciiLetter(s[2]))
        {
            result = default;
            return false;
        }

        Span<char> upper = stackalloc char[3];
        s.ToUpperInvariant(upper);
        result = upper.SequenceEqual("USD") ? Usd : upper.SequenceEqual("EUR") ? Eur : new Currency(new string(upper));
        return true;
    }
}
