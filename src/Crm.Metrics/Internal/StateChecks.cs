#pragma warning disable CA2208 // the parameter named is the public Merge(state) method's, which calls these checks

using System.Globalization;

namespace Crm.Metrics.Internal;

/// <summary>
/// Checks a shipped state's fields before anything is merged: a state may have been written by another program or
/// tampered with, so a missing array, a negative or impossible count, an amount of the wrong sign, an index outside
/// the period's layout, an unknown name or a wrong length is an <see cref="ArgumentException"/> (parameter
/// <c>state</c>) whose message names the field by its JSON path — <c>purchases.customers[3].periodSalesAmount</c> —
/// and the rule it breaks. Messages hold counts, indexes and names of the layout, never an amount or a customer id.
/// </summary>
internal static class StateChecks
{
    /// <summary>
    /// The largest count a state may hold, 2⁵³: rates are computed in <see cref="double"/>, which holds every whole
    /// number up to it exactly, and sums of a few such counts cannot overflow <see cref="long"/>.
    /// </summary>
    public const long MaxCount = 1L << 53;

    private const string Parameter = "state";

    /// <summary>A field that breaks a rule: "The state's {path} {rule}."</summary>
    public static ArgumentException Broken(FieldPath path, string rule) => new($"The state's {path} {rule}.", Parameter);

    /// <summary>The path of an element: <c>prefix[index].field</c> (formatted only when a check fails).</summary>
    public static FieldPath At(string prefix, int index, string? field = null) => new(prefix, index, field);

    /// <summary>The path of an element of an element (formatted at once: for messages only).</summary>
    public static FieldPath At(FieldPath prefix, int index) => new(prefix.ToString(), index);

    public static ArgumentException Missing(FieldPath field) => Broken(field, "is missing (null)");

    public static long Count(long value, FieldPath field) =>
        value switch
        {
            < 0 => throw Broken(field, string.Create(CultureInfo.InvariantCulture, $"is {value}; a count cannot be negative")),
            > MaxCount => throw Broken(field, string.Create(CultureInfo.InvariantCulture, $"is {value}; a count is at most 2^53 ({MaxCount})")),
            _ => value,
        };

    public static int Count(int value, FieldPath field) =>
        value >= 0 ? value : throw Broken(field, string.Create(CultureInfo.InvariantCulture, $"is {value}; a count cannot be negative"));

    public static decimal NonNegative(decimal value, FieldPath field) =>
        value >= 0m ? value : throw Broken(field, "is negative; this amount is a sum of non-negative amounts");

    public static long[] Counts(IReadOnlyList<long>? values, int length, FieldPath field)
    {
        if (values is null)
        {
            throw Missing(field);
        }

        if (values.Count != length)
        {
            throw Broken(field, string.Create(CultureInfo.InvariantCulture, $"has {values.Count} entries; this layout has {length}"));
        }

        var counts = new long[length];
        for (var i = 0; i < length; i++)
        {
            counts[i] = Count(values[i], At(field, i));
        }

        return counts;
    }

    /// <summary>Durations in ticks, each from 0 up to <paramref name="longest"/> (what the period allows).</summary>
    public static Duration[] Durations(IReadOnlyList<long>? ticks, FieldPath field, long longest)
    {
        if (ticks is null)
        {
            throw Missing(field);
        }

        var durations = new Duration[ticks.Count];
        for (var i = 0; i < durations.Length; i++)
        {
            var value = ticks[i];
            if (value < 0 || value > longest)
            {
                throw Broken(At(field, i), "is outside 0 .. the period's length; a duration here starts and ends within the period");
            }

            durations[i] = Duration.FromTicks(value);
        }

        return durations;
    }

    public static TEnum Name<TEnum>(string? name, FieldPath field)
        where TEnum : struct, Enum =>
        name is not null && Enum.TryParse<TEnum>(name, ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(name[0]) && name[0] != '-'
            ? value
            : throw Broken(field, $"\"{Truncated(name)}\" is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");

    /// <summary>A customer id of a state row: not empty, not padded (what <see cref="CustomerId"/> accepts).</summary>
    public static CustomerId Id(string? id, FieldPath field)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw Broken(field, "is empty; every row names its customer");
        }

        try
        {
            return new CustomerId(id);
        }
        catch (ArgumentException)
        {
            throw Broken(field, "is not a valid customer id (empty, padded or too long)");
        }
    }

    /// <summary>A currency code of a state: three upper-case letters (ISO 4217).</summary>
    public static Currency CurrencyCode(string code, FieldPath field)
    {
        if (code.Length != 3 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiLetterUpper(code[1]) || !char.IsAsciiLetterUpper(code[2]))
        {
            throw Broken(field, "is not three upper-case letters A-Z (ISO 4217)");
        }

        return new Currency(code);
    }

    public static void Version(int version, int current, string kind)
    {
        if (version != current)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The {kind} is of layout version {version}; this library reads version {current}. Compute the partitions with the same library version."), Parameter);
        }
    }

    /// <summary>A name from a state, cut short: an attacker's 20 MB string does not come back in a message.</summary>
    private static string Truncated(string? name) => name is null ? "(null)" : name.Length <= 40 ? name : string.Concat(name.AsSpan(0, 40), "…");
}
