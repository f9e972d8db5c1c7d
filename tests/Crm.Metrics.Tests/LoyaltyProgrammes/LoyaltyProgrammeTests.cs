using System.Text.Json;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Metrics.LoyaltyProgrammes;
using Crm.Metrics.States;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using static Crm.Metrics.Tests.LoyaltyProgrammes.ProgrammeFixture;

namespace Crm.Metrics.Tests.LoyaltyProgrammes;

public class LoyaltyProgrammeTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 4, 5, 0, 0);

    private static LoyaltyProgrammeMetrics Compute(CrmDataSet data) =>
        new LoyaltyProgrammeCalculator(new FakeClock(Now)).Compute(data, March, Programme);

    [Fact]
    public void The_fixture_gives_the_hand_computed_figures()
    {
        var m = Compute(Data);

        // Members at the end of March: A, C, F (B left on 25 March). Active: A (a sale and points in March); C and F
        // bought nothing and earned nothing in March (C's points expiring on their own does not make C active).
        Assert.Equal(3, m.Members);
        Assert.Equal(1, m.ActiveMembers);

        // Customers with a sale in March: A, B, D; of them members at the end: A → 1/3.
        Assert.Equal((1, 3), (m.EnrolmentRate.Numerator, m.EnrolmentRate.Denominator));

        // Issued: A 1,200 + B 200 (A's April earning is after the period). Redeemed: A 300. Expired: B's forfeit 200 +
        // C's lot of 2025-03-10 (400 − 100 redeemed in December) ending on 2026-03-10 under the 12-month policy, 300.
        // Adjusted: E +50. Outstanding: A 900 + E 50 (B 0, C 0).
        Assert.Equal((1400L, 300L, 500L, 50L, 950L), (m.Points.Issued, m.Points.Redeemed, m.Points.Expired, m.Points.Adjusted, m.Points.Outstanding));
        Assert.Equal((300, 1400), (m.RedemptionRate.Numerator, m.RedemptionRate.Denominator));

        // Breakage: 500 expired of 300 + 500 that left balances = 0.625.
        Assert.Equal(0.625, m.Breakage.Value);
        Assert.Equal(Eu(9.50m), m.Liability);

        // Tiers on 31 March: A Gold (1,200 points on 5 March); C Silver only by grace (150 EUR on 25 February qualify
        // through 26 March, held 10 more days); F no tier.
        Assert.Equal([("no tier", 1L), ("Silver", 1L), ("Gold", 1L)], m.Tiers.Select(t => (t.Tier, t.Members)));
        Assert.Equal(1, m.DueForDowngrade);

        // Migration, the day before March against 31 March: A no tier → Gold (50 EUR on 10 February do not reach
        // Silver), C Silver → Silver, F no tier → no tier, B (joined and left in March) no tier → no tier.
        var mig = m.Migration;
        Assert.Equal(["no tier", "Silver", "Gold"], mig.Tiers);
        Assert.Equal([2L, 0L, 1L], mig.Counts[0]);
        Assert.Equal([0L, 1L, 0L], mig.Counts[1]);
        Assert.Equal((1L, 0L, 1L, 1L), (mig.Upgrades, mig.Downgrades, mig.Joined, mig.Left));

        // Members (A, C, F): one buyer in March, A: 120 EUR, 1 order. Bought in February: A and C; again in March: A → ½.
        var members = m.Effect.Members;
        Assert.Equal((1L, Eu(120m), 1L), (members.Customers, members.Revenue, members.Orders));
        Assert.Equal((1, 2), (members.Retention.Numerator, members.Retention.Denominator));
        Assert.Equal(0.5, members.Churn.Value);

        // Others (B, D): B 200, D 80 − 20 refunded = 260 EUR, 2 orders; AOV 130; D bought in February and March.
        var others = m.Effect.NonMembers;
        Assert.Equal((2L, Eu(260m), 2L), (others.Customers, others.Revenue, others.Orders));
        Assert.Equal(Eu(130m), others.AverageOrderValue.Value);
        Assert.Equal(1.0, others.Retention.Value);

        // Before/after: members who joined 545 to 180 days before 1 April with purchases on record 180 days before
        // joining. The first purchase is F's, 2025-01-01 (day −424 from 1 March). F joined 2025-08-01 (day −212; −212 − 180
        // = −392 ≥ −424): in. A joined on day −273 (−453 < −424) and C on day −410: out. F's 180 days before joining hold
        // 40 EUR (2025-05-01); the 180 days from joining hold 60 + 70 EUR.
        var ba = m.Effect.BeforeAfter;
        Assert.Equal(1, ba.Members);
        Assert.Equal((Eu(40m), 1L, 1L), (ba.Before.Revenue, ba.Before.Orders, ba.Before.Buyers));
        Assert.Equal((Eu(130m), 2L, 1L), (ba.After.Revenue, ba.After.Orders, ba.After.Buyers));
        Assert.Equal(Eu(130m), ba.After.RevenuePerMember.Value);
    }

    [Fact]
    public void Figures_without_their_records_are_undefined_and_say_why()
    {
        var m = Compute(new CrmDataSet { Memberships = Memberships });
        Assert.Equal("no purchase data was supplied", m.EnrolmentRate.UndefinedReason);
        Assert.Equal("no points ledger was supplied", m.RedemptionRate.UndefinedReason);
        Assert.Equal("no points ledger was supplied", m.Breakage.UndefinedReason);
        Assert.Equal("no purchase data was supplied", m.Effect.Members.Retention.UndefinedReason);
        Assert.Equal("no purchase data was supplied", m.Effect.BeforeAfter.Before.RevenuePerMember.UndefinedReason);

        Assert.Equal("no memberships were supplied", Compute(new CrmDataSet { Purchases = Purchases }).EnrolmentRate.UndefinedReason);

        var empty = Compute(new CrmDataSet { Memberships = [], PointsEntries = [], Purchases = [] });
        Assert.Equal("no points were issued in the period", empty.RedemptionRate.UndefinedReason);
        Assert.Equal("no points were redeemed or expired in the period", empty.Breakage.UndefinedReason);
        Assert.Equal("no customer bought in the period", empty.EnrolmentRate.UndefinedReason);
        Assert.Equal("no member bought in the previous period", empty.Effect.Members.Retention.UndefinedReason);
        // Every undefined row carries its own reason, never the rows' generic fallback.
        Assert.All(empty.ToRows().Where(row => row.Value is null), row => Assert.NotEqual("undefined", row.UndefinedReason));
    }

    [Fact]
    public void A_ledger_that_goes_negative_names_the_member_and_the_entry()
    {
        var data = Data with { PointsEntries = [.. Entries, PointsEntry.Redeem(A, At(2026, 3, 6), 2000)] };
        var ex = Assert.Throws<InsufficientPointsException>(() => Compute(data));
        Assert.Equal(A, ex.Member);
        Assert.Equal(800, ex.Shortfall);
        Assert.Contains("member A", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_records_are_refused_naming_what_is_wrong()
    {
        var acc = new LoyaltyProgrammeAccumulator(Programme, March);
        acc.Add(Memberships[0]);
        Assert.Equal("membership", Assert.Throws<ArgumentException>(() => acc.Add(new Membership(A, At(2026, 1, 1)))).ParamName);
        Assert.Equal("purchase", Assert.Throws<CurrencyMismatchException>(() => acc.Add(Domain.Activity.Purchase.Sale(A, At(2026, 3, 1), new Money(1m, Currency.Usd)))).ParamName);
    }

    [Fact]
    public void The_figures_serialise_and_read_back_and_list_as_rows()
    {
        var m = Compute(Data);
        var json = JsonSerializer.Serialize(m, CrmJson.Options);
        using var doc = JsonDocument.Parse(json);
        foreach (var key in new[] { "members", "activeMembers", "enrolmentRate", "points", "redemptionRate", "breakage", "liability", "tiers", "migration", "dueForDowngrade", "effect" })
        {
            Assert.True(doc.RootElement.TryGetProperty(key, out _), key);
        }

        Assert.Equal(950, doc.RootElement.GetProperty("points").GetProperty("outstanding").GetInt64());
        Assert.True(doc.RootElement.GetProperty("effect").TryGetProperty("beforeAfter", out _));
        var back = JsonSerializer.Deserialize<LoyaltyProgrammeMetrics>(json, CrmJson.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, CrmJson.Options));
        var rows = m.ToRows();
        Assert.Equal(15, rows.Count);
        Assert.All(rows, r => Assert.Equal("LoyaltyProgramme", r.Family));
        Assert.Equal(9.5, rows.Single(r => r.Key == "liability").Value);
    }

    [Fact]
    public void The_service_is_registered_and_reached_through_the_facade()
    {
        using var provider = new ServiceCollection().AddSingleton<IClock>(new FakeClock(Now)).AddCrmMetrics().BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        Assert.Same(provider.GetRequiredService<ILoyaltyProgrammeCalculator>(), metrics.LoyaltyProgrammes);
        Assert.Equal(Now, metrics.LoyaltyProgrammes.Compute(Data, March, Programme).ComputedAt);
    }

    [Fact]
    public void A_tampered_or_foreign_state_is_refused_with_its_path_and_nothing_changes()
    {
        var source = new LoyaltyProgrammeAccumulator(Programme, March);
        source.AddRange(Data);
        var state = source.ToState();
        var target = new LoyaltyProgrammeAccumulator(Programme, March);
        var before = JsonSerializer.Serialize(target.ToState(), CrmStateJson.LoyaltyProgrammeState);

        var i = state.Customers.ToList().FindIndex(c => c.Days.Count > 0);
        var badDays = state.Customers.Select((c, k) => k == i ? c with { Days = [c.Days[0] with { Orders = -1 }] } : c).ToArray();
        var ex = Assert.Throws<ArgumentException>(() => target.Merge(state with { Customers = badDays }));
        Assert.Equal("state", ex.ParamName);
        Assert.Contains($"customers[{i}].days[0].orders", ex.Message, StringComparison.Ordinal);

        var j = state.Customers.ToList().FindIndex(c => c.Entries.Count > 0);
        var badKind = state.Customers.Select((c, k) => k == j ? c with { Entries = [c.Entries[0] with { Kind = "Gift" }] } : c).ToArray();
        Assert.Contains($"customers[{j}].entries[0].kind", Assert.Throws<ArgumentException>(() => target.Merge(state with { Customers = badKind })).Message, StringComparison.Ordinal);

        var other = new LoyaltyProgramme([], Eu(0.01m));
        Assert.Contains("programme", Assert.Throws<ArgumentException>(() => new LoyaltyProgrammeAccumulator(other, March).Merge(state)).Message, StringComparison.Ordinal);
        Assert.Contains("version", Assert.Throws<ArgumentException>(() => target.Merge(state with { Version = 99 })).Message, StringComparison.Ordinal);
        Assert.Equal(before, JsonSerializer.Serialize(target.ToState(), CrmStateJson.LoyaltyProgrammeState));

        // A partition merged twice holds the memberships twice: refused, not double-counted.
        target.Merge(state);
        Assert.Contains("merged twice", Assert.Throws<ArgumentException>(() => target.Merge(state)).Message, StringComparison.Ordinal);
    }
}
