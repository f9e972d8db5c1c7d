using System.Collections;
using System.Reflection;
using Crm.Domain.Activity;

namespace Crm.Metrics.Tests.Json;

/// <summary>
/// Compares two result objects member by member through every public property, list and dictionary (records compare
/// lists by reference, so their own equality is not enough); the first difference is reported by its path.
/// </summary>
internal static class DeepEquality
{
    private static readonly HashSet<Type> Leaves =
    [
        typeof(string), typeof(decimal), typeof(Money), typeof(Currency), typeof(CustomerId), typeof(Instant), typeof(LocalDate),
        typeof(YearMonth), typeof(Duration), typeof(DateInterval), typeof(ReportingPeriod),
    ];

    /// <summary>The path of the first difference, or null when every member is equal.</summary>
    public static string? FirstDifference(object? expected, object? actual, string path = "$", Func<string, bool>? skip = null)
    {
        if (skip?.Invoke(path) == true)
        {
            return null;
        }

        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: {Show(expected)} vs {Show(actual)}";
        }

        // Lists and dictionaries compare by their entries: a document reads them back into other collection types.
        var type = expected.GetType();
        if (type != actual.GetType() && !(expected is IEnumerable && actual is IEnumerable && expected is not string))
        {
            return $"{path}: type {type.Name} vs {actual.GetType().Name}";
        }

        if (type.IsPrimitive || type.IsEnum || Leaves.Contains(type) || expected is DateTimeZone)
        {
            return expected.Equals(actual) ? null : $"{path}: {Show(expected)} vs {Show(actual)}";
        }

        if (expected is Funnel f)
        {
            return FirstDifference(f.Stages, ((Funnel)actual).Stages, path, skip);
        }

        if (expected is IDictionary dictionary)
        {
            var other = (IDictionary)actual;
            if (dictionary.Count != other.Count)
            {
                return $"{path}: {dictionary.Count} entries vs {other.Count}";
            }

            foreach (DictionaryEntry entry in dictionary)
            {
                if (!other.Contains(entry.Key))
                {
                    return $"{path}[{entry.Key}]: missing";
                }

                if (FirstDifference(entry.Value, other[entry.Key], $"{path}[{entry.Key}]", skip) is { } d)
                {
                    return d;
                }
            }

            return null;
        }

        if (expected is IEnumerable sequence)
        {
            var a = sequence.Cast<object?>().ToList();
            var b = ((IEnumerable)actual).Cast<object?>().ToList();
            if (a.Count != b.Count)
            {
                return $"{path}: {a.Count} items vs {b.Count}";
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (FirstDifference(a[i], b[i], $"{path}[{i}]", skip) is { } d)
                {
                    return d;
                }
            }

            return null;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            if (FirstDifference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", skip) is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };
}
