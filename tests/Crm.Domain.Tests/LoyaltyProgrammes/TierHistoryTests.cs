using Crm.Domain.Activity;
using Crm.Domain.LoyaltyProgrammes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.LoyaltyProgrammes;

public class TierHistoryTests
{
    private static readonly CustomerId M = new("m1");
    private static readonly LocalDate Join = new(2026, 1, 1);
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static Instant At(int day) => Join.PlusDays(day).At(new LocalTime(10, 0)).InZoneLeniently(Zone).ToInstant();

    private static LoyaltyProgramme SilverGold() => new(
        [
            LoyaltyTier.BySpend("Silver", new Money(100m, Currency.Eur), windowDays: 30, graceDays: 10),
            LoyaltyTier.ByPoints("Gold", 500, windowDays: 30, graceDays: 10),
        ],
        new Money(0.01m, Currency.Eur));

    [Fact]
    public void A_member_moves_up_at_once_and_down_after_the_grace_period()
    {
        // Day 0: 150 EUR spent → Silver for the days the sale is in the 30-day window (0..29), kept 10 more (to 39).
        // Day 5: 600 points earned → Gold on days 5..34, kept to 44; so Gold from day 5, no tier from day 45
        // (Silver's hold ended on day 40, below Gold's).
        var membership = new Membership(M, At(0));
        var history = TierHistory.Derive(
            SilverGold(),
            membership,
            [Purchase.Sale(M, At(0), new Money(150m, Currency.Eur))],
            [PointsEntry.Earn(M, At(5), 600)],
            Zone);
        Assert.Equal(
            [
                new TierChange(Join, null, 0),
                new TierChange(Join.PlusDays(5), 0, 1),
                new TierChange(Join.PlusDays(45), 1, null),
            ],
            history.Changes);
        Assert.Equal(1, history.TierOn(Join.PlusDays(40)));
        Assert.Null(history.QualifiesOn(Join.PlusDays(40)));
        Assert.True(history.IsDueForDowngrade(Join.PlusDays(40)));
        Assert.False(history.IsDueForDowngrade(Join.PlusDays(20)));
        Assert.Null(history.TierOn(Join.PlusDays(-1)));
        Assert.True(history.Changes[1].IsUpgrade);
        Assert.True(history.Changes[2].IsDowngrade);
    }

    [Fact]
    public void Activity_before_joining_or_after_leaving_does_not_count_and_leaving_ends_the_tier()
    {
        var membership = new Membership(M, At(10), At(20));
        var history = TierHistory.Derive(
            SilverGold(),
            membership,
            [Purchase.Sale(M, At(0), new Money(500m, Currency.Eur)), Purchase.Sale(M, At(12), new Money(100m, Currency.Eur)), Purchase.Sale(M, At(25), new Money(900m, Currency.Eur))],
            [],
            Zone);
        Assert.Equal([new TierChange(Join.PlusDays(12), null, 0), new TierChange(Join.PlusDays(20), 0, null)], history.Changes);
    }

    [Fact]
    public void A_purchase_in_another_currency_is_refused()
    {
        var ex = Assert.Throws<CurrencyMismatchException>(() => TierHistory.Derive(SilverGold(), new Membership(M, At(0)), [Purchase.Sale(M, At(1), new Money(5m, Currency.Usd))], [], Zone));
        Assert.Equal("purchases", ex.ParamName);
    }

    [Fact]
    public void A_programme_refuses_tiers_out_of_order_duplicates_and_mixed_currencies()
    {
        var eur = new Money(0.01m, Currency.Eur);
        Assert.Contains("lowest first", Assert.Throws<ArgumentException>(() => new LoyaltyProgramme([LoyaltyTier.ByPoints("Gold", 500, 30, 0), LoyaltyTier.ByPoints("Silver", 100, 30, 0)], eur)).Message, StringComparison.Ordinal);
        Assert.Contains("same name", Assert.Throws<ArgumentException>(() => new LoyaltyProgramme([LoyaltyTier.ByPoints("Gold", 1, 30, 0), LoyaltyTier.ByPoints("gold", 5, 30, 0)], eur)).Message, StringComparison.Ordinal);
        Assert.Throws<CurrencyMismatchException>(() => new LoyaltyProgramme([LoyaltyTier.BySpend("S", new Money(1m, Currency.Usd), 30, 0)], eur));
        Assert.Equal("expiryMonths", Assert.Throws<ArgumentOutOfRangeException>(() => new LoyaltyProgramme([], eur, 0)).ParamName);
        Assert.Equal("windowDays", Assert.Throws<ArgumentOutOfRangeException>(() => LoyaltyTier.ByPoints("G", 1, 0, 0)).ParamName);
        Assert.Equal("graceDays", Assert.Throws<ArgumentOutOfRangeException>(() => LoyaltyTier.ByPoints("G", 1, 1, -1)).ParamName);
        Assert.Equal(40, SilverGold().LookbackDays);
    }

    private static readonly Gen<LoyaltyTier> TierGen =
        (from spend in Gen.Elements(true, false) from threshold in Gen.Choose(0, 300) from window in Gen.Choose(1, 20) from grace in Gen.Choose(0, 10) select (spend, threshold, window, grace))
            .Select(t => t.Item1
                ? LoyaltyTier.BySpend("T", new Money(t.Item2, Currency.Eur), t.Item3, t.Item4)
                : LoyaltyTier.ByPoints("T", t.Item2, t.Item3, t.Item4));

    private static readonly Gen<LoyaltyProgramme> ProgrammeGen =
        Gen.ListOf(TierGen).Select(tiers => tiers.Take(3).ToList())
            .Where(tiers => Enumerable.Range(0, tiers.Count).All(i => Enumerable.Range(0, i).All(j => tiers[j].Basis != tiers[i].Basis || tiers[j].Threshold <= tiers[i].Threshold)))
            .Select(tiers => new LoyaltyProgramme(tiers.Select((t, i) => t.Basis == TierBasis.Spend ? LoyaltyTier.BySpend("T" + i, t.SpendThreshold!.Value, t.WindowDays, t.GraceDays) : LoyaltyTier.ByPoints("T" + i, t.PointsThreshold!.Value, t.WindowDays, t.GraceDays)), new Money(1m, Currency.Eur)));

    private static readonly Gen<QualifyingDay[]> ActivityGen =
        Gen.ListOf(from d in Gen.Choose(-10, 60) from s in Gen.Choose(-50, 200) from p in Gen.Choose(0, 100) select (d, s, p))
            .Select(days => days.Select(d => new QualifyingDay(Join.PlusDays(d.Item1), d.Item2, d.Item3)).ToArray());

    /// <summary>The rule read literally, day by day.</summary>
    private static int? Reference(LoyaltyProgramme programme, int leave, QualifyingDay[] activity, int day)
    {
        if (day < 0 || day >= leave)
        {
            return null;
        }

        bool Qualifies(int k, int e)
        {
            if (e < 0 || e >= leave)
            {
                return false;
            }

            var tier = programme.Tiers[k];
            var sum = activity
                .Select(a => (Day: Period.DaysBetween(Join, a.Date), a))
                .Where(p => p.Day >= 0 && p.Day < leave && p.Day <= e && p.Day > e - tier.WindowDays)
                .Sum(p => tier.Basis == TierBasis.Spend ? p.a.Spend : p.a.PointsEarned);
            return sum >= tier.Threshold;
        }

        for (var k = programme.Tiers.Count - 1; k >= 0; k--)
        {
            for (var e = day - programme.Tiers[k].GraceDays; e <= day; e++)
            {
                if (Qualifies(k, e))
                {
                    return k;
                }
            }
        }

        return null;
    }

    [Property(MaxTest = 150)]
    public Property The_derived_tier_of_every_day_is_the_rule_read_literally() =>
        Prop.ForAll(ProgrammeGen.ToArbitrary(), ActivityGen.ToArbitrary(), Gen.Choose(1, 120).ToArbitrary(), (programme, activity, leave) =>
        {
            var membership = new Membership(M, At(0), leave > 100 ? null : At(leave));
            var effectiveLeave = leave > 100 ? int.MaxValue : leave;
            var history = TierHistory.Derive(programme, membership, activity, Zone);
            return Enumerable.Range(-3, 110).All(d => history.TierOn(Join.PlusDays(d)) == Reference(programme, effectiveLeave, activity, d));
        });
}
