using Crm.Report.Output;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Report.Tests;

/// <summary>
/// The CLV distribution takes two order statistics by selection (<see cref="OrderStatistics"/>) instead of sorting
/// every value: it must give what the sorted values give (the distribution as it was computed, kept below as the
/// reference), with ties, zeros, one value, and values from cents to millions. The top list takes its first few in
/// one pass: they must be a stable sort's.
/// </summary>
public class ClvDistributionProperties
{
    /// <summary>
    /// Non-negative amounts: from a handful of distinct values (long runs of ties) to spread ones, some of them with
    /// many decimals (as a double converted to decimal has), up to 3,000 of them.
    /// </summary>
    public static Arbitrary<decimal[]> Values()
    {
        var few = Gen.Elements(0m, 1m, 2.5m, 2.5m, 10m, 99.99m);
        var cents = Gen.Choose(0, 2_000_000).Select(c => c / 100m);
        var fine = Gen.Choose(0, int.MaxValue).Select(c => (decimal)(c / 1234.5678901));
        var large = Gen.Choose(0, 1_000_000).Select(c => c * 1000.5m);
        var value = Gen.OneOf(few, cents, fine, large);
        return (from shape in Gen.Elements(0, 1, 2)
                from size in Gen.Elements(1, 2, 3, 9, 10, 11, 17, 99, 100, 101, 1000, 3000)
                from values in (shape == 0 ? few : shape == 1 ? value : Gen.OneOf(few, cents)).ArrayOf(size)
                select values).ToArbitrary();
    }

    /// <summary>A range of an array and a rank within it.</summary>
    public static Arbitrary<(decimal[] Values, int Start, int End, int Rank)> Ranges() =>
        (from values in Values().Generator
         from start in Gen.Choose(0, values.Length - 1)
         from end in Gen.Choose(start + 1, values.Length)
         from rank in Gen.Choose(start, end - 1)
         select (values, start, end, rank)).ToArbitrary();

    [Property(Arbitrary = new[] { typeof(ClvDistributionProperties) }, MaxTest = 400)]
    public void A_selection_puts_the_sorted_value_at_its_rank((decimal[] Values, int Start, int End, int Rank) input)
    {
        var (values, start, end, rank) = input;
        var sorted = values[start..end];
        Array.Sort(sorted);
        var selected = (decimal[])values.Clone();

        OrderStatistics.Select(selected, start, end, rank);

        Assert.Equal(sorted[rank - start], selected[rank]);
        Assert.All(selected[start..rank], v => Assert.True(v <= selected[rank]));
        Assert.All(selected[(rank + 1)..end], v => Assert.True(v >= selected[rank]));
        var range = selected[start..end];
        Array.Sort(range);
        Assert.Equal(sorted, range);
        Assert.Equal(values[..start], selected[..start]);
        Assert.Equal(values[end..], selected[end..]);
    }

    [Property(Arbitrary = new[] { typeof(ClvDistributionProperties) }, MaxTest = 400)]
    public void The_distribution_is_that_of_the_sorted_values(decimal[] values)
    {
        var expected = BySorting(values);
        var actual = ClvDistribution.Of(values)!;

        Assert.Equal(expected.Customers, actual.Customers);
        Assert.Equal(expected.TopDecileFrom, actual.TopDecileFrom);
        Assert.Equal(expected.TopDecileShare, actual.TopDecileShare);
        Assert.Equal(expected.Bins, actual.Bins);
    }

    [Property(Arbitrary = new[] { typeof(ClvDistributionProperties) }, MaxTest = 400)]
    public void The_first_few_are_those_of_a_stable_sort(decimal[] values, NonNegativeInt take)
    {
        var expected = Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).Take(take.Get).ToList();

        var actual = OrderStatistics.First(values.Length, take.Get, (a, b) => values[b].CompareTo(values[a]));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Ranks_outside_the_range_are_refused()
    {
        var values = new[] { 3m, 1m, 2m };
        Assert.Equal("rank", Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Select(values, 1, 3, 0)).ParamName);
        Assert.Equal("rank", Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Select(values, 0, 2, 2)).ParamName);
        Assert.Equal("end", Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Select(values, 0, 4, 1)).ParamName);
    }

    [Fact]
    public void No_values_have_no_distribution() => Assert.Null(ClvDistribution.Of([]));

    /// <summary>The distribution as it was computed from every value sorted.</summary>
    private static ClvDistribution BySorting(decimal[] values)
    {
        var sorted = (decimal[])values.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        var topCount = (n + 9) / 10;
        var total = sorted.Sum();
        double? topShare = total > 0 ? (double)(sorted[(n - topCount)..].Sum() / total) : null;
        var p99 = sorted[Math.Max(0, (int)Math.Ceiling(0.99 * n) - 1)];
        var width = p99 > 0 ? (decimal)Axis.NiceStep((double)p99 / 20) : 1m;
        var closed = Math.Max(1, (int)Math.Ceiling(p99 / width));
        if (closed * width == p99)
        {
            closed++;
        }

        var counts = new int[closed + 1];
        foreach (var value in sorted)
        {
            counts[Math.Min(closed, (int)Math.Floor(value / width))]++;
        }

        var bins = Enumerable.Range(0, closed).Select(i => new MoneyBin(i * width, (i + 1) * width, counts[i])).ToList();
        if (counts[closed] > 0)
        {
            bins.Add(new MoneyBin(closed * width, null, counts[closed]));
        }

        return new ClvDistribution(n, bins, sorted[n - topCount], topShare);
    }
}
