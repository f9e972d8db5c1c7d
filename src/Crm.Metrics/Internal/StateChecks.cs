#pragma warning disable CA2208 // the parameter named is the public Merge(state) method's, which calls these checks

namespace Crm.Metrics.Internal;

/// <summary>
/// Checks a shipped state's fields as they are merged: a state may have been written by another program, so a missing
/// array, a negative count, an unknown name or a wrong length is an <see cref="ArgumentException"/> naming the field.
/// </summary>
internal static class StateChecks
{
    private const string Parameter = "state";

    public static ArgumentException Missing(string field) => new($"The state's {field} is missing (null).", Parameter);

    public static long Count(long value, string field) =>
        value >= 0 ? value : throw new ArgumentException($"The state's {field} is {value}; a count cannot be negative.", Parameter);

    public static int Count(int value, string field) =>
        value >= 0 ? value : throw new ArgumentException($"The state's {field} is {value}; a count cannot be negative.", Parameter);

    public static long[] Counts(IReadOnlyList<long>? values, int length, string field)
    {
        if (values is null)
        {
            throw Missing(field);
        }

        if (values.Count != length)
        {
            throw new ArgumentException($"The state's {field} has {values.Count} entries; this layout has {length}.", Parameter);
        }

        var counts = new long[length];
        for (var i = 0; i < length; i++)
        {
            counts[i] = Count(values[i], field);
        }

        return counts;
    }

    public static IEnumerable<Duration> Durations(IReadOnlyList<long>? ticks, string field)
    {
        if (ticks is null)
        {
            throw Missing(field);
        }

        var durations = new Duration[ticks.Count];
        for (var i = 0; i < durations.Length; i++)
        {
            durations[i] = Duration.FromTicks(Count(ticks[i], field));
        }

        return durations;
    }

    public static TEnum Name<TEnum>(string? name, string field)
        where TEnum : struct, Enum =>
        name is not null && Enum.TryParse<TEnum>(name, ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(name[0]) && name[0] != '-'
            ? value
            : throw new ArgumentException($"The state's {field} \"{name}\" is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.", Parameter);

    public static void Version(int version, int current, string kind)
    {
        if (version != current)
        {
            throw new ArgumentException($"The {kind} is of layout version {version}; this library reads version {current}. Compute the partitions with the same library version.", Parameter);
        }
    }
}
