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
    /// <param name="undefinedReason">Why the result is undefined when <paramref name="count"/> is zero.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public MoneyPerCount(Money total, long count, string undefinedReason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentException.ThrowIfNullOrWhiteSpace(undefinedReason);
        Total = total;
        Count = count;
        UndefinedReason = count == 0 ? undefinedReason : null;
    }

    /// <summary>The total amount.</summary>
    public Money Total { get; }

    /// <summary>The number of units.</summary>
    public long Count { get; }

    /// <summary><see cref="Total"/> / <see cref="Count"/> (decimal division), or <c>null</c> when the count is zero.</summary>
    public Money? Value => Count == 0 ? null : new Money(Total.Amount / Count, Total.Currency);

    /// <summary>Whether the result has a value.</summary>
    public bool IsDefined => Count != 0;

    /// <summary>Why the result is undefined; <c>null</c> when it is defined.</summary>
    public string? UndefinedReason { get; }

    /// <summary>Formats as <c>12.5 USD (125 USD / 10)</c> or <c>undefined (reason)</c>.</summary>
    /// <returns>The result.</returns>
    public override string ToString() => Value is { } v
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Round(v.Amount, 4)} {v.Currency} ({Total} / {Count})")
        : $"undefined ({UndefinedReason})";
}

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
    /// <exception cref="ArgumentException">The ratio is defined but the denominator is zero.</exception>
    public MoneyRatio(Money numerator, Money denominator, string? undefinedReason)
    {
        if (numerator.Currency != denominator.Currency)
        {
            throw new CurrencyMismatchException(denominator.Currency, numerator.Currency, nameof(numerator));
        }

        if (undefinedReason is null && denominator.IsZero)
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
    public double? Value => UndefinedReason is null ? ((double)Numerator.Amount / (double)Denominator.Amount) + 0.0 : null;

    /// <summary>Whether the ratio has a value.</summary>
    public bool IsDefined => UndefinedReason is null;

    /// <summary>Why the ratio is undefined; <c>null</c> when it is defined.</summary>
    public string? UndefinedReason { get; }

    /// <summary>Formats as <c>0.4 (40 USD / 100 USD)</c> or <c>undefined (reason)</c>.</summary>
    /// <returns>The ratio.</returns>
    public override string ToString() => Value is { } v
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v:0.####} ({Numerator} / {Denominator})")
        : $"undefined ({UndefinedReason})";
}

/// <summary>
/// A metric value that may be undefined: a margin without costs, a CLV without a value basis, months of CAC
/// payback without a positive margin. Either <see cref="Value"/> is set, or <see cref="UndefinedReason"/> says why not.
/// </summary>
/// <typeparam name="T">The value type: <see cref="Money"/> or <see cref="double"/>.</typeparam>
/// <remarks>Immutable value type; a defined <see cref="double"/> value is finite (never NaN or infinite, never −0).</remarks>
public readonly record struct MetricValue<T>
    where T : struct
{
    internal MetricValue(T? value, string? undefinedReason)
    {
        Value = value;
        UndefinedReason = undefinedReason;
    }

    /// <summary>The value, or <c>null</c> when undefined.</summary>
    public T? Value { get; }

    /// <summary>Whether the value is defined.</summary>
    public bool IsDefined => Value is not null;

    /// <summary>Why the value is undefined; <c>null</c> when it is defined.</summary>
    public string? UndefinedReason { get; }

    /// <summary>Formats the value (numbers with up to four decimals, invariant culture) or <c>undefined (reason)</c>.</summary>
    /// <returns>The result.</returns>
    public override string ToString() => Value switch
    {
        null => $"undefined ({UndefinedReason})",
        double d => d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        { } v => v.ToString() ?? string.Empty,
    };
}

/// <summary>Creates <see cref="MetricValue{T}"/> results.</summary>
public static class MetricValue
{
    /// <summary>A defined value.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value; a <see cref="double"/> must be finite.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A <see cref="double"/> value is NaN or infinite.</exception>
    public static MetricValue<T> Of<T>(T value)
        where T : struct
    {
        if (value is double d)
        {
            if (!double.IsFinite(d))
            {
                throw new ArgumentOutOfRangeException(nameof(value), d, "A metric value must be finite.");
            }

            // −0 becomes +0 (a decimal −0 from 20 − 20 must not print as "-0").
            return new((T)(object)(d + 0.0), null);
        }

        return new(value, null);
    }

    /// <summary>An undefined value.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reason">Why it is undefined.</param>
    /// <returns>The result.</returns>
    public static MetricValue<T> Undefined<T>(string reason)
        where T : struct
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason);
    }
}
