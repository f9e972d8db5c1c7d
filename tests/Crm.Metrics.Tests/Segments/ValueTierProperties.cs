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
    public static Arbitrary<KeyValuePair<CustomerId, decimal>[]> Values() =>
        Gen.Choose(1, 60).SelectMany(n =>
            Gen.Choose(-5, 40).Select(v => v <= 0 ? v : v % 7 == 0 ? 7m : v * 1.25m).ArrayOf(n).Select(values =>
                values.Select((v, i) => KeyValuePair.Create(new CustomerId($"{(i % 3 == 0 ? "customer-0000" : "c")}{(i * 37) % 101:000}-{i}"), v)).ToArray()))
        .Where(values => values.Any(v => v.Value > 0))
        .ToArbitrary();

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

    [Fact]
    public void A_customer_twice_is_refused_before_the_sum_is_taken()
    {
        var id = new CustomerId("twice");
        var e = Assert.Throws<ArgumentException>(() => ValueTierAnalysis.Compute([KeyValuePair.Create(id, decimal.MaxValue), KeyValuePair.Create(new CustomerId("other"), decimal.MaxValue), KeyValuePair.Create(id, 1m)]));
        Assert.Equal("values", e.ParamName);
    }
}
