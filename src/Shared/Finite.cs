// Compiled into each package (each gets its own internal copy).
#pragma warning disable IDE0130 // the namespace is each package's own
namespace Crm.Internal;

/// <summary>The check of the numbers a public result or settings record holds: finite, never NaN or infinity.</summary>
internal static class Finite
{
    /// <summary><paramref name="value"/>, or an <see cref="ArgumentOutOfRangeException"/> naming <paramref name="name"/> when it is NaN or infinite.</summary>
    public static double Of(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, $"{name} must be a finite number, not NaN or infinity.");

    /// <summary><paramref name="value"/> (null stays null), or an error when it is NaN or infinite.</summary>
    public static double? Of(double? value, string name) => value is { } v ? Of(v, name) : null;
}
