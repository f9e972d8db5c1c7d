using Crm.Domain.Activity;
using Crm.Metrics.Churn;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Metrics.Tests.Churn;

/// <summary>
/// A churn warning's customers as kept packed: their order against the rule as written (level, P(alive), then id),
/// each customer made from its packed facts, and the counts and filters read without making the others.
/// </summary>
public class ChurnRisksProperties
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
                   from lost in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
                   select (level, alive, lost);
        return (from ids in id.ListOf()
                from risks in risk.ArrayOf(ids.Count)
                select ids.Distinct(StringComparer.Ordinal).Select((value, i) => new CustomerChurnRisk(new CustomerId(value), risks[i].level, risks[i].alive, []) { IsLost = risks[i].lost }).ToArray())
            .ToArbitrary();
    }

    [Property(Arbitrary = [typeof(ChurnRisksProperties)], MaxTest = 300)]
    public void Customers_are_ranked_by_level_then_probability_alive_then_ordinal_id(CustomerChurnRisk[] risks)
    {
        var expected = risks
            .OrderByDescending(r => r.Level)
            .ThenBy(r => r.ProbabilityAlive ?? 1)
            .ThenBy(r => r.CustomerId.Value, StringComparer.Ordinal)
            .ToArray();

        var ranked = Packed(risks);

        Assert.Equal(expected.Select(r => r.CustomerId.Value), ranked.Select(r => r.CustomerId.Value));
        Assert.Equal(expected.Select(Facts), ranked.Select(Facts)); // level, P(alive), lost and (no) reasons as packed

        static (CustomerId, ChurnRiskLevel, double?, bool, int) Facts(CustomerChurnRisk r) => (r.CustomerId, r.Level, r.ProbabilityAlive, r.IsLost, r.Reasons.Count);
    }

    [Property(Arbitrary = [typeof(ChurnRisksProperties)], MaxTest = 200)]
    public void Counts_and_filters_of_the_packed_risks_are_those_of_the_list(CustomerChurnRisk[] risks)
    {
        var packed = new ChurnWarningResult(new LocalDate(2026, 9, 30), false, Packed(risks));
        var listed = new ChurnWarningResult(new LocalDate(2026, 9, 30), false, [.. packed.Customers]);

        foreach (var result in new[] { packed, listed })
        {
            Assert.Equal(risks.Count(r => r.Level == ChurnRiskLevel.High), result.CountAt(ChurnRiskLevel.High));
            Assert.Equal(risks.Count(r => r.Level == ChurnRiskLevel.Medium), result.CountAt(ChurnRiskLevel.Medium));
            Assert.Equal(risks.Count(r => r.Level == ChurnRiskLevel.Low), result.CountAt(ChurnRiskLevel.Low));
            Assert.Equal(risks.Count(r => r.IsLost), result.LostCount);
            Assert.Equal(risks.Count(r => r.Level != ChurnRiskLevel.Low && !r.IsLost), result.SlippingCount);
            Assert.Equal(result.Customers.Where(r => r.Level != ChurnRiskLevel.Low && !r.IsLost), result.Slipping);
            Assert.Equal(result.Customers.Where(r => r.IsLost), result.Lost);
            Assert.Equal(result.Customers.Where(r => r.Level != ChurnRiskLevel.Low), result.AtRisk);
        }
    }

    [Fact]
    public void A_place_read_twice_or_on_several_threads_is_one_instance_and_unread_places_are_never_made()
    {
        var risks = Enumerable.Range(0, 10_000)
            .Select(i => new CustomerChurnRisk(new CustomerId($"c{i:D5}"), (ChurnRiskLevel)(i % 3), i % 7 / 7.0, []) { IsLost = i % 5 == 0 })
            .ToArray();
        var packed = Packed(risks);

        var firstSlipping = new ChurnWarningResult(new LocalDate(2026, 9, 30), false, packed).Slipping.Take(3).ToList();
        Assert.Equal(3, packed.Made);
        Assert.Equal(3, firstSlipping.Select(r => r.CustomerId).Distinct().Count()); // each place its own customer
        Assert.All(firstSlipping, r => Assert.True(r.Level != ChurnRiskLevel.Low && !r.IsLost));
        Assert.Same(firstSlipping[0], new ChurnWarningResult(new LocalDate(2026, 9, 30), false, packed).Slipping.First());

        var read = new CustomerChurnRisk[8][];
        Parallel.For(0, read.Length, t => read[t] = [.. packed]);
        Assert.All(read, r => Assert.Equal(read[0], r, ReferenceEquality.Instance));
        Assert.Equal(risks.Length, packed.Made);
    }

    [Fact]
    public void Each_customer_of_a_large_base_gets_the_risk_and_reasons_it_gets_alone()
    {
        // More customers than one block of the packed reasons, with every purchase rule and complaints among them.
        var today = new LocalDate(2026, 9, 30);
        var random = new Random(20261207);
        var purchases = new List<Purchase>();
        var complaints = new List<Complaint>();
        for (var c = 0; c < 3 * ChurnRisks.Block + 17; c++)
        {
            var id = new CustomerId($"c{c}");
            var day = today.PlusDays(-random.Next(0, 700));
            for (var p = random.Next(1, 6); p > 0; p--)
            {
                purchases.Add(Purchase.Sale(id, day.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), new Money(10m, Currency.Eur)));
                day = day.PlusDays(random.Next(1, 120));
                if (day > today)
                {
                    break;
                }
            }

            if (c % 11 == 0)
            {
                complaints.Add(new Complaint(new ComplaintId($"k{c}"), id, today.PlusDays(-random.Next(0, 60)).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()));
            }
        }

        var all = ChurnWarning.Assess(today, null, purchases, complaints, customers: [new CustomerId("never")]);

        Assert.Equal(3 * ChurnRisks.Block + 18, all.Customers.Count);
        foreach (var risk in all.Customers.Where((_, i) => i % 97 == 0 || i > all.Customers.Count - 40))
        {
            var alone = ChurnWarning.Assess(today, null, purchases.Where(p => p.CustomerId == risk.CustomerId), complaints.Where(k => k.CustomerId == risk.CustomerId), customers: [risk.CustomerId]).Customers.Single();
            Assert.Equal((alone.Level, alone.IsLost, alone.ProbabilityAlive), (risk.Level, risk.IsLost, risk.ProbabilityAlive));
            Assert.Equal(alone.Reasons, risk.Reasons);
        }
    }

    [Fact]
    public void Counts_of_a_list_with_a_null_customer_are_refused_naming_the_list()
    {
        var e = Assert.Throws<ArgumentException>(() => new ChurnWarningResult(new LocalDate(2026, 9, 30), false, [null!]));
        Assert.Equal("Customers", e.ParamName);
        var level = Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnWarningResult(new LocalDate(2026, 9, 30), false, []).CountAt((ChurnRiskLevel)3));
        Assert.Equal("level", level.ParamName);
    }

    /// <summary>The risks packed as the warning packs them (in their given order as customer numbers), then ranked.</summary>
    internal static ChurnRisks Packed(CustomerChurnRisk[] risks)
    {
        var blocks = (risks.Length + ChurnRisks.Block - 1) / ChurnRisks.Block;
        return ChurnRisks.Rank(
            [.. risks.Select(r => r.CustomerId)],
            [.. risks.Select(r => r.ProbabilityAlive ?? -1)],
            [.. risks.Select(r => ChurnRisks.Flags(r.Level, r.IsLost, 0))],
            [.. Enumerable.Repeat(Array.Empty<FiredReason>(), blocks)],
            new int[risks.Length]);
    }

    private sealed class ReferenceEquality : IEqualityComparer<CustomerChurnRisk>
    {
        public static readonly ReferenceEquality Instance = new();

        public bool Equals(CustomerChurnRisk? x, CustomerChurnRisk? y) => ReferenceEquals(x, y);

        public int GetHashCode(CustomerChurnRisk obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
