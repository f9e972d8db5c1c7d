using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Metrics.LoyaltyProgrammes;
using Crm.Metrics.States;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.LoyaltyProgrammes;

/// <summary>The family's laws: partitions merge to one pass (directly or through JSON states), order does not matter, rates stay in bounds.</summary>
public class LoyaltyProgrammeProperties
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 1, 0, 0);
    private static readonly Instant Origin = Instant.FromUtc(2024, 6, 1, 0, 0);
    private static readonly ReportingPeriod March = ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);

    private static readonly LoyaltyProgramme Programme = new(
        [
            LoyaltyTier.ByPoints("Member", 0, 30, 0),
            LoyaltyTier.BySpend("Silver", new Money(100m, Currency.Eur), 60, 20),
            LoyaltyTier.ByPoints("Gold", 300, 90, 30),
        ],
        new Money(0.02m, Currency.Eur),
        expiryMonths: 6);

    private static Instant Hours(int h) => Origin + Duration.FromHours(h);

    /// <summary>Ten customers' memberships, valid ledgers and purchases over June 2024 to April 2026.</summary>
    private static readonly Gen<CrmDataSet> DataGen =
        from joins in Gen.ArrayOf(from member in Gen.Elements(true, true, false) from joined in Gen.Choose(0, 16000) from stay in Gen.Choose(-1, 8000) select (member, joined, stay), 10)
        from entries in Gen.ListOf(from c in Gen.Choose(0, 9) from h in Gen.Choose(0, 16500) from p in Gen.Choose(1, 400) from k in Gen.Choose(0, 5) select (c, h, p, k))
        from purchases in Gen.ListOf(from c in Gen.Choose(0, 9) from h in Gen.Choose(0, 16500) from cents in Gen.Choose(0, 30000) from sale in Gen.Elements(true, true, true, false) select (c, h, cents, sale))
        select Build(joins, entries, purchases);

    private static CrmDataSet Build((bool Member, int Joined, int Stay)[] joins, List<(int C, int H, int P, int K)> entries, List<(int C, int H, int Cents, bool Sale)> purchases)
    {
        var ids = Enumerable.Range(0, 10).Select(i => new CustomerId("c" + i)).ToArray();
        var memberships = joins.Select((j, i) => (j, i)).Where(p => p.j.Member)
            .Select(p => new Membership(ids[p.i], Hours(p.j.Joined), p.j.Stay < 0 ? null : Hours(p.j.Joined + 1 + p.j.Stay))).ToArray();
        var ledgers = ids.Select(id => new PointsLedger(id, Programme)).ToArray();
        foreach (var (c, h, p, k) in entries)
        {
            var entry = k switch
            {
                0 or 1 => PointsEntry.Earn(ids[c], Hours(h), p, k == 0 ? PointsSource.Purchase : PointsSource.Partner),
                2 => PointsEntry.Redeem(ids[c], Hours(h), p),
                3 => PointsEntry.Expire(ids[c], Hours(h), p),
                _ => PointsEntry.Adjust(ids[c], Hours(h), p % 2 == 0 ? p : -p, "fix"),
            };
            try
            {
                ledgers[c].Add(entry);
            }
            catch (InsufficientPointsException)
            {
                // Left out: the data stays valid.
            }
        }

        return new CrmDataSet
        {
            Memberships = memberships,
            PointsEntries = ledgers.SelectMany(l => l.Entries).OrderBy(e => e.OccurredAt).ToArray(),
            Purchases = purchases.Select(p => p.Sale
                ? Purchase.Sale(ids[p.C], Hours(p.H), new Money(p.Cents / 100m, Currency.Eur))
                : Purchase.Refund(ids[p.C], Hours(p.H), new Money(p.Cents / 100m, Currency.Eur))).ToArray(),
        };
    }

    private static string Json(LoyaltyProgrammeAccumulator acc) => JsonSerializer.Serialize(acc.Result(Now), CrmJson.Options);

    private static LoyaltyProgrammeAccumulator Whole(CrmDataSet data)
    {
        var acc = new LoyaltyProgrammeAccumulator(Programme, March);
        acc.AddRange(data);
        return acc;
    }

    private static CrmDataSet[] Split(CrmDataSet data, int seed)
    {
        var random = new Random(seed);
        T[][] By<T>(IEnumerable<T> records)
        {
            var lists = new List<T>[3] { [], [], [] };
            foreach (var record in records)
            {
                lists[random.Next(3)].Add(record);
            }

            return [.. lists.Select(l => l.ToArray())];
        }

        var m = By(data.Memberships!);
        var e = By(data.PointsEntries!);
        var p = By(data.Purchases!);
        return [.. Enumerable.Range(0, 3).Select(i => new CrmDataSet { Memberships = m[i], PointsEntries = e[i], Purchases = p[i] })];
    }

    [Property(MaxTest = 60)]
    public Property Partitions_merge_to_one_pass_directly_and_through_json_states(int seed) =>
        Prop.ForAll(DataGen.ToArbitrary(), data =>
        {
            var expected = Json(Whole(data));
            var parts = Split(data, seed);
            var merged = new LoyaltyProgrammeAccumulator(Programme, March);
            var shipped = new LoyaltyProgrammeAccumulator(Programme, March);
            foreach (var part in parts)
            {
                var acc = Whole(part);
                merged.Merge(acc);
                var text = JsonSerializer.Serialize(acc.ToState(), CrmStateJson.LoyaltyProgrammeState);
                shipped.Merge(JsonSerializer.Deserialize(text, CrmStateJson.LoyaltyProgrammeState)!);
            }

            return expected == Json(merged) && expected == Json(shipped);
        });

    [Property(MaxTest = 60)]
    public Property The_order_of_records_does_not_matter_and_rates_stay_in_bounds(int seed) =>
        Prop.ForAll(DataGen.ToArbitrary(), data =>
        {
            var random = new Random(seed);
            var shuffled = new CrmDataSet
            {
                Memberships = data.Memberships!.OrderBy(_ => random.Next()).ToArray(),
                PointsEntries = data.PointsEntries!.OrderBy(_ => random.Next()).ToArray(),
                Purchases = data.Purchases!.OrderBy(_ => random.Next()).ToArray(),
            };
            var whole = Whole(data).Result(Now);
            var share = new[] { whole.EnrolmentRate, whole.Breakage, whole.Effect.Members.Retention, whole.Effect.NonMembers.Churn };
            return Json(Whole(shuffled)) == JsonSerializer.Serialize(whole, CrmJson.Options)
                && share.All(r => r.Value is null || (r.Value >= 0 && r.Value <= 1))
                && whole.ActiveMembers <= whole.Members
                && whole.DueForDowngrade <= whole.Members
                && whole.Tiers.Sum(t => t.Members) == whole.Members
                && whole.Points.Outstanding >= 0;
        });
}
