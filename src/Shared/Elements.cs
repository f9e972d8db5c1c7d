// Compiled into each package (each gets its own internal copy).
#pragma warning disable IDE0130 // the namespace is each package's own
namespace Crm.Internal;

/// <summary>Checks on the elements of a sequence a caller passed: a null element names the sequence's parameter.</summary>
internal static class Elements
{
    /// <summary><paramref name="item"/>, or an <see cref="ArgumentException"/> naming <paramref name="parameterName"/> when it is null.</summary>
    public static T NotNull<T>(T? item, string parameterName)
        where T : class =>
        item ?? throw new ArgumentException("The sequence holds a null element; every element must be set.", parameterName);
}
