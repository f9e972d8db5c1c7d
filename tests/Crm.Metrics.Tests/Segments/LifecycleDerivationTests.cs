using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Segments;

/// <summary>Lifecycle stages derived from behaviour: a hand-computed history and the SPEC §3 law.</summary>
public class LifecycleDerivationTests
{
    private static readonly LocalDate Start = new(2025, 1, 1);

    private static Purchase Sale(string id, int day) =>
        Purchase.Sale(new CustomerId(id), Start.PlusDays(day).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() + Duration.FromHours(10), new Money(10m, Currency.Eur));

    [Fact]
    public void A_hand_computed_history()
    {
        // Days 0, 10, 20, 30, 200 (5 purchase days, tenure 200): New, Growing at day 10; usual gap 10 after day 30,
        // so At risk on day 30 + 20 + 1 = 51 and Churned on day 30 + 40 + 1 = 71; day 200 reactivates; read at day 400:
        // usual gap (200 − 0) / 4 = 50, so At risk again on day 200 + 100 + 1 = 301, Churned not before day 401.
        Purchase[] purchases = [.. new[] { 0, 10, 20, 30, 200 }.Select(d => Sale("a", d))];

        var lifecycle = LifecycleDerivation.Derive(purchases, Start.PlusDays(400)).Single();

        Assert.Equal(
        [
            "Prospect→New day 0: first purchase",
            "New→Growing day 10: 2 purchase days",
            "Growing→AtRisk day 51: 21 days without a purchase (the usual gap of 10 days)",
            "AtRisk→Churned day 71: 41 days without a purchase (the usual gap of 10 days)",
            "Churned→Reactivated day 200: a purchase after churning",
            "Reactivated→AtRisk day 301: 101 days without a purchase (the usual gap of 50 days)",
        ],
        lifecycle.Transitions.Select(t => $"{t.From}→{t.To} day {(t.At - Start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()).Days}: {t.Reason}"));
        Assert.Equal(LifecycleStage.AtRisk, lifecycle.Stage);
    }

    [Fact]
    public void A_steady_buyer_matures_and_a_one_time_buyer_lapses_on_fixed_days()
    {
        Purchase[] purchases = [.. Enumerable.Range(0, 8).Select(i => Sale("steady", 30 * i)), Sale("once", 0)];

        var byId = LifecycleDerivation.Derive(purchases, Start.PlusDays(220)).ToDictionary(l => l.CustomerId.Value);

        // steady: 5th purchase day on day 120 has tenure 120 < 180; the 7th on day 180 has 180 → Mature.
        Assert.Equal([LifecycleStage.New, LifecycleStage.Growing, LifecycleStage.Mature], byId["steady"].Transitions.Select(t => t.To));
        Assert.Equal("7 purchase days over 180 days", byId["steady"].Transitions[^1].Reason);

        // once: At risk on day 91 (more than 90 days); Churned only after 365.
        Assert.Equal([LifecycleStage.New, LifecycleStage.AtRisk], byId["once"].Transitions.Select(t => t.To));
        Assert.Throws<ArgumentOutOfRangeException>("behaviour", () => LifecycleDerivation.Derive(purchases, Start, behaviour: new LifecycleBehaviour { GrowingPurchaseDays = 1 }));
    }

    /// <summary>Purchase days over two years.</summary>
    public static Arbitrary<int[]> Days() => Gen.Choose(0, 730).ArrayOf().ToArbitrary();

    [Property(Arbitrary = [typeof(LifecycleDerivationTests)], MaxTest = 300)]
    public void Derived_transitions_are_allowed_and_apply_to_the_aggregate(int[] days, int readOn)
    {
        var lifecycle = LifecycleDerivation.Derive(days.Select(d => Sale("c", d)), Start.PlusDays(Math.Abs(readOn % 1000))).SingleOrDefault();
        if (lifecycle is null)
        {
            return; // no sale up to the analysis date
        }

        var customer = Customer.CreatePerson(lifecycle.CustomerId, new PersonProfile("Test Person"), Start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() - Duration.FromDays(1));
        foreach (var t in lifecycle.Transitions)
        {
            Assert.True(LifecycleRules.CanMove(t.From, t.To), $"{t.From} → {t.To}");
            customer.MoveTo(t.To, t.At, t.Reason);
        }

        Assert.Equal(lifecycle.Stage, customer.Stage);
        Assert.True(lifecycle.Transitions.Zip(lifecycle.Transitions.Skip(1)).All(p => p.First.At <= p.Second.At && p.First.To == p.Second.From));
    }

    /// <summary>
    /// The counts by stage are those of the lifecycles: taken from the derivation's own stages without making a
    /// lifecycle, and in one pass over any other list.
    /// </summary>
    [Property(Arbitrary = [typeof(LifecycleDerivationTests)], MaxTest = 200)]
    public void Counts_by_stage_are_the_lifecycles_and_make_none(int[] days, byte customers, int readOn)
    {
        var count = 1 + (customers % 12);
        var purchases = days.Select((d, i) => Sale("c" + (((i * 7) + d) % count).ToString(System.Globalization.CultureInfo.InvariantCulture), d)).ToList();
        var derived = LifecycleDerivation.Derive(purchases, Start.PlusDays(Math.Abs(readOn % 1000)));
        var packed = Assert.IsType<DerivedLifecycles>(derived);

        var counts = LifecycleDerivation.CountByStage(derived);
        Assert.Equal(0, packed.Made);

        var expected = derived.GroupBy(l => l.Stage).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key), counts.OrderBy(e => e.Key));
        Assert.Equal(expected.OrderBy(e => e.Key), LifecycleDerivation.CountByStage([.. derived]).OrderBy(e => e.Key));
        Assert.Equal(derived.Count, packed.Made);
    }

    [Fact]
    public void Counting_a_list_with_a_null_lifecycle_is_refused_naming_the_list()
    {
        var one = LifecycleDerivation.Derive([Sale("a", 1)], Start.PlusDays(10)).Single();
        var e = Assert.Throws<ArgumentException>(() => LifecycleDerivation.CountByStage([one, null!]));
        Assert.Equal("lifecycles", e.ParamName);
        Assert.Throws<ArgumentNullException>("lifecycles", () => LifecycleDerivation.CountByStage(null!));
    }

    [Fact]
    public void A_lifecycle_read_on_several_threads_is_one_instance_with_its_own_transitions()
    {
        // 2,000 customers, customer i buying every 20 + i % 30 days from day i % 50, 1 + i % 9 times.
        var purchases = Enumerable.Range(0, 2_000)
            .SelectMany(i => Enumerable.Range(0, 1 + (i % 9)).Select(k => (i, Day: (i % 50) + (k * (20 + (i % 30))))))
            .OrderBy(p => p.Day)
            .Select(p => Sale($"c{p.i:D4}", p.Day))
            .ToList();
        var analysisDate = Start.PlusDays(400);
        var derived = LifecycleDerivation.Derive(purchases, analysisDate);

        var read = new DerivedLifecycle[8][];
        Parallel.For(0, read.Length, t =>
        {
            read[t] = new DerivedLifecycle[derived.Count];
            for (var i = 0; i < derived.Count; i++)
            {
                var place = (i + (t * 257)) % derived.Count;
                read[t][place] = derived[place];
            }
        });
        foreach (var r in read)
        {
            Assert.All(r, (l, place) => Assert.Same(derived[place], l));
        }

        Assert.Equal(derived.Count, derived.Select(l => l.CustomerId).Distinct().Count()); // each place its own customer

        // Spot checks against each customer alone: every 97th place.
        for (var place = 0; place < derived.Count; place += 97)
        {
            var lifecycle = derived[place];
            var alone = LifecycleDerivation.Derive(purchases.Where(p => p.CustomerId == lifecycle.CustomerId), analysisDate).Single();
            Assert.Equal(alone.Stage, lifecycle.Stage);
            Assert.Equal(alone.Transitions, lifecycle.Transitions);
        }
    }

    /// <summary>
    /// Customers' purchases interleaved in one read: each customer's lifecycle (stage and every transition) is the one
    /// derived from their purchases alone, whatever the others bought.
    /// </summary>
    [Property(Arbitrary = [typeof(LifecycleDerivationTests)], MaxTest = 200)]
    public void Each_customer_s_lifecycle_is_the_one_of_their_purchases_alone(int[] days, byte customers, int readOn)
    {
        var count = 1 + (customers % 12);
        var purchases = days.Select((d, i) => Sale("c" + (((i * 7) + d) % count).ToString(System.Globalization.CultureInfo.InvariantCulture), d)).ToList();
        var analysisDate = Start.PlusDays(Math.Abs(readOn % 1000));

        var together = LifecycleDerivation.Derive(purchases, analysisDate);

        Assert.Equal(together.Select(l => l.CustomerId).Distinct().Count(), together.Count);
        foreach (var lifecycle in together)
        {
            var alone = LifecycleDerivation.Derive(purchases.Where(p => p.CustomerId == lifecycle.CustomerId), analysisDate).Single();
            Assert.Equal(alone.Stage, lifecycle.Stage);
            Assert.Equal(alone.Transitions, lifecycle.Transitions);
        }
    }
}
