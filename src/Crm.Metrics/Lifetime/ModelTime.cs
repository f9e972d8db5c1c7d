using System.Globalization;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// A length of time in a model time unit (days or weeks, fractional): the t_x, T and horizons of the customer-base
/// models. A value in weeks and one in days compare and subtract correctly (a week is seven days).
/// </summary>
/// <remarks>
/// <para>Range: finite and non-negative. The default value is zero days.</para>
/// <para>Equality: two values are equal when they are the same length of time (<c>Weeks(1) == Days(7)</c>).</para>
/// <para>This type is an immutable value type and is thread-safe.</para>
/// </remarks>
public readonly struct ModelTime : IEquatable<ModelTime>, IComparable<ModelTime>
{
    private ModelTime(double value, ModelTimeUnit unit)
    {
        Value = value;
        Unit = unit;
    }

    /// <summary>The length in <see cref="Unit"/>.</summary>
    public double Value { get; }

    /// <summary>The unit <see cref="Value"/> is stated in.</summary>
    public ModelTimeUnit Unit { get; }

    /// <summary>The length in days.</summary>
    public double TotalDays => Unit == ModelTimeUnit.Weeks ? Value * 7 : Value;

    /// <summary>The length in weeks.</summary>
    public double TotalWeeks => Unit == ModelTimeUnit.Weeks ? Value : Value / 7;

    /// <summary>A length in days.</summary>
    /// <param name="days">Finite and non-negative.</param>
    /// <returns>The length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative, NaN or infinite.</exception>
    public static ModelTime Days(double days) => new(Check(days, nameof(days)), ModelTimeUnit.Days);

    /// <summary>A length in weeks (of seven days).</summary>
    /// <param name="weeks">Finite and non-negative.</param>
    /// <returns>The length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> is negative, NaN or infinite.</exception>
    public static ModelTime Weeks(double weeks) => new(Check(weeks, nameof(weeks)), ModelTimeUnit.Weeks);

    /// <summary>A length in the given unit.</summary>
    /// <param name="value">Finite and non-negative.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>The length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative, NaN or infinite, or <paramref name="unit"/> is not defined.</exception>
    public static ModelTime In(double value, ModelTimeUnit unit) => new(Check(value, nameof(value)), CheckUnit(unit, nameof(unit)));

    /// <summary>This length stated in <paramref name="unit"/>.</summary>
    /// <param name="unit">The unit wanted.</param>
    /// <returns>The number of <paramref name="unit"/>s (exact when the unit is the same; otherwise ×7 or ÷7).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not defined.</exception>
    public double ToUnit(ModelTimeUnit unit) =>
        CheckUnit(unit, nameof(unit)) == Unit ? Value : unit == ModelTimeUnit.Weeks ? Value / 7 : Value * 7;

    /// <summary>The difference of two lengths, in the unit of <paramref name="left"/>.</summary>
    /// <param name="left">The longer length.</param>
    /// <param name="right">The shorter length.</param>
    /// <returns><paramref name="left"/> − <paramref name="right"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="right"/> is longer than <paramref name="left"/>.</exception>
    public static ModelTime operator -(ModelTime left, ModelTime right)
    {
        var difference = left.Value - right.ToUnit(left.Unit);
        if (difference < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(right), right, $"A length of time cannot be negative: {right} is longer than {left}.");
        }

        return new(difference, left.Unit);
    }

    /// <summary>Whether two lengths are the same time.</summary>
    /// <param name="other">The other length.</param>
    /// <returns><c>true</c> when equal.</returns>
    public bool Equals(ModelTime other) => other.Unit == Unit ? other.Value.Equals(Value) : other.TotalDays.Equals(TotalDays);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ModelTime other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => TotalDays.GetHashCode();

    /// <summary>Compares two lengths.</summary>
    /// <param name="other">The other length.</param>
    /// <returns>Negative, zero or positive as this length is shorter, equal or longer.</returns>
    public int CompareTo(ModelTime other) => other.Unit == Unit ? Value.CompareTo(other.Value) : TotalDays.CompareTo(other.TotalDays);

    /// <summary>Whether two lengths are the same time.</summary>
    /// <param name="left">The first length.</param>
    /// <param name="right">The second length.</param>
    public static bool operator ==(ModelTime left, ModelTime right) => left.Equals(right);

    /// <summary>Whether two lengths differ.</summary>
    /// <param name="left">The first length.</param>
    /// <param name="right">The second length.</param>
    public static bool operator !=(ModelTime left, ModelTime right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> is shorter.</summary>
    /// <param name="left">The first length.</param>
    /// <param name="right">The second length.</param>
    public static bool operator <(ModelTime left, ModelTime right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is longer.</summary>
    /// <param name="left">The first length.</param>
    /// <param name="right">The second length.</param>
    public static bool operator >(ModelTime left, ModelTime right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is not longer.</summary>
    /// <param name="left">The first length.</param>
    /// <param name="right">The second length.</param>
    public static bool operator <=(ModelTime left, ModelTime right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is not shorter.</summary>
    /// <param name="left">The first length.</param>
    /// <param name="right">The second length.</param>
    public static bool operator >=(ModelTime left, ModelTime right) => left.CompareTo(right) >= 0;

    /// <summary>The length with its unit, invariant culture: <c>38.857 weeks</c>, <c>3 days</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Value:0.###} {(Unit == ModelTimeUnit.Weeks ? "weeks" : "days")}");

    internal static ModelTimeUnit CheckUnit(ModelTimeUnit unit, string parameter) =>
        unit is ModelTimeUnit.Days or ModelTimeUnit.Weeks
            ? unit
            : throw new ArgumentOutOfRangeException(parameter, unit, "The time unit must be Days or Weeks.");

    private static double Check(double value, string parameter) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(parameter, value, "A length of time must be finite and not negative.");
}
