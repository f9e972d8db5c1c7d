using System.Text.Json.Serialization;

namespace Crm.Metrics.Results;

/// <summary>
/// A ratio of two counts: <see cref="Numerator"/> per <see cref="Denominator"/>. Most rates are shares, 0..1
/// (repeat purchase rate); a metric whose rate may exceed 1 says so (purchase frequency, orders per customer).
/// Undefined (<see cref="Value"/> is <c>null</c>) when the denominator is zero, with the reason in
/// <see cref="UndefinedReason"/>.
/// </summary>
/// <remarks>Immutable value type; never NaN, never infinite.</remarks>
public readonly record struct Rate
{
    /// <summary>Creates a rate.</summary>
    /// <param name="numerator">How many meet the condition; not negative.</param>
    /// <param name="denominator">How many were counted; not negative.</param>
    /// <param name="undefinedReason">
    /// Why the rate is undefined when <paramref name="denominator"/> is zero; required then, and not kept otherwise.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="ArgumentException">The denominator is zero and no reason is given.</exception>
    [JsonConstructor]
    public Rate(long numerator, long denominator, string? undefinedReason = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        if (denominator == 0)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(undefinedReason);
        }

        Numerator = numerator;
        Denominator = denominator;
        UndefinedReason = denominator == 0 ? undefinedReason : null;
    }

    /// <summary>How many meet the condition.</summary>
    public long Numerator { get; }

    /// <summary>How many were counted.</summary>
    public long Denominator { get; }

    /// <summary><see cref="Numerator"/> / <see cref="Denominator"/>, or <c>null</c> when the denominator is zero.</summary>
    [JsonPropertyOrder(-1)]
    public double? Value => Denominator == 0 ? null : (double)Numerator / Denominator;

    /// <summary>Whether the rate has a value.</summary>
    [JsonIgnore]
    public bool IsDefined => Denominator != 0;

    /// <summary>Why the rate is undefined; <c>null</c> when it is defined.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UndefinedReason { get; }

    /// <summary>Formats as <c>0.25 (1/4)</c> or <c>undefined (reason)</c>.</summary>
    /// <returns>The rate.</returns>
    public override string ToString() => Value is { } v
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v:0.####} ({Numerator}/{Denominator})")
        : $"undefined ({UndefinedReason})";
}
