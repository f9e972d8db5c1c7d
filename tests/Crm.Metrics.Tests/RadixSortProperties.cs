using Crm.Metrics.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>The radix sort the rankings use is a stable sort by key, and its key mappings keep the order of the values.</summary>
public class RadixSortProperties
{
    /// <summary>
    /// Up to 3,000 keys of one of several shapes: few distinct values (long runs of ties), small numbers (high bytes
    /// shared, so passes are skipped), keys differing only in their highest or a middle byte, or only in the upper half of a
    /// byte, and any 64-bit keys.
    /// </summary>
    public static Arbitrary<ulong[]> Keys()
    {
        var any = Gen.Choose(int.MinValue, int.MaxValue).Two().Select(p => ((ulong)(uint)p.Item1 << 32) | (uint)p.Item2);
        Gen<ulong>[] shapes =
        [
            Gen.Choose(0, 3).Select(v => (ulong)v),
            Gen.Choose(0, 100_000).Select(v => (ulong)v),
            Gen.Choose(0, 255).Select(v => ((ulong)v << 56) | 0x00FF_00FF_00FF_00FFUL),
            Gen.Choose(0, 255).Select(v => ((ulong)v << 24) | 0xAB00_0000_0000_0000UL),
            Gen.Choose(0, 15).Select(v => (ulong)v << 28),
            any,
            Gen.Elements(0UL, 1UL, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63, (1UL << 63) - 1),
        ];
        return Gen.Choose(0, 3000).SelectMany(n => Gen.Elements(shapes).SelectMany(shape => shape.ArrayOf(n))).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(RadixSortProperties)], MaxTest = 300)]
    public void Items_come_out_in_key_order_keeping_the_order_of_ties(ulong[] keys)
    {
        var expected = keys.Select((key, item) => (key, item)).OrderBy(p => p.key).ToArray(); // OrderBy is stable
        var sorted = keys.ToArray();
        var items = Enumerable.Range(0, keys.Length).ToArray();

        RadixSort.Sort(sorted, items);

        Assert.Equal(expected.Select(p => p.key), sorted);
        Assert.Equal(expected.Select(p => p.item), items);
    }

    [Fact]
    public void A_key_needs_an_item()
    {
        var e = Assert.Throws<ArgumentException>(() => RadixSort.Sort(new ulong[3], new int[2]));
        Assert.Equal("items", e.ParamName);
    }

    [Property(MaxTest = 1000)]
    public void Descending_keys_order_integers_largest_first(long x, long y, bool extreme)
    {
        (x, y) = extreme ? (x % 2 == 0 ? long.MinValue : long.MaxValue, y) : (x, y);

        Assert.Equal(Math.Sign(y.CompareTo(x)), Math.Sign(RadixSort.Descending(x).CompareTo(RadixSort.Descending(y))));
    }

    [Property(MaxTest = 1000)]
    public void Ascending_keys_order_numbers_as_they_compare(NormalFloat x, NormalFloat y, bool special)
    {
        var (a, b) = special ? (x.Get % 2 < 0 ? -0.0 : double.NegativeInfinity, y.Get > 0 ? double.PositiveInfinity : 0.0) : (x.Get, y.Get);
        var keys = Math.Sign(RadixSort.Ascending(a).CompareTo(RadixSort.Ascending(b)));

        // −0 and +0 compare equal but have two keys, −0's first: a sort puts them together all the same.
        var zeros = a == 0 && b == 0 && double.IsNegative(a) != double.IsNegative(b);
        Assert.Equal(zeros ? (double.IsNegative(a) ? -1 : 1) : Math.Sign(a.CompareTo(b)), keys);
    }
}
