using Crm.Domain;
using Crm.Metrics.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Segments;

/// <summary>
/// Value tiers rank by value (largest first, ties by id) and cut at shares of the positive total: checked against the
/// definition written out plainly, over values with ties, zeros and negatives.
/// </summary>
public class ValueTierProperties
{
    /// <summary>
    /// Up to 200 values (past the size where the sort takes integer keys), small ones that tie, 7 and 7.00 (the same
    /// value at two scales), -0.00; some arrays with thousandths too, some with 18-digit values, which at a scale of 3
    /// no longer fit the integer keys (the sort then compares decimals).
    /// </summary>
    public static Arbitrary<KeyValuePair<CustomerId, decimal>[]> Values()
    {
        var small = Gen.Frequency(
            (8, Gen.Choose(-5, 40).Select(v => v <= 0 ? v : v % 7 == 0 ? 7m : v * 1.25m)),
            (1, Gen.Choose(0, 3).Select(v => v == 0 ? 7.00m : v == 1 ? -0.00m : v * 1.50m)));
        var thousandths = Gen.Frequency((8, small), (1, Gen.Choose(-40, 40).Select(v => v / 1000m)));
        var large = Gen.Frequency((8, thousandths), (1, Gen.Choose(-3, 3).Select(v => 100_000_000_000_000_000m + v)));
        return Gen.Choose(1, 200).SelectMany(n => Gen.Frequency((4, Gen.Constant(small)), (2, Gen.Constant(thousandths)), (1, Gen.Constant(large))).SelectMany(value => value.ArrayOf(n)).Select(values =>
                values.Select((v, i) => KeyValuePair.Create(new CustomerId($"{(i % 3 == 0 ? "customer-0000" : "c")}{(i * 37) % 101:000}-{i}"), v)).ToArray()))
            .Where(values => values.Any(v => v.Value > 0))
            .ToArbitrary();
    }

    /// <summary>
    /// 64 to 300 decimals: whole and scaled ones that fit the integer keys; and arrays with one kind of edge value
    /// among them: digits at the edge of 63 bits at scales 0 to 2, some just past it, some that would wrap around 64
    /// bits when raised to a larger scale, some between 2^63 and 2^64, some beyond 64 bits.
    /// </summary>
    public static Arbitrary<decimal[]> Decimals()
    {
        var plain = Gen.Frequency(
            (1, Gen.Choose(-1000, 1000).Select(v => (decimal)v)),
            (1, Gen.Choose(-100_000, 100_000).Zip(Gen.Choose(0, 6)).Select(p => p.Item1 / (decimal)Math.Pow(10, p.Item2))));
        // One kind of edge value an array, among small ones (with another kind, it would hide the first's mistakes).
        Gen<decimal>[] edges =
        [
            Gen.Choose(-2, 2).Select(v => 922_337_203_685_477_580m + v), // with a tenth: at the edge of 63 bits
            Gen.Choose(-2, 2).Select(v => -922_337_203_685_477_580m + v),
            Gen.Choose(-2, 2).Select(v => 92_233_720_368_547_758.07m + v / 100m), // at scale 2
            Gen.Choose(-2, 2).Select(v => 2_000_000_000_000_000_000m + v), // with a tenth: past 2^64, wrapping around
            Gen.Choose(-2, 2).Select(v => 9_300_000_000_000_000_000m + v), // between 2^63 and 2^64
            Gen.Choose(0, 2).Select(v => 18_446_744_073_709_551_616m + v), // from 2^64: the low 64 bits are small
            Gen.Choose(0, 2).Select(v => 39_614_081_257_132_168_796_771_975_168m + v), // from 2^95: the same
            Gen.Choose(1, 9).Select(v => decimal.MaxValue / v),
        ];
        var edge = Gen.Elements(edges).Select(kind => Gen.Frequency(
            (6, Gen.Choose(-1000, 1000).Select(v => (decimal)v)),
            (1, Gen.Choose(-2, 2).Select(v => 0.1m + v)),
            (2, kind)));
        return Gen.Choose(64, 300).SelectMany(n => Gen.Frequency((1, Gen.Constant(plain)), (2, edge)).SelectMany(value => value.ArrayOf(n))).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(ValueTierProperties)], MaxTest = 300)]
    public void Tiers_are_the_plain_definition(KeyValuePair<CustomerId, decimal>[] values)
    {
        var tiers = ValueTierAnalysis.Compute(values);

        // The definition: sort by value descending, then id; a customer's share is the positive value before it.
        var total = values.Where(v => v.Value > 0).Sum(v => v.Value);
        var ranked = values.OrderByDescending(v => v.Value).ThenBy(v => v.Key).ToList();
        var before = 0m;
        var expected = new List<CustomerValueTier>();
        foreach (var (id, value) in ranked)
        {
            var share = (double)(before / total);
            expected.Add(new CustomerValueTier(id, value, value <= 0 ? ValueTier.C : share < 0.80 ? ValueTier.A : share < 0.95 ? ValueTier.B : ValueTier.C, share));
            before += Math.Max(value, 0);
        }

        Assert.Equal(expected, tiers.Customers);
        foreach (var tier in tiers.Tiers)
        {
            var members = expected.Where(c => c.Tier == tier.Tier).ToList();
            Assert.Equal((members.Count, members.Sum(c => c.Value), (double)(members.Sum(c => Math.Max(c.Value, 0)) / total)), (tier.Customers, tier.Value, tier.ValueShare));
        }
    }

    [Property(Arbitrary = [typeof(ValueTierProperties)], MaxTest = 300)]
    public void The_share_of_the_top_is_the_positive_value_they_hold_and_needs_no_customer(KeyValuePair<CustomerId, decimal>[] values)
    {
        var tiers = ValueTierAnalysis.Compute(values);
        var packed = Assert.IsType<ValueTierCustomers>(tiers.Customers);
        var total = values.Where(v => v.Value > 0).Sum(v => v.Value);
        var ranked = values.Select(v => v.Value).OrderDescending().ToArray();

        // Σ max(v, 0) over the top k ÷ the positive total, exactly as the shares are taken (one decimal division).
        var shares = Enumerable.Range(0, values.Length + 1).Select(tiers.ShareOfTop).ToArray();
        var before = 0m;
        for (var k = 0; k < values.Length; k++)
        {
            Assert.Equal((double)(before / total), shares[k]);
            before += Math.Max(ranked[k], 0);
        }

        Assert.Equal(1.0, shares[^1]);
        Assert.Equal(0.0, shares[0]);

        // Neither the shares nor the tiers made a customer, or put ties in order.
        _ = tiers.Tiers.Sum(t => t.Customers);
        Assert.Equal(0, packed.Made);
        Assert.Equal(values.Length < 64 || ValueTierAnalysis.ExactKeys(values) is null, packed.TiesOrdered);

        // Below the last place, the share of the top k is the share before the customer at place k.
        Assert.Equal(tiers.Customers.Select(c => c.CumulativeShareBefore), shares[..^1]);
        Assert.True(packed.TiesOrdered);
    }

    [Fact]
    public void A_share_of_the_top_outside_none_to_all_is_refused()
    {
        var tiers = ValueTierAnalysis.Compute([KeyValuePair.Create(new CustomerId("a"), 5m), KeyValuePair.Create(new CustomerId("b"), 3m)]);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => tiers.ShareOfTop(-1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => tiers.ShareOfTop(3)).ParamName);
        Assert.Equal(0.625, tiers.ShareOfTop(1)); // 5 of 8
    }

    [Fact]
    public void Ties_read_first_on_several_threads_are_in_order_of_id_and_each_place_is_one_instance()
    {
        // 5,000 customers on 40 values (long runs of ties), the ids given in reverse: a tie left in the order given
        // would be out of order of id.
        var values = Enumerable.Range(0, 5_000).Reverse()
            .Select(i => KeyValuePair.Create(new CustomerId($"c{i:D5}"), 1m + (i % 40)))
            .ToArray();
        var expected = values.OrderByDescending(v => v.Value).ThenBy(v => v.Key).Select(v => v.Key).ToArray();
        var tiers = ValueTierAnalysis.Compute(values);
        var packed = Assert.IsType<ValueTierCustomers>(tiers.Customers);
        Assert.False(packed.TiesOrdered);

        // Every thread starts from another place, so that the first read may be any of them.
        var read = new CustomerValueTier[8][];
        Parallel.For(0, read.Length, t =>
        {
            read[t] = new CustomerValueTier[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var place = (i + (t * 613)) % values.Length;
                read[t][place] = tiers.Customers[place];
            }
        });
        Assert.Equal(expected, tiers.Customers.Select(c => c.CustomerId));
        foreach (var r in read)
        {
            Assert.All(r, (c, place) => Assert.Same(tiers.Customers[place], c));
        }

        Assert.Equal(values.Length, packed.Made);
    }

    [Fact]
    public void A_customer_twice_is_refused_before_the_sum_is_taken()
    {
        var id = new CustomerId("twice");
        var e = Assert.Throws<ArgumentException>(() => ValueTierAnalysis.Compute([KeyValuePair.Create(id, decimal.MaxValue), KeyValuePair.Create(new CustomerId("other"), decimal.MaxValue), KeyValuePair.Create(id, 1m)]));
        Assert.Equal("values", e.ParamName);
    }

    [Property(Arbitrary = [typeof(ValueTierProperties)], MaxTest = 300)]
    public void Integer_keys_order_as_the_values_do_largest_first(decimal[] values)
    {
        var keys = ValueTierAnalysis.ExactKeys([.. values.Select((v, i) => KeyValuePair.Create(new CustomerId($"c{i}"), v))]);
        var fit = values.All(v => Fits(v, values.Max(x => x.Scale)));
        Assert.Equal(fit, keys is not null);
        if (keys is null)
        {
            return;
        }

        // Along the keys in ascending order, the values never rise, and two neighbours tie exactly when their keys do.
        var order = Enumerable.Range(0, values.Length).OrderBy(i => keys[i]).ToArray();
        for (var k = 1; k < order.Length; k++)
        {
            var (before, after) = (order[k - 1], order[k]);
            Assert.Equal(Math.Sign(keys[after].CompareTo(keys[before])), Math.Sign(values[before].CompareTo(values[after])));
        }

        // Whether the value's digits, at the given scale, stay below 2^63.
        static bool Fits(decimal value, int scale)
        {
            try
            {
                return Math.Abs(value) * (decimal)Math.Pow(10, scale) <= long.MaxValue;
            }
            catch (OverflowException)
            {
                return false;
            }
        }
    }
}
