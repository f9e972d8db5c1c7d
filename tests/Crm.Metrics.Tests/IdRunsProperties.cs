using Crm.Metrics.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>After a sort by key, each run of equal keys ends in the ordinal order of its ids, short runs and long.</summary>
public class IdRunsProperties
{
    /// <summary>
    /// Up to 2,000 distinct ids of one of several shapes (short, sharing their first eight units, differing past them,
    /// beginnings of one another, with NUL, surrogate and high units), each with a key from few values: runs from pairs
    /// to past <see cref="IdRuns.LongRun"/>.
    /// </summary>
    public static Arbitrary<(ulong Key, string Id)[]> Items()
    {
        var unit = Gen.Elements('\0', 'a', 'b', 'A', '0', '9', 'é', '\u0100', '\uD83D', '\uDE00', '\uFFFF');
        var tail = unit.ListOf().Select(l => new string([.. l]));
        var id = from stem in Gen.Elements("", "c", "C000000", "C0000000", "customer-")
                 from number in Gen.Choose(0, 99_999)
                 from rest in tail
                 let value = stem + number.ToString(System.Globalization.CultureInfo.InvariantCulture) + rest
                 select value;
        return (from n in Gen.Choose(0, 2000)
                from keys in Gen.Choose(1, 6)
                from ids in id.ArrayOf(n)
                from picks in Gen.Choose(0, keys - 1).ArrayOf(n)
                select ids.Distinct(StringComparer.Ordinal).Select((value, i) => ((ulong)picks[i], value)).ToArray())
            .ToArbitrary();
    }

    [Property(Arbitrary = [typeof(IdRunsProperties)], MaxTest = 200)]
    public void Runs_of_equal_keys_are_ordered_by_ordinal_id((ulong Key, string Id)[] items)
    {
        var keys = items.Select(i => i.Key).ToArray();
        var order = Enumerable.Range(0, items.Length).ToArray();
        RadixSort.Sort(keys, order);

        IdRuns.OrderTies(keys, order, i => new CustomerId(items[i].Id));

        var expected = items.OrderBy(i => i.Key).ThenBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Id);
        Assert.Equal(expected, order.Select(i => items[i].Id));
    }
}
