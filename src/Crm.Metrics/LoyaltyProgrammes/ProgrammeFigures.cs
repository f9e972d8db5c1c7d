using Crm.Domain.LoyaltyProgrammes;
using Crm.Metrics.Results;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>Computes the <see cref="LoyaltyProgrammeMetrics"/> from what a <see cref="LoyaltyProgrammeAccumulator"/> kept.</summary>
internal static class ProgrammeFigures
{
    private const string NoPurchases = "no purchase data was supplied";
    private const string NoPoints = "no points ledger was supplied";

    public static LoyaltyProgrammeMetrics Compute(
        LoyaltyProgrammeAccumulator acc,
        Dictionary<CustomerId, ProgrammeCustomer> customers,
        bool membershipsSupplied,
        bool pointsSupplied,
        bool purchasesSupplied,
        int? firstPurchaseDay,
        Instant computedAt)
    {
        var programme = acc.Programme;
        var period = acc.Period;
        var currency = programme.Currency;
        var startTicks = period.Start.ToUnixTimeTicks();
        var endTicks = period.End.ToUnixTimeTicks();
        var tiers = programme.Tiers.Count;
        var dayBefore = period.Dates.Start.PlusDays(-1);
        var lastDay = period.Dates.End;
        var tierFrom = -1 - programme.LookbackDays;
        var cohortFrom = acc.LengthDays - LoyaltyProgrammeAccumulator.EffectWindowDays - LoyaltyProgrammeAccumulator.CohortSpanDays;
        var cohortTo = acc.LengthDays - LoyaltyProgrammeAccumulator.EffectWindowDays;
        const int Window = LoyaltyProgrammeAccumulator.EffectWindowDays;

        var tierCounts = new long[tiers + 1];
        var matrix = new long[tiers + 1][];
        for (var i = 0; i <= tiers; i++)
        {
            matrix[i] = new long[tiers + 1];
        }

        long members = 0, active = 0, upgrades = 0, downgrades = 0, joined = 0, left = 0, due = 0;
        long issued = 0, redeemed = 0, expired = 0, adjusted = 0, outstanding = 0;
        long activeCustomers = 0, activeMembers = 0;
        var memberGroup = default(Group);
        var otherGroup = default(Group);
        var cohort = 0L;
        var before = default(Window);
        var after = default(Window);

        foreach (var (id, c) in customers)
        {
            var days = Sorted(c.Days);
            long periodOrders = 0, priorOrders = 0;
            var periodNet = 0m;
            foreach (var d in days)
            {
                if (d.Day >= 0)
                {
                    periodOrders += d.Orders;
                    periodNet += d.Spend;
                }
                else if (d.Day >= acc.PreviousStartDay)
                {
                    priorOrders += d.Orders;
                }
            }

            var memberAtEnd = c.Joined is { } j1 && j1 < endTicks && (c.Left is not { } l1 || l1 >= endTicks);
            var memberAtStart = c.Joined is { } j2 && j2 < startTicks && (c.Left is not { } l2 || l2 >= startTicks);
            var joinedInPeriod = c.Joined is { } j3 && j3 >= startTicks && j3 < endTicks;

            var earnedOrRedeemed = false;
            if (c.Entries is { Count: > 0 } entries)
            {
                var ledger = PointsLedger.From(id, programme, entries.Select(e => new PointsEntry(id, Instant.FromUnixTimeTicks(e.Ticks), e.Kind, e.Points, e.Source, e.Kind == PointsEntryKind.Adjust ? "(not kept)" : null)));
                var balance = 0L;
                foreach (var m in ledger.MovementsBefore(period.End))
                {
                    balance = m.Balance;
                    if (m.At < period.Start)
                    {
                        continue;
                    }

                    switch (m.Kind)
                    {
                        case PointsEntryKind.Earn: issued += m.Points; earnedOrRedeemed = true; break;
                        case PointsEntryKind.Redeem: redeemed -= m.Points; earnedOrRedeemed = true; break;
                        case PointsEntryKind.Expire: expired -= m.Points; break;
                        default: adjusted += m.Points; break;
                    }
                }

                outstanding += balance;
            }

            if (memberAtEnd)
            {
                members++;
                if (periodOrders > 0 || earnedOrRedeemed)
                {
                    active++;
                }
            }

            if (periodOrders > 0)
            {
                activeCustomers++;
                activeMembers += memberAtEnd ? 1 : 0;
            }

            if (days.Length > 0)
            {
                (memberAtEnd ? ref memberGroup : ref otherGroup).Add(periodOrders, periodNet, priorOrders);
            }

            if (c.Joined is { } joinedTicks)
            {
                joined += joinedInPeriod ? 1 : 0;
                left += c.Left is { } lt && lt >= startTicks && lt < endTicks ? 1 : 0;
                if (memberAtStart || joinedInPeriod)
                {
                    int? from = null, to = null;
                    var isDue = false;
                    if (tiers > 0)
                    {
                        var membership = new Membership(id, Instant.FromUnixTimeTicks(joinedTicks), c.Left is { } lv ? Instant.FromUnixTimeTicks(lv) : null);
                        var history = TierHistory.Derive(programme, membership, Qualifying(acc, c, days, tierFrom), period.Zone);
                        from = memberAtStart ? history.TierOn(dayBefore) : null;
                        to = memberAtEnd ? history.TierOn(lastDay) : null;
                        isDue = memberAtEnd && history.IsDueForDowngrade(lastDay);
                    }

                    var f = (from ?? -1) + 1;
                    var t = (to ?? -1) + 1;
                    matrix[f][t]++;
                    upgrades += t > f ? 1 : 0;
                    downgrades += t < f ? 1 : 0;
                    due += isDue ? 1 : 0;
                    if (memberAtEnd)
                    {
                        tierCounts[t]++;
                    }
                }

                var joinDay = acc.DayOf(Instant.FromUnixTimeTicks(joinedTicks));
                if (joinDay >= cohortFrom && joinDay <= cohortTo && firstPurchaseDay is { } first && joinDay - Window >= first)
                {
                    cohort++;
                    before.Add(days, joinDay - Window, joinDay);
                    after.Add(days, joinDay, joinDay + Window);
                }
            }
        }

        var names = new[] { programme.NameOf(null) }.Concat(programme.Tiers.Select(t => t.Name)).ToArray();
        var enrolment = !purchasesSupplied ? new Rate(0, 0, NoPurchases) : new Rate(activeMembers, activeCustomers, "no customer bought in the period");
        var pointsFigures = new PointsFigures(issued, redeemed, expired, adjusted, outstanding);
        Money liability;
        try
        {
            liability = new Money(outstanding * programme.PointValue.Amount, currency);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("the liability of the outstanding points", currency, e);
        }

        var cohortReason = !purchasesSupplied ? NoPurchases : "no member joined between 545 and 180 days before the period's end with purchases recorded for the 180 days before joining";
        _ = membershipsSupplied;
        return new LoyaltyProgrammeMetrics(
            period,
            currency,
            computedAt,
            members,
            active,
            enrolment,
            pointsFigures,
            !pointsSupplied ? new Rate(0, 0, NoPoints) : new Rate(redeemed, issued, "no points were issued in the period"),
            !pointsSupplied ? new Rate(0, 0, NoPoints) : new Rate(expired, redeemed + expired, "no points were redeemed or expired in the period"),
            liability,
            names.Select((n, i) => new TierCount(n, tierCounts[i])).ToArray(),
            new TierMigration(names, matrix, upgrades, downgrades, joined, left),
            due,
            new ProgrammeEffect(
                memberGroup.Figures(currency, purchasesSupplied, "member"),
                otherGroup.Figures(currency, purchasesSupplied, "non-member"),
                new BeforeAfterFigures(cohort, Window, before.Figures(currency, cohort, cohortReason), after.Figures(currency, cohort, cohortReason))));
    }

    /// <summary>A customer's days in order, each day once.</summary>
    private static ProgrammeCustomer.DayRow[] Sorted(List<ProgrammeCustomer.DayRow>? days)
    {
        if (days is null || days.Count == 0)
        {
            return [];
        }

        var sorted = days.ToArray();
        Array.Sort(sorted, static (a, b) => a.Day.CompareTo(b.Day));
        var n = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (n > 0 && sorted[n - 1].Day == sorted[i].Day)
            {
                sorted[n - 1] = new ProgrammeCustomer.DayRow(sorted[i].Day, sorted[n - 1].Spend + sorted[i].Spend, sorted[n - 1].Orders + sorted[i].Orders);
            }
            else
            {
                sorted[n++] = sorted[i];
            }
        }

        return n == sorted.Length ? sorted : sorted[..n];
    }

    /// <summary>The activity tier rules read: spend by day and points earned, from <paramref name="fromDay"/> on.</summary>
    private static IEnumerable<QualifyingDay> Qualifying(LoyaltyProgrammeAccumulator acc, ProgrammeCustomer c, ProgrammeCustomer.DayRow[] days, int fromDay)
    {
        foreach (var d in days)
        {
            if (d.Day >= fromDay)
            {
                yield return new QualifyingDay(acc.StartDate.PlusDays(d.Day), d.Spend, 0);
            }
        }

        if (c.Entries is null)
        {
            yield break;
        }

        foreach (var e in c.Entries)
        {
            if (e.Kind == PointsEntryKind.Earn)
            {
                var day = acc.DayOf(Instant.FromUnixTimeTicks(e.Ticks));
                if (day >= fromDay)
                {
                    yield return new QualifyingDay(acc.StartDate.PlusDays(day), 0m, e.Points);
                }
            }
        }
    }

    /// <summary>Purchases of members, or of the others, in the period and the previous one.</summary>
    private struct Group
    {
        private long _customers;
        private long _orders;
        private decimal _revenue;
        private long _base;
        private long _retained;

        public void Add(long orders, decimal net, long priorOrders)
        {
            _customers += orders > 0 ? 1 : 0;
            _orders += orders;
            _revenue += net;
            if (priorOrders > 0)
            {
                _base++;
                _retained += orders > 0 ? 1 : 0;
            }
        }

        public readonly GroupFigures Figures(Currency currency, bool supplied, string who)
        {
            var revenue = new Money(_revenue, currency);
            var none = supplied ? $"no {who} bought in the period" : NoPurchases;
            var noBase = supplied ? $"no {who} bought in the previous period" : NoPurchases;
            return new GroupFigures(
                _customers,
                revenue,
                _orders,
                new MoneyPerCount(revenue, _customers, none),
                new MoneyPerCount(revenue, _orders, none),
                new Rate(_orders, _customers, none),
                new Rate(_retained, _base, noBase),
                new Rate(_base - _retained, _base, noBase));
        }
    }

    /// <summary>Purchases of the cohort in one window around joining.</summary>
    private struct Window
    {
        private decimal _revenue;
        private long _orders;
        private long _buyers;

        public void Add(ProgrammeCustomer.DayRow[] days, int from, int to)
        {
            var orders = 0L;
            foreach (var d in days)
            {
                if (d.Day >= from && d.Day < to)
                {
                    _revenue += d.Spend;
                    orders += d.Orders;
                }
            }

            _orders += orders;
            _buyers += orders > 0 ? 1 : 0;
        }

        public readonly WindowFigures Figures(Currency currency, long cohort, string reason)
        {
            var revenue = new Money(_revenue, currency);
            return new WindowFigures(revenue, _orders, _buyers, new MoneyPerCount(revenue, cohort, reason), new Rate(_orders, cohort, reason));
        }
    }
}
