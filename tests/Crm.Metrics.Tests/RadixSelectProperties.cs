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

    /// <summary>
    /// 200,000 keys, so that the digits are 16 bits wide and the select goes several levels down: any bits, keys that
    /// share their high half, doubles' keys of money amounts (long runs of ties), and one key among equal ones.
    /// </summary>
    [Theory]
    [InlineData("any")]
    [InlineData("high half shared")]
    [InlineData("money")]
    [InlineData("one apart")]
    public void Many_keys_give_the_sorted_keys_at_the_ranks(string shape)
    {
        var random = new Random(20261207);
        const int n = 200_000;
        var keys = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = shape switch
            {
                "any" => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
                "high half shared" => 0xABCD_EF01_0000_0000UL | (uint)random.Next(),
                "money" => RadixSort.Ascending(random.Next(1, 500_000) / 100.0),
                _ => i == n / 2 ? 7UL : 5UL,
            };
        }

        int[] ranks = [0, 1, n / 5, n / 2, (4 * n / 5) - 1, (4 * n / 5) - 1, n - 2, n - 1];
        var sorted = keys.Order().ToArray();
        var results = new ulong[ranks.Length];

        RadixSelect.Select(keys.ToArray(), new ulong[n], ranks, results);

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
