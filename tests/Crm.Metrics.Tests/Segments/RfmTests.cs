using Crm.Domain.Activity;
using Crm.Metrics.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Segments;

/// <summary>RFM scores, named segments and value tiers: a hand-computed fixture with ties, and their laws.</summary>
public class RfmTests
{
    private static readonly LocalDate Today = new(2026, 3, 31);

    private static Purchase Sale(string id, int year, int month, int day, decimal amount, int hour = 12) =>
        Purchase.Sale(new CustomerId(id), Instant.FromUtc(year, month, day, hour, 0), new Money(amount, Currency.Eur));

    private static readonly Purchase[] Fixture =
    [
        Sale("a", 2026, 3, 30, 10m), Sale("a", 2026, 3, 20, 30m),
        Sale("b", 2026, 3, 1, 100m),
        Sale("c", 2026, 1, 1, 5m), Sale("c", 2026, 2, 1, 5m), Sale("c", 2026, 3, 1, 5m),
        Sale("d", 2025, 12, 1, 50m),
        Sale("e", 2026, 3, 31, 10m, 9), Sale("e", 2026, 3, 31, 20m, 15), // one purchase day
        Sale("late", 2026, 4, 1, 99m), // after the analysis date: not counted
        Purchase.Refund(new CustomerId("a"), Instant.FromUtc(2026, 3, 25, 12, 0), new Money(5m, Currency.Eur)), // not a purchase
    ];

    [Fact]
    public void A_hand_computed_population_with_ties()
    {
        var rfm = RfmAnalysis.Compute(Fixture, new RfmOptions(Today));
        var byId = rfm.Customers.ToDictionary(c => c.CustomerId.Value);

        // R (days): e 0, a 1, b 30, c 30, d 120 → worse-ranked counts d 0, b/c 1, a 3, e 4 → R = 1 + ⌊5·k/5⌋: d 1, b/c 2, a 4, e 5.
        // F (days): b, d, e 1; a 2; c 3 → 1, 1, 1, 4, 5.   M (mean per day): c 5, a 20, e 30, d 50, b 100 → 1 … 5.
        Assert.Equal(["a:442 Loyal", "b:215 Hibernating", "c:251 Cannot lose them", "d:114 Lost", "e:513 New"],
            rfm.Customers.OrderBy(c => c.CustomerId).Select(c => $"{c.CustomerId}:{c.Code} {c.Segment}"));
        Assert.Equal((1.0, 2, 20m), (byId["a"].Recency.Days, byId["a"].Frequency, byId["a"].Monetary.Amount));
        Assert.False(byId.ContainsKey("late"));

        // Ties leave bins empty, and the result says so with the raw ranges of the others.
        Assert.Equal([(1, 1, 120.0), (2, 2, 30.0), (3, 0, double.NaN), (4, 1, 1.0), (5, 1, 0.0)], rfm.RecencyBins.Select(b => (b.Score, b.Customers, b.Lowest ?? double.NaN)));
        Assert.Equal([3, 0, 0, 1, 1], rfm.FrequencyBins.Select(b => b.Customers));
        Assert.Null(rfm.FrequencyBins[1].Highest);

        // Segments: every name of the map, with customers and revenue share (total 235: a 40, b 100, c 15, d 50, e 30).
        Assert.Equal(RfmSegmentMap.Standard.Names, rfm.Segments.Select(s => s.Name));
        var lost = rfm.Segments.Single(s => s.Name == "Lost");
        Assert.Equal((1, 50m, 50 / 235.0), (lost.Customers, lost.Revenue.Amount, lost.RevenueShare!.Value));

        // Value tiers (80/15/5) by revenue: b 100 (0 before), d 50 (0.426), a 40 (0.638) → A; e 30 (0.809), c 15 (0.936) → B.
        var tiers = ValueTierAnalysis.FromRfm(rfm);
        Assert.Equal(["b:A", "d:A", "a:A", "e:B", "c:B"], tiers.Customers.Select(c => $"{c.CustomerId}:{c.Tier}"));
        Assert.Equal([(3, 190m), (2, 45m), (0, 0m)], tiers.Tiers.Select(t => (t.Customers, t.Value)));

        // The facts segment rules read.
        var facts = rfm.ToFacts(tiers)[new CustomerId("a")];
        Assert.Equal((1, 2, 20m, (4, 4, 2), "A"), (facts.RecencyDays, facts.Frequency, facts.Monetary, facts.RfmScore, facts.ValueTier));
    }

    [Fact]
    public void The_monetary_basis_and_the_look_back_window_are_options()
    {
        var total = RfmAnalysis.Compute(Fixture, new RfmOptions(Today) { Monetary = RfmMonetaryBasis.Total }).Customers.Single(c => c.CustomerId.Value == "a");
        Assert.Equal(40m, total.Monetary.Amount);

        // 31 days back: only March 1 .. 31 counts — c has one purchase day in it, d none.
        var march = RfmAnalysis.Compute(Fixture, new RfmOptions(Today) { LookBackDays = 31 });
        Assert.Equal(1, march.Customers.Single(c => c.CustomerId.Value == "c").Frequency);
        Assert.DoesNotContain(march.Customers, c => c.CustomerId.Value == "d");

        Assert.Throws<ArgumentOutOfRangeException>("options", () => RfmAnalysis.Compute(Fixture, new RfmOptions(Today) { LookBackDays = 0 }));
    }

    [Fact]
    public void A_segment_map_must_name_every_cell_once()
    {
        var overlap = Assert.Throws<ArgumentException>("rules", () => new RfmSegmentMap([new("All", 1, 5, 1, 5), new("Best", 5, 5, 5, 5)]));
        Assert.Contains("R5 F5", overlap.Message, StringComparison.Ordinal);
        var gap = Assert.Throws<ArgumentException>("rules", () => new RfmSegmentMap([new("Most", 1, 5, 1, 4)]));
        Assert.Contains("R1 F5", gap.Message, StringComparison.Ordinal);
        Assert.Equal("Everyone", new RfmSegmentMap([new("Everyone", 1, 5, 1, 5)]).SegmentOf(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>("thresholds", () => ValueTierAnalysis.Compute([KeyValuePair.Create(new CustomerId("a"), 1m)], new ValueTierThresholds(0.9, 0.8)));
    }

    /// <summary>Sales of up to 8 customers over a year before the analysis date, with many ties.</summary>
    public static Arbitrary<Purchase[]> Sales() =>
        (from id in Gen.Elements("a", "b", "c", "d", "e", "f", "g", "h")
         from day in Gen.Choose(0, 365)
         from amount in Gen.Elements(5m, 10m, 10m, 20m, 100m)
         select Purchase.Sale(new CustomerId(id), Today.PlusDays(-day).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() + Duration.FromHours(12), new Money(amount, Currency.Eur)))
        .NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary();

    [Property(Arbitrary = [typeof(RfmTests)], MaxTest = 200)]
    public void Scores_are_1_to_5_ties_share_a_score_and_order_does_not_matter(Purchase[] sales)
    {
        var rfm = RfmAnalysis.Compute(sales, new RfmOptions(Today));
        var reversed = RfmAnalysis.Compute(sales.Reverse(), new RfmOptions(Today));

        Assert.All(rfm.Customers, c => Assert.True(c.RecencyScore is >= 1 and <= 5 && c.FrequencyScore is >= 1 and <= 5 && c.MonetaryScore is >= 1 and <= 5));
        Assert.All(rfm.Customers.GroupBy(c => c.Frequency), g => Assert.Single(g.Select(c => c.FrequencyScore).Distinct()));
        Assert.All(rfm.Customers.GroupBy(c => c.Recency), g => Assert.Single(g.Select(c => c.RecencyScore).Distinct()));
        Assert.All(rfm.Customers.GroupBy(c => c.Monetary), g => Assert.Single(g.Select(c => c.MonetaryScore).Distinct()));
        Assert.Equal(rfm.Customers.OrderBy(c => c.CustomerId), reversed.Customers.OrderBy(c => c.CustomerId));

        // Better values never get lower scores.
        Assert.All(rfm.Customers, c => Assert.All(rfm.Customers.Where(o => o.Frequency > c.Frequency), o => Assert.True(o.FrequencyScore >= c.FrequencyScore)));
    }

    [Property(Arbitrary = [typeof(RfmTests)], MaxTest = 200)]
    public void Tiers_of_an_RFM_analysis_are_the_tiers_of_its_customers_revenue(Purchase[] sales)
    {
        // FromRfm skips the check for repeated customers (an analysis has none): the same tiers as Compute over the
        // same pairs, which makes that check.
        var rfm = RfmAnalysis.Compute(sales, new RfmOptions(Today));
        var pairs = rfm.Customers.Select(c => KeyValuePair.Create(c.CustomerId, c.Revenue.Amount)).ToList();
        if (!pairs.Any(p => p.Value > 0))
        {
            Assert.Throws<ArgumentException>("values", () => ValueTierAnalysis.FromRfm(rfm));
            return;
        }

        var fromRfm = ValueTierAnalysis.FromRfm(rfm);
        var computed = ValueTierAnalysis.Compute(pairs);
        Assert.Equal(computed.Customers, fromRfm.Customers);
        Assert.Equal(computed.Tiers, fromRfm.Tiers);
    }

    [Property(Arbitrary = [typeof(RfmTests)], MaxTest = 200)]
    public void Segments_and_tiers_partition_the_customers_and_shares_sum_to_one(Purchase[] sales)
    {
        var rfm = RfmAnalysis.Compute(sales, new RfmOptions(Today));
        var tiers = ValueTierAnalysis.FromRfm(rfm);

        Assert.Equal(rfm.Customers.Count, rfm.Segments.Sum(s => s.Customers));
        Assert.Equal(1.0, rfm.Segments.Sum(s => s.RevenueShare!.Value), 1e-12);
        Assert.All(rfm.Customers, c => Assert.Contains(c.Segment, RfmSegmentMap.Standard.Names));
        Assert.Equal(rfm.Customers.Count, tiers.Tiers.Sum(t => t.Customers));
        Assert.Equal(1.0, tiers.Tiers.Sum(t => t.ValueShare), 1e-12);
        Assert.Equal(rfm.Customers.Count, rfm.RecencyBins.Sum(b => b.Customers));
    }
}
