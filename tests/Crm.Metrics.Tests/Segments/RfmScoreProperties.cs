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

    [Property(Arbitrary = [typeof(RfmScoreProperties)], MaxTest = 500)]
    public void A_score_is_one_plus_five_times_the_share_of_worse_values(double[] values, bool lowerIsBetter)
    {
        var (scores, bins) = RfmAnalysis.Score(values, lowerIsBetter);

        // Worse: larger where lower is better, else smaller; equal values (−0 and +0 among them) are not worse.
        var n = values.Length;
        var expected = values.Select(v => 1 + (int)(5L * values.Count(w => lowerIsBetter ? w > v : w < v) / n)).ToArray();
        Assert.Equal(expected, scores);
        for (var s = 1; s <= 5; s++)
        {
            var members = values.Where((_, i) => expected[i] == s).ToArray();
            Assert.Equal((s, members.Length, members.Length == 0 ? null : members.Min(), members.Length == 0 ? null : (double?)members.Max()), (bins[s - 1].Score, bins[s - 1].Customers, bins[s - 1].Lowest, bins[s - 1].Highest));
        }
    }
}
