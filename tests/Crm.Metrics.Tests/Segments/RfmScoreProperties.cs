using Crm.Metrics.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Segments;

/// <summary>An RFM score is the percent rank of the customer's value, ties sharing it, as the definition says.</summary>
public class RfmScoreProperties
{
    /// <summary>Values with many ties, −0 beside +0, negatives, and some of any digits.</summary>
    public static Arbitrary<double[]> Values() =>
        Gen.Frequency(
            (4, Gen.Elements(-0.0, 0.0, 1.0, 2.0, 2.5, 30.0, -4.0)),
            (1, Gen.Choose(-1_000_000, 1_000_000).Select(v => v / 997.0)))
        .NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary();

    /// <summary>Up to 4,000 values: few distinct ones (long runs of ties), days as a recency has them, or money with cents.</summary>
    public static Arbitrary<double[]> ManyValues()
    {
        Gen<double>[] shapes =
        [
            Gen.Elements(-0.0, 0.0, 1.0, 2.0, 2.5, 30.0, -4.0),
            Gen.Choose(0, 900).Select(v => (double)v),
            Gen.Choose(1, 5_000_000).Select(v => v / 100.0),
        ];
        return Gen.Elements(shapes).SelectMany(shape => Gen.Choose(1, 4_000).SelectMany(n => shape.ArrayOf(n))).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(RfmScoreProperties)], MaxTest = 500)]
    public void A_score_is_one_plus_five_times_the_share_of_worse_values(double[] values, bool lowerIsBetter) =>
        AssertScores(values, lowerIsBetter);

    /// <summary>Many values, their passes cut into chunks of 1 to 1,000 (each chunk's bins combined after).</summary>
    [Property(MaxTest = 200)]
    public Property Many_values_score_as_few_do_in_chunks_of_any_size(bool lowerIsBetter, PositiveInt chunk) =>
        Prop.ForAll(ManyValues(), values => AssertScores(values, lowerIsBetter, 1 + ((chunk.Get - 1) % 1000)));

    private static void AssertScores(double[] values, bool lowerIsBetter, int chunkSize = 1 << 16)
    {
        var (scores, bins) = RfmAnalysis.Score(values, lowerIsBetter, chunkSize);

        // Worse: larger where lower is better, else smaller; equal values (−0 and +0 among them) are not worse.
        var n = values.Length;
        var sorted = values.Order().ToArray();
        var expected = values.Select(v => 1 + (int)(5L * (lowerIsBetter ? n - Above(sorted, v) : Below(sorted, v)) / n)).ToArray();
        Assert.Equal(expected, scores);
        for (var s = 1; s <= 5; s++)
        {
            var members = values.Where((_, i) => expected[i] == s).ToArray();
            Assert.Equal((s, members.Length, members.Length == 0 ? null : members.Min(), members.Length == 0 ? null : (double?)members.Max()), (bins[s - 1].Score, bins[s - 1].Customers, bins[s - 1].Lowest, bins[s - 1].Highest));
        }
    }

    /// <summary>How many of the ascending <paramref name="sorted"/> are below <paramref name="value"/> (−0 and +0 equal).</summary>
    private static int Below(double[] sorted, double value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = sorted[middle] < value ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    /// <summary>How many of the ascending <paramref name="sorted"/> are at most <paramref name="value"/>.</summary>
    private static int Above(double[] sorted, double value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = sorted[middle] <= value ? (middle + 1, high) : (low, middle);
        }

        return low;
    }
}
