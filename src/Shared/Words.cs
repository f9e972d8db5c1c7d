// Compiled into each package (each gets its own internal copy).
#pragma warning disable IDE0130 // the namespace is each package's own
using System.Globalization;

namespace Crm.Internal;

/// <summary>Counts in words for messages and reasons: "1 sale", "3 sales" — never "sale(s)".</summary>
internal static class Words
{
    /// <summary>The count (invariant culture, thousands separated) and the noun in the number it takes.</summary>
    /// <param name="count">The count.</param>
    /// <param name="one">The noun for exactly one ("purchase day").</param>
    /// <param name="many">The noun for any other count ("purchase days").</param>
    /// <returns>For example <c>1 purchase day</c>, <c>0 purchase days</c>, <c>1,204 purchase days</c>.</returns>
    public static string Count(long count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? one : many)}");

    /// <summary>The count with a fraction and the noun: "1 purchase", "1.23 purchases".</summary>
    /// <param name="count">The count.</param>
    /// <param name="format">The number's format, for example <c>0.##</c>.</param>
    /// <param name="one">The noun for exactly one.</param>
    /// <param name="many">The noun for any other count.</param>
    /// <returns>The text.</returns>
    public static string Count(double count, string format, string one, string many)
    {
        var number = count.ToString(format, CultureInfo.InvariantCulture);
        return $"{number} {(number == "1" ? one : many)}";
    }
}
