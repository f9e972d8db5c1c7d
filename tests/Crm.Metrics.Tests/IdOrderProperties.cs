using Crm.Metrics.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>The packed order of ids that rankings sort on is the ordinal order of the ids.</summary>
public class IdOrderProperties
{
    /// <summary>
    /// Pairs of ids that share long beginnings, are beginnings of one another, hold NUL, surrogate and high units, or
    /// differ only past the eighth unit.
    /// </summary>
    public static Arbitrary<(string, string)> Pairs()
    {
        var unit = Gen.Elements('\0', '\u0001', 'a', 'b', 'A', '0', '9', 'é', '\u00FF', '\u0100', '\uD83D', '\uDE00', '\uFFFF');
        var tail = unit.ListOf().Select(l => new string([.. l]));
        var id = from stem in Gen.Elements("", "C", "C000000", "C0000000", "C00000000", "customer-")
                 from rest in tail
                 let value = stem + rest
                 where value.Trim().Length > 0
                 select value;
        return (from x in id
                from y in Gen.OneOf(id, tail.Select(extra => x + extra).Where(v => v.Trim().Length > 0), Gen.Constant(x))
                select (x, y)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(IdOrderProperties)], MaxTest = 1000)]
    public void Packed_ids_compare_as_the_ids_do_ordinally((string X, string Y) pair)
    {
        var (x, y) = (new CustomerId(pair.X), new CustomerId(pair.Y));

        var packed = IdOrder.Compare(new IdOrder(x), x, new IdOrder(y), y);

        Assert.Equal(Math.Sign(string.CompareOrdinal(pair.X, pair.Y)), Math.Sign(packed));
    }
}
