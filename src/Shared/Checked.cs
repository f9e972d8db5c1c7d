// Compiled into each package (each gets its own internal copy).
#pragma warning disable IDE0130 // the namespace is each package's own
namespace Crm.Internal;

/// <summary>The checks of the members a public result or settings record holds: set, and enumerations defined.</summary>
internal static class Checked
{
    /// <summary><paramref name="value"/>, or an <see cref="ArgumentNullException"/> naming <paramref name="name"/>.</summary>
    public static T NotNull<T>(T? value, string name)
        where T : class =>
        value ?? throw new ArgumentNullException(name);

    /// <summary><paramref name="value"/> when it is a defined value of its enumeration, else an error naming <paramref name="name"/>.</summary>
    public static T Defined<T>(T value, string name)
        where T : struct, Enum =>
        EnumValues<T>.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, $"{name} is not a defined {typeof(T).Name}.");

    /// <summary><paramref name="value"/> (null stays null) when defined, else an error naming <paramref name="name"/>.</summary>
    public static T? Defined<T>(T? value, string name)
        where T : struct, Enum =>
        value is { } v ? Defined(v, name) : null;
}
