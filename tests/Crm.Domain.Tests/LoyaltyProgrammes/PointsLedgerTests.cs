using Crm.Domain.LoyaltyProgrammes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.LoyaltyProgrammes;

[Properties(Arbitrary = new[] { typeof(Crm.Testing.CrmArbitraries) })]
public class PointsLedgerTests
{
    private static readonly CustomerId M = new("m1");
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 31, 12, 0);
    private static readonly LoyaltyProgramme NoExpiry = new([], new Money(0.01m, Currency.Eur));
    private static readonly LoyaltyProgramme OneMonth = new([], new Money(0.01m, Currency.Eur), expiryMonths: 1);

    [Fact]
    public void Redeeming_more_than_the_balance_names_the_member_and_the_shortfall_and_changes_nothing()
    {
        var ledger = new PointsLedger(M, NoExpiry);
        ledger.Add(PointsEntry.Earn(M, T0, 300));
        var ex = Assert.Throws<InsufficientPointsException>(() => ledger.Add(PointsEntry.Redeem(M, T0 + Duration.FromDays(1), 500)));
        Assert.Equal(200, ex.Shortfall);
        Assert.Equal(M, ex.Member);
        Assert.Contains("m1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("balance then is 300 points, 200 short", ex.Message, StringComparison.Ordinal);
        Assert.Single(ledger.Entries);
        Assert.Equal(300, ledger.BalanceBefore(Instant.MaxValue));
    }

    [Fact]
    public void An_entry_out_of_order_that_leaves_a_later_debit_uncovered_is_refused_naming_it()
    {
        var ledger = new PointsLedger(M, NoExpiry);
        ledger.Add(PointsEntry.Earn(M, T0, 300));
        ledger.Add(PointsEntry.Redeem(M, T0 + Duration.FromDays(10), 250));

        // An earlier redemption of 100 is late news: it would leave the day-10 redemption 50 short.
        var late = PointsEntry.Redeem(M, T0 + Duration.FromDays(5), 100);
        var ex = Assert.Throws<InsufficientPointsException>(() => ledger.Add(late));
        Assert.Same(late, ex.Entry);
        Assert.Equal(50, ex.Shortfall);
        Assert.Equal(T0 + Duration.FromDays(10), ex.At);
        Assert.Equal(2, ledger.Entries.Count);

        // An earlier earning that arrives late is placed in time and accepted.
        ledger.Add(PointsEntry.Earn(M, T0 - Duration.FromDays(3), 40));
        Assert.Equal(T0 - Duration.FromDays(3), ledger.Entries[0].OccurredAt);
        Assert.Equal(90, ledger.BalanceBefore(Instant.MaxValue));
    }

    [Fact]
    public void At_one_instant_credits_come_before_debits()
    {
        var ledger = new PointsLedger(M, NoExpiry);
        ledger.Add(PointsEntry.Earn(M, T0, 10));
        ledger.Add(PointsEntry.Redeem(M, T0, 10));
        ledger.Add(PointsEntry.Earn(M, T0 + Duration.FromDays(1), 5));
        Assert.Throws<InsufficientPointsException>(() => PointsLedger.From(M, NoExpiry, [PointsEntry.Redeem(M, T0, 11), PointsEntry.Earn(M, T0, 10)]));
        var ok = PointsLedger.From(M, NoExpiry, [PointsEntry.Redeem(M, T0, 10), PointsEntry.Earn(M, T0, 10)]);
        Assert.Equal(PointsEntryKind.Earn, ok.Entries[0].Kind);
        Assert.Equal(0, ok.BalanceBefore(T0 + Duration.FromSeconds(1)));
        Assert.Equal(5, ledger.BalanceBefore(Instant.MaxValue));
    }

    [Fact]
    public void Points_expire_on_their_own_after_the_policy_oldest_lots_first()
    {
        // 100 earned on 31 January expire on 28 February (one calendar month, clamped); 50 earned on 10 February
        // expire on 10 March. Redeeming 30 on 5 February takes from the January lot, so 70 expire on 28 February.
        var entries = new[]
        {
            PointsEntry.Earn(M, T0, 100),
            PointsEntry.Earn(M, Instant.FromUtc(2026, 2, 10, 12, 0), 50),
            PointsEntry.Redeem(M, Instant.FromUtc(2026, 2, 5, 12, 0), 30),
        };
        var ledger = PointsLedger.From(M, OneMonth, entries);
        var movements = ledger.MovementsBefore(Instant.FromUtc(2026, 4, 1, 0, 0));
        Assert.Equal(
            [
                new PointsMovement(T0, PointsEntryKind.Earn, 100, 100, false),
                new PointsMovement(Instant.FromUtc(2026, 2, 5, 12, 0), PointsEntryKind.Redeem, -30, 70, false),
                new PointsMovement(Instant.FromUtc(2026, 2, 10, 12, 0), PointsEntryKind.Earn, 50, 120, false),
                new PointsMovement(Instant.FromUtc(2026, 2, 28, 12, 0), PointsEntryKind.Expire, -70, 50, true),
                new PointsMovement(Instant.FromUtc(2026, 3, 10, 12, 0), PointsEntryKind.Expire, -50, 0, true),
            ],
            movements);
        Assert.Equal(120, ledger.BalanceBefore(Instant.FromUtc(2026, 2, 28, 12, 0)));
        Assert.Equal(50, ledger.BalanceBefore(Instant.FromUtc(2026, 2, 28, 12, 1)));

        // A lot expiring at an instant is gone for an entry at that instant.
        Assert.Throws<InsufficientPointsException>(() => ledger.Add(PointsEntry.Redeem(M, Instant.FromUtc(2026, 3, 10, 12, 0), 1)));
    }

    [Fact]
    public void Erasing_keeps_the_points_and_drops_the_reasons()
    {
        var ledger = PointsLedger.From(M, NoExpiry, [PointsEntry.Earn(M, T0, 100), PointsEntry.Adjust(M, T0 + Duration.FromDays(1), -20, "goodwill after Ada's call")]);
        var before = ledger.MovementsBefore(Instant.MaxValue);
        Assert.DoesNotContain("Ada", ledger.Entries[1].ToString(), StringComparison.Ordinal);
        ledger.Erase();
        Assert.Equal(PointsLedger.ErasedReason, ledger.Entries[1].Reason);
        Assert.Equal(before, ledger.MovementsBefore(Instant.MaxValue));
    }

    [Fact]
    public void Entries_reject_bad_points_sources_and_reasons()
    {
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => PointsEntry.Redeem(M, T0, 0)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => PointsEntry.Earn(M, T0, -5)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => PointsEntry.Adjust(M, T0, 0, "x")).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentNullException>(() => new PointsEntry(M, T0, PointsEntryKind.Adjust, 5)).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentException>(() => new PointsEntry(M, T0, PointsEntryKind.Redeem, 5, reason: "r")).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentException>(() => new PointsEntry(M, T0, PointsEntryKind.Redeem, 5, PointsSource.Partner)).ParamName);
        Assert.Equal(PointsSource.Purchase, new PointsEntry(M, T0, PointsEntryKind.Earn, 5).Source);
        Assert.Equal("entry", Assert.Throws<ArgumentException>(() => new PointsLedger(M, NoExpiry).Add(PointsEntry.Earn(new CustomerId("other"), T0, 1))).ParamName);
    }

    /// <summary>Operations built in time order, each debit within the balance then (day offsets, points).</summary>
    private static Gen<PointsEntry[]> ValidHistory(bool expiring) =>
        Gen.ListOf(from h in Gen.Choose(0, 90) from p in Gen.Choose(1, 500) from k in Gen.Choose(0, 3) select (h, p, k))
            .Select(steps =>
            {
                var programme = expiring ? OneMonth : NoExpiry;
                var ledger = new PointsLedger(M, programme);
                var at = T0;
                foreach (var (days, points, kind) in steps)
                {
                    at += Duration.FromHours(days);
                    var entry = kind switch
                    {
                        0 => PointsEntry.Earn(M, at, points),
                        1 => PointsEntry.Redeem(M, at, points),
                        2 => PointsEntry.Expire(M, at, points),
                        _ => PointsEntry.Adjust(M, at, points % 2 == 0 ? points : -points, "fix"),
                    };
                    try
                    {
                        ledger.Add(entry);
                    }
                    catch (InsufficientPointsException)
                    {
                        // A debit the balance cannot cover is left out: the history stays valid.
                    }
                }

                return ledger.Entries.ToArray();
            });

    [Property(MaxTest = 200)]
    public Property Any_order_of_a_valid_history_gives_the_same_ledger(bool expiring, int seed) =>
        Prop.ForAll(ValidHistory(expiring).ToArbitrary(), entries =>
        {
            var programme = expiring ? OneMonth : NoExpiry;
            var inOrder = PointsLedger.From(M, programme, entries);
            var shuffled = entries.OrderBy(e => HashCode.Combine(e.OccurredAt, e.Points, seed)).ToArray();
            var added = new PointsLedger(M, programme);
            var bulk = PointsLedger.From(M, programme, shuffled);
            foreach (var entry in shuffled.Where(e => e.IsCredit).Concat(shuffled.Where(e => !e.IsCredit)))
            {
                added.Add(entry);
            }

            // Entries of one instant and direction may come in another order: compare per instant and kind.
            static string Shape(PointsLedger l) => string.Join(";", l.MovementsBefore(Instant.MaxValue)
                .GroupBy(m => (m.At, m.Kind, m.IsAutomatic)).OrderBy(g => g.Key.At).ThenBy(g => g.Key.Kind).ThenBy(g => g.Key.IsAutomatic).Select(g => $"{g.Key}:{g.Sum(m => m.Points)}:{g.Last().Balance >= 0}"));
            var expected = Shape(inOrder);
            return expected == Shape(bulk) && expected == Shape(added)
                && inOrder.MovementsBefore(Instant.MaxValue).Select(m => m.At).Distinct().All(t => inOrder.BalanceBefore(t + Duration.Epsilon) == bulk.BalanceBefore(t + Duration.Epsilon));
        });

    [Property(MaxTest = 200)]
    public Property The_balance_is_never_negative_and_is_the_sum_of_the_movements(bool expiring) =>
        Prop.ForAll(ValidHistory(expiring).ToArbitrary(), Gen.Choose(0, 2000).ToArbitrary(), (entries, hours) =>
        {
            var ledger = PointsLedger.From(M, expiring ? OneMonth : NoExpiry, entries);
            var end = T0 + Duration.FromHours(hours);
            var movements = ledger.MovementsBefore(end);
            var credits = entries.Where(e => e.OccurredAt < end).Sum(e => e.SignedPoints);
            var automatic = movements.Where(m => m.IsAutomatic).Sum(m => m.Points);
            return movements.All(m => m.Balance >= 0 && m.At < end)
                && ledger.BalanceBefore(end) == credits + automatic
                && (expiring || automatic == 0);
        });

    [Property]
    public bool An_entry_never_shows_its_reason_and_its_signed_points_follow_its_kind(PointsEntry entry) =>
        !entry.ToString().Contains("Secret", StringComparison.Ordinal)
        && entry.SignedPoints == (entry.Kind is PointsEntryKind.Redeem or PointsEntryKind.Expire ? -entry.Points : entry.Points)
        && entry.IsCredit == entry.SignedPoints > 0;

    [Property]
    public bool A_membership_covers_the_instants_from_joining_until_leaving(Membership membership) =>
        membership.IsMemberAt(membership.JoinedAt)
        && !membership.IsMemberAt(membership.JoinedAt - Duration.Epsilon)
        && (membership.LeftAt is not { } left || (!membership.IsMemberAt(left) && membership.IsMemberAt(left - Duration.Epsilon)));
}
