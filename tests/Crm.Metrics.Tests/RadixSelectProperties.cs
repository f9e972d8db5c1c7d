using Crm.Metrics.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>The radix select the RFM scores use gives the keys a sort would put at the ranks asked for.</summary>
public class RadixSelectProperties
{
    /// <summary>The keys of <see cref="RadixSortProperties.Keys"/> (long runs of ties, shared high bytes, any bits) with up to six ranks among them, ascending, repeats allowed.</summary>
    public static Arbitrary<(ulong[] Keys, int[] Ranks)> KeysAndRanks() =>
        RadixSortProperties.Keys().Generator
            .Where(keys => keys.Length > 0)
            .SelectMany(keys => Gen.Choose(0, keys.Length - 1).ArrayOf().Select(ranks => (keys, ranks.Take(6).Order().ToArray())))
            .ToArbitrary();

    [Property(Arbitrary = [typeof(RadixSelectProperties)], MaxTest = 300)]
    public void The_keys_at_the_ranks_are_those_of_the_sorted_keys((ulong[] Keys, int[] Ranks) input)
    {
        var (keys, ranks) = input;
        var sorted = keys.Order().ToArray();
        var results = new ulong[ranks.Length];

        RadixSelect.Select(keys.ToArray(), new ulong[keys.Length], ranks, results);

        Assert.Equal(ranks.Select(r => sorted[r]), results);
    }

    [Fact]
    public void Ranks_must_be_ascending_and_among_the_keys()
    {
        var keys = new ulong[] { 5, 1, 3 };

        Assert.Equal("ranks", Assert.Throws<ArgumentOutOfRangeException>(() => RadixSelect.Select(keys, new ulong[3], [2, 1], new ulong[2])).ParamName);
        Assert.Equal("ranks", Assert.Throws<ArgumentOutOfRangeException>(() => RadixSelect.Select(keys, new ulong[3], [3], new ulong[1])).ParamName);
        Assert.Equal("scratch", Assert.Throws<ArgumentException>(() => RadixSelect.Select(keys, new ulong[2], [0], new ulong[1])).ParamName);
    }
}
