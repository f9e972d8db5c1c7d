using Crm.Metrics.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>
/// The table that numbers a partition's customers: each id gets the next number when first met and the same number
/// after, whatever its shape (packed or compared as a string), its hash, or how often the table doubled.
/// </summary>
public class OwnedKeyTableTests
{
    /// <summary>Ids drawn from a pool of short, long (alike in their first 16 characters), non-ASCII and zero-ending ones, with a starting capacity.</summary>
    public static Arbitrary<(string[] Ids, int Capacity)> Inputs()
    {
        var id =
            from n in Gen.Choose(0, 299)
            from shape in Gen.Choose(0, 3)
            select shape switch
            {
                0 => "c" + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                1 => "customer-number-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                2 => "kunde-ä" + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "z" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\0",
            };
        var gen =
            from ids in id.ArrayOf()
            from capacity in Gen.Choose(0, 64)
            select (ids, capacity);
        return gen.ToArbitrary();
    }

    [Property(Arbitrary = [typeof(OwnedKeyTableTests)], MaxTest = 200)]
    public void Ids_are_numbered_in_the_order_first_met((string[] Ids, int Capacity) input)
    {
        var table = new OwnedKeyTable(input.Capacity);
        var ids = new List<CustomerId>();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in input.Ids)
        {
            // A fresh string each time, as a reader makes them.
            var id = new CustomerId(new string(text.AsSpan()));
            var number = table.IndexOf(OwnedKey.Of(id), id, ids, out var added);
            Assert.Equal(!expected.ContainsKey(text), added);
            if (added)
            {
                expected[text] = expected.Count;
                ids.Add(id);
            }

            Assert.Equal(expected[text], number);
        }

        Assert.Equal(expected.Count, table.Count);
    }

    [Fact]
    public void Many_ids_keep_their_numbers_as_the_table_doubles()
    {
        var table = new OwnedKeyTable(0);
        var ids = new List<CustomerId>();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 50_000; i++)
            {
                var id = new CustomerId(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(i % 3 == 0 ? "a-rather-long-customer-id-" : "c")}{i}"));
                Assert.Equal(i, table.IndexOf(OwnedKey.Of(id), id, ids, out var added));
                Assert.Equal(round == 0, added);
                if (added)
                {
                    ids.Add(id);
                }
            }
        }

        Assert.Equal(50_000, table.Count);
    }

    [Theory]
    [InlineData(12)] // packed into the key
    [InlineData(20)] // compared as strings
    public void Ids_whose_hash_codes_collide_get_numbers_of_their_own(int length)
    {
        var (a, b) = CollidingIds(length);
        var table = new OwnedKeyTable(4);
        var ids = new List<CustomerId>();
        foreach (var text in new[] { a, b, a, b })
        {
            var id = new CustomerId(new string(text.AsSpan()));
            var number = table.IndexOf(OwnedKey.Of(id), id, ids, out var added);
            if (added)
            {
                ids.Add(id);
            }

            Assert.Equal(text == a ? 0 : 1, number);
        }

        Assert.Equal(2, table.Count);
    }

    /// <summary>
    /// Two ids of <paramref name="length"/> lower-case letters whose hash codes collide. Hash codes are 32 bits: among
    /// 300,000 random ids some pairs collide (about ten expected; none with a probability near 3e-5), whatever the
    /// process's hashing seed.
    /// </summary>
    internal static (string A, string B) CollidingIds(int length)
    {
        var random = new Random(length);
        var seen = new Dictionary<int, string>();
        for (var i = 0; i < 300_000; i++)
        {
            var id = string.Create(length, random, static (span, r) =>
            {
                for (var c = 0; c < span.Length; c++)
                {
                    span[c] = (char)r.Next('a', 'z' + 1);
                }
            });
            var hash = new CustomerId(id).GetHashCode();
            if (seen.TryGetValue(hash, out var other) && other != id)
            {
                return (other, id);
            }

            seen[hash] = id;
        }

        throw new InvalidOperationException("No two ids collided.");
    }
}
