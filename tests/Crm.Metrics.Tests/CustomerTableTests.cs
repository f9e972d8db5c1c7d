using Crm.Metrics.Loyalty;
using Crm.Metrics.Storage;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>
/// The scorecard stores' per-customer table: each id has one row, found again from any instance of the id and from
/// the id packed where its record was read, whatever its shape (packed or compared as a string), its hash, or how
/// often the table grew.
/// </summary>
public class CustomerTableTests
{
    [Property(Arbitrary = [typeof(OwnedKeyTableTests)], MaxTest = 200)]
    public void Ids_have_one_row_each_in_the_order_first_met((string[] Ids, int Capacity) input)
    {
        var table = new CustomerTable<CustomerHistory, CustomerPeriod>();
        table.Reserve(input.Capacity);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < input.Ids.Length; k++)
        {
            // A fresh string each time, as a reader makes them; every other lookup with the id packed beforehand.
            var id = new CustomerId(new string(input.Ids[k].AsSpan()));
            var row = k % 2 == 0 ? table.IndexOf(id) : table.IndexOf(id, PackedId.Of(new CustomerId(new string(input.Ids[k].AsSpan()))));
            if (!expected.TryGetValue(input.Ids[k], out var first))
            {
                first = expected[input.Ids[k]] = expected.Count;
            }

            Assert.Equal(first, row);
            Assert.Equal(input.Ids[k], table.Id(row).Value);
        }

        Assert.Equal(expected.Count, table.Count);
    }

    [Fact]
    public void Packed_ids_are_equal_exactly_when_the_ids_are()
    {
        string[] ids = ["a", "a\0", "\0a", "\u007f", "abcdefgh", "abcdefgi", "abcdefghi", "abcdefghj", "kunde-ä", "kunde-ö", "x", "12345678", "1234567"];
        foreach (var x in ids)
        {
            var a = PackedId.Of(new CustomerId(new string(x.AsSpan())));
            Assert.Equal(x.Length <= PackedId.MaxLength && x.All(c => c <= 0x7F), a.IsPacked);
            Assert.Equal(0UL, a.Word & ~PackedId.Bits);
            foreach (var y in ids)
            {
                var b = PackedId.Of(new CustomerId(new string(y.AsSpan())));
                // Packed: equal exactly when the ids are. Not packed: the words agree, and the strings decide.
                Assert.Equal(a.IsPacked || b.IsPacked ? x == y : true, a.Equals(b));
            }
        }
    }

    [Theory]
    [InlineData(6)] // packed
    [InlineData(12)] // compared as strings
    public void Ids_whose_hash_codes_collide_have_rows_of_their_own(int length)
    {
        var (a, b) = OwnedKeyTableTests.CollidingIds(length);
        var table = new CustomerTable<CustomerHistory, CustomerPeriod>();
        foreach (var text in new[] { a, b, a, b })
        {
            var id = new CustomerId(new string(text.AsSpan()));
            Assert.Equal(text == a ? 0 : 1, table.IndexOf(id, PackedId.Of(id)));
        }

        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Rows_are_found_again_after_the_table_grew_and_was_merged()
    {
        var first = new CustomerTable<CustomerHistory, CustomerPeriod>();
        var second = new CustomerTable<CustomerHistory, CustomerPeriod>();
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(i % 3 == 0 ? "a-rather-long-customer-id-" : "c")}{i}");
            Assert.Equal(i, first.IndexOf(new CustomerId(text)));
            second.IndexOf(new CustomerId(new string(text.AsSpan())));
        }

        first.Merge(second);
        Assert.Equal(20_000, first.Count);
        for (var i = 0; i < 20_000; i += 7)
        {
            var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(i % 3 == 0 ? "a-rather-long-customer-id-" : "c")}{i}");
            Assert.Equal(i, first.IndexOf(new CustomerId(text)));
        }
    }
}
