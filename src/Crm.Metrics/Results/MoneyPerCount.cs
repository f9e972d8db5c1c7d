using System.Text.Json.Serialization;

namespace Crm.Metrics.Results;

/// <summary>
/// An amount of money per counted unit (revenue per order, cost per acquired customer). Undefined when the
/// count is zero.
/// </summary>
/// <remarks>Immutable value type.</remarks>
public readonly record struct MoneyPerCount
{
    /// <summary>Creates the result.</summary>
    /// <param name="total">The total amount.</param>
    /// <param name="count">The number of units; not negative.</param>
    /// <param name="undefinedReason">
    /// Why the result is undefined when <paramref name="count"/> is zero; required then, and not kept otherwise.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentException">The count is zero and no reason is given, or the total has no currency.</exception>
    [JsonConstructor]
    public MoneyPerCount(Money total, long count, string? undefinedReason = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(undefinedReason);
        }

        Total = total;
        Count = count;
        UndefinedReason = count == 0 ? undefinedReason : null;
    }

    /// <summary>The total amount.</summary>
    public Money Total { get; }

    /// <summary>The number of units.</summary>
    public long Count { get; }

    /// <summary><see cref="Total"/> / <see cref="Count"/> (decimal division), or <c>null</c> when the count is zero.</summary>
    [JsonPropertyOrder(-1)]
    public Money? Value => Count == 0 ? null : new Money(Total.Amount / Count, Total.Currency);

    /// <summary>Whether the result has a value.</summary>
    [JsonIgnore]
    public bool IsDefined => Count != 0;

    /// <summary>Why the result is undefined; <c>null</c> when it is defined.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UndefinedReason { get; }

    /// <summary>Formats as <c>12.5 USD (125 USD / 10)</c> or <c>undefined (reason)</c>.</summary>
    /// <returns>The result.</returns>
    public override string ToString() => Value is { } v
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Round(v.Amount, 4)} {v.Currency} ({Total} / {Count})")
        : $"undefined ({UndefinedReason})";
}
