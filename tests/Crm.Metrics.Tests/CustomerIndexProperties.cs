using Crm.Domain.Activity;
using Crm.Metrics.Engine;
using Crm.Metrics.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>
/// The shared customer index numbers ids as a dictionary would — in the order of their first appearance, the same
/// number every time — whatever the ids' lengths, shared prefixes and characters, through its growth from a hint of
/// any size.
/// </summary>
public class CustomerIndexProperties
{
    /// <summary>Ids that stress the packed comparison: short and long, sharing the first seven characters, differing only in length or in a late character.</summary>
    public static Arbitrary<string[]> Ids()
    {
        var alphabet = Gen.Elements('a', 'b', 'A', '0', '9', '\0', 'é', '\uffff');
        var id = Gen.OneOf(
            Gen.Choose(1, 12).SelectMany(n => alphabet.ArrayOf(n)).Select(cs => new string(cs)),
            Gen.Choose(0, 9).Select(n => "prefix7" + new string('x', n)),
            alphabet.Select(c => "abcdefg" + c),
            Gen.Choose(0, 3000).Select(n => "c" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Choose(0, 40).Select(n => "customer-" + new string('z', n)));
        return id.Where(s => s.Trim().Length > 0 && !s.Any(char.IsControl)).ArrayOf().Select(a => a).ToArbitrary();
    }

    /// <summary>With their own hashes, with hashes that collide in a few values, and with one hash for all (every lookup probes past the others and compares the ids themselves).</summary>
    [Property(Arbitrary = new[] { typeof(CustomerIndexProperties) }, MaxTest = 300)]
    public void Numbers_ids_as_a_dictionary_would(string[] ids, byte hint, byte collide)
    {
        Func<CustomerId, int>? hashOf = (collide % 3) switch
        {
            0 => null,
            1 => id => id.Value.Length % 4,
            _ => _ => 42,
        };
        var index = new CustomerIndex(hint, hashOf);
        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in ids)
        {
            var id = new CustomerId(value);
            var expected = reference.TryGetValue(value, out var known) ? known : reference[value] = reference.Count;

            Assert.Equal(expected, index.IndexOf(id));
            Assert.Equal(expected, index.Find(new CustomerId(new string(value)))); // another instance, the same key
        }

        Assert.Equal(reference.Count, index.Count);
        foreach (var (value, number) in reference)
        {
            Assert.Equal(value, index.Id(number).Value);
        }

        Assert.Equal(-1, index.Find(new CustomerId("never-given-this-one")));
    }

    [Fact]
    public void Many_customers_from_a_small_hint_keep_their_numbers_through_every_growth()
    {
        var index = new CustomerIndex(0);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 100_000; i++)
            {
                var value = i % 3 == 0 ? $"long-customer-id-{i:D8}" : $"c{i}";
                Assert.Equal(i, index.IndexOf(new CustomerId(value)));
            }
        }

        Assert.Equal(100_000, index.Count);
        Assert.Equal("long-customer-id-00099999", index.Id(99_999).Value);
        Assert.Equal(99_998, index.Find(new CustomerId("c99998")));
    }

    /// <summary>
    /// The look-ahead of the analyses' read hands every purchase out once, in the order taken in, numbered as one lookup
    /// at a time numbers it — when purchases are due while taking in, and when the rest are taken at the end — through
    /// the index's growth from a small hint and with colliding hashes, at each depth; and names the customers of the
    /// purchases it holds for the analyses to fetch ahead.
    /// </summary>
    [Property(Arbitrary = new[] { typeof(CustomerIndexProperties) }, MaxTest = 300)]
    public void The_look_ahead_hands_out_every_purchase_in_order_numbered_as_one_at_a_time(string[] ids, byte hint, bool collide, byte depthBits)
    {
        var depth = 1 << (depthBits % 5);
        var index = new CustomerIndex(hint, collide ? id => id.Value.Length % 4 : null);
        var reference = new CustomerIndex(hint);
        var ahead = new LookAhead(index, depth);
        var purchases = ids.Select((id, i) => PurchaseRecord.Sale(new CustomerId(id), Instant.FromUnixTimeSeconds(i), new Money(1m, Currency.Eur))).ToArray();
        var numbers = purchases.Select(p => reference.IndexOf(p.CustomerId)).ToArray();
        var handed = new List<(PurchaseRecord Purchase, int Customer)>();
        for (var i = 0; i < purchases.Length; i++)
        {
            if (ahead.Push(in purchases[i], out var due, out var customer))
            {
                handed.Add((due, customer));

                // Waiting: the latest looked up (due in depth purchases) and the one halfway to being due.
                Assert.Equal((numbers[i - depth], numbers[i - (2 * depth) + 1 + (depth / 2)]), ahead.Waiting);
            }
        }

        Assert.Equal(Math.Max(0, purchases.Length - (2 * depth)), handed.Count);
        while (ahead.TryTake(out var due, out var customer))
        {
            handed.Add((due, customer));
        }

        Assert.Equal(purchases, handed.Select(h => h.Purchase));
        Assert.Equal(numbers, handed.Select(h => h.Customer));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(12)]
    public void A_look_ahead_depth_other_than_a_power_of_two_is_refused(int depth) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LookAhead(new CustomerIndex(0), depth));
}
