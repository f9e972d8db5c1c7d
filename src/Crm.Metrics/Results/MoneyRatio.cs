using System.Text.Json.Serialization;

namespace Crm.Metrics.Results;

/// <summary>
/// A ratio of two amounts of money in one currency (a revenue share, a return on spend, a growth rate).
/// Undefined when the denominator is zero or not positive where the metric requires it.
/// </summary>
/// <remarks>Immutable value type; never NaN, never infinite.</remarks>
public readonly record struct MoneyRatio
{
    /// <summary>Creates a defined or undefined ratio of two amounts.</summary>
    /// <param name="numerator">The numerator.</param>
    /// <param name="denominator">The denominator, same currency.</param>
    /// <param name="undefinedReason">Why the ratio is undefined; <c>null</c> to compute it (the denominator must then be non-zero).</param>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="ArgumentException">The ratio is defined but the denominator is zero, or the reason is blank.</exception>
    [JsonConstructor]
    public MoneyRatio(Money numerator, Money denominator, string? undefinedReason = null)
    {
        if (numerator.Currency != denominator.Currency)
        {
            throw new CurrencyMismatchException(denominator.Currency, numerator.Currency, nameof(numerator));
        }

        if (undefinedReason is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(undefinedReason);
        }
        else if (denominator.IsZero)
        {
            throw new ArgumentException("A defined money ratio needs a non-zero denominator.", nameof(denominator));
        }

        Numerator = numerator;
        Denominator = denominator;
        UndefinedReason = undefinedReason;
    }

    /// <summary>The numerator.</summary>
    public Money Numerator { get; }

    /// <summary>The denominator.</summary>
    public Money Denominator { get; }

    /// <summary>Numerator / denominator, or <c>null</c> when undefined.</summary>
    [JsonPropertyOrder(-1)]
    public double? Value => UndefinedReason is null ? ((double)Numerator.Amount / (double)Denominator.Amount) + 0.0 : null;

    /// <summary>Whether the ratio has a value.</summary>
    [JsonIgnore]
    public bool IsDefined => UndefinedReason is null;

    /// <summary>Why the ratio is undefined; <c>null</c> when it is defined.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UndefinedReason { get; }

    /// <summary>Formats as <c>0.4 (40 USD / 100 USD)</c> or <c>undefined (reason)</c>.</summary>
    /// <returns>The ratio.</returns>
    public override string ToString() => Value is { } v
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v:0.####} ({Numerator} / {Denominator})")
        : $"undefined ({UndefinedReason})";
}
