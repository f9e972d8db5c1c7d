using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text;

// Compiled into each package (each gets its own internal copy): one source for the ToString() of their records.
#pragma warning disable IDE0130 // the namespace is each package's own
namespace Crm.Internal;

/// <summary>
/// The text of a record, as the compiler's <c>ToString()</c> shapes it — <c>Type { Name = value, … }</c> — but with
/// every number and date in the invariant culture, collections as their items (the first ten, then how many more),
/// and the properties that may hold personal data shown as <c>(hidden)</c>. The compiler's own prints numbers in the
/// current culture (<c>9614067,79</c> in de-DE) and collections as their type names.
/// </summary>
internal static class RecordText
{
    private const int ItemsShown = 10;

    /// <summary>The text of <paramref name="value"/>: its public properties in declaration order.</summary>
    /// <typeparam name="T">The record type (its public properties are kept when trimmed).</typeparam>
    /// <param name="value">The record.</param>
    /// <param name="hidden">Properties whose values may be personal data, shown as <c>(hidden)</c>.</param>
    public static string Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(T value, params string[] hidden)
    {
        var text = new StringBuilder(typeof(T).Name).Append(" { ");
        var first = true;
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            text.Append(first ? string.Empty : ", ").Append(property.Name).Append(" = ");
            first = false;
            if (Array.IndexOf(hidden, property.Name) >= 0)
            {
                text.Append("(hidden)");
                continue;
            }

            Append(text, property.GetValue(value));
        }

        return text.Append(first ? "}" : " }").ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append(s);
                break;
            case IFormattable formattable:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IDictionary dictionary:
                Items(text, dictionary.Count, Entries(dictionary));
                break;
            case IEnumerable items:
                var list = items.Cast<object?>().Take(ItemsShown + 1).ToList();
                Items(text, items is ICollection c ? c.Count : items is IReadOnlyCollection<object?> r ? r.Count : list.Count > ItemsShown ? -1 : list.Count, list);
                break;
            default:
                text.Append(value);
                break;
        }
    }

    private static IEnumerable<object?> Entries(IDictionary dictionary)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            yield return new Entry(entry.Key, entry.Value);
        }
    }

    private static void Items(StringBuilder text, int count, IEnumerable<object?> items)
    {
        text.Append('[');
        var shown = 0;
        foreach (var item in items.Take(ItemsShown))
        {
            text.Append(shown++ == 0 ? " " : ", ");
            Append(text, item);
        }

        if (count > shown || count < 0)
        {
            text.Append(shown == 0 ? " " : ", ").Append(count < 0 ? "…" : string.Create(CultureInfo.InvariantCulture, $"… {count - shown} more"));
        }

        text.Append(shown == 0 && count == 0 ? "]" : " ]");
    }

    /// <summary>A dictionary entry, written <c>key: value</c>. (A count of −1 above: more items than shown, how many unknown.)</summary>
    private sealed class Entry(object key, object? value)
    {
        public override string ToString()
        {
            var text = new StringBuilder();
            Append(text, key);
            text.Append(": ");
            Append(text, value);
            return text.ToString();
        }
    }
}
