namespace Crm.Domain;

/// <summary>A currency, identified by its ISO 4217 alphabetic code (three upper-case letters A–Z).</summary>
/// <remarks>
/// <para>The code's shape is validated; whether the code is currently assigned by ISO is not (new codes
/// appear, and teams use historic ones). Lower-case input is rejected rather than silently upper-cased.</para>
/// <para>The default value is not a valid currency: its <see cref="Code"/> is the empty string, and
/// <see cref="Money"/> rejects it.</para>
/// <para>This type is an immutable value type and is thread-safe.</para>
/// </remarks>
public readonly record struct Currency
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
}
