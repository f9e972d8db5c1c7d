using System.Text.Json.Serialization;

namespace Crm.Metrics.Results;

/// <summary>
/// A metric value that may be undefined: a margin without costs, a CLV without a value basis, months of CAC
/// payback without a positive margin. Either <see cref="Value"/> is set, or <see cref="UndefinedReason"/> says why not.
/// </summary>
/// <typeparam name="T">The value type: <see cref="Money"/> or <see cref="double"/>.</typeparam>
/// <remarks>Immutable value type; a defined <see cref="double"/> value is finite (never NaN or infinite, never −0).</remarks>
public readonly record struct MetricValue<T>
    where T : struct
{
    // Also how a JSON document is read back: exactly one of the two is given.
    [JsonConstructor]
    internal MetricValue(T? value, string? undefinedReason = null)
    {
        if (value is null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(undefinedReason);
        }
        else if (undefinedReason is not null)
        {
            throw new ArgumentException("A defined metric value has no undefined reason.", nameof(undefinedReason));
        }
        else if (value is double d && !double.IsFinite(d))
        {
            throw new ArgumentOutOfRangeException(nameof(value), d, "A metric value must be finite.");
        }

        Value = value;
        UndefinedReason = undefinedReason;
    }

    /// <summary>The value, or <c>null</c> when undefined.</summary>
    public T? Value { get; }

    /// <summary>Whether the value is defined.</summary>
    [JsonIgnore]
    public bool IsDefined => Value is not null;

    /// <summary>Why the value is undefined; <c>null</c> when it is defined.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
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
