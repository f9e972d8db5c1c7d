using Crm.Metrics.Churn;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Churn;

/// <summary>The order of a churn warning's customers, against the rule as written: level, P(alive), then id.</summary>
public class ChurnRankingProperties
{
    /// <summary>
    /// Ids that share long beginnings, are beginnings of one another, hold NUL and surrogate units, or differ only past
    /// the eighth unit; levels and P(alive) with many ties (so that most comparisons come down to the ids), and some P(alive) of any
    /// digits.
    /// </summary>
    public static Arbitrary<CustomerChurnRisk[]> Risks()
    {
        var unit = Gen.Elements('\0', 'a', 'b', 'z', 'A', '0', '9', 'é', '\uD83D', '\uDE00', '\uFFFF');
        var id = from stem in Gen.Elements("", "C0000000", "C000000", "customer-", "ab")
                 from tail in unit.ListOf().Select(l => new string([.. l]))
                 let value = stem + tail
                 where value.Trim().Length > 0
                 select value;
        var risk = from level in Gen.Elements(ChurnRiskLevel.Low, ChurnRiskLevel.Medium, ChurnRiskLevel.High)
                   from alive in Gen.Frequency(
                       (3, Gen.Elements<double?>(null, 0.0, 0.25, 0.5, 0.999, 1.0)),
                       (1, Gen.Choose(0, 1_000_000).Select(v => (double?)(v / 1e6))))
                   select (level, alive);
        return (from ids in id.ListOf()
                from risks in risk.ArrayOf(ids.Count)
                select ids.Distinct(StringComparer.Ordinal).Select((value, i) => new CustomerChurnRisk(new CustomerId(value), risks[i].level, risks[i].alive, [])).ToArray())
            .ToArbitrary();
    }

    [Property(Arbitrary = [typeof(ChurnRankingProperties)], MaxTest = 300)]
    public void Customers_are_ranked_by_level_then_probability_alive_then_ordinal_id(CustomerChurnRisk[] risks)
    {
        var expected = risks
            .OrderByDescending(r => r.Level)
            .ThenBy(r => r.ProbabilityAlive ?? 1)
            .ThenBy(r => r.CustomerId.Value, StringComparer.Ordinal)
            .ToArray();

        var ranked = ChurnRanking.Ranked(risks);

        Assert.Equal(expected.Select(r => r.CustomerId.Value), ranked.Select(r => r.CustomerId.Value));
    }
}
