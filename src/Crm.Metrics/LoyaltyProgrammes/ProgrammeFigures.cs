using Crm.Domain.LoyaltyProgrammes;
using Crm.Metrics.Results;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>Computes the <see cref="LoyaltyProgrammeMetrics"/> from what a <see cref="LoyaltyProgrammeAccumulator"/> kept.</summary>
internal static class ProgrammeFigures
{
    private const string NoPurchases = "no purchase data was supplied";
    private const string NoPoints = "no points ledger was supplied";

    public static LoyaltyProgrammeMetrics Compute(LoyaltyProgrammeAccumulator acc, ProgrammeStore store, bool membershipsSupplied, bool pointsSupplied, bool purchasesSupplied, int? firstPurchaseDay, Instant computedAt)
    {
        try
        {
            return ComputeCore(acc, store, membershipsSupplied, pointsSupplied, purchasesSupplied, firstPurchaseDay, computedAt);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("the loyalty programme's spend and revenue sums", acc.Programme.Currency, e);
        }
    }

    private static LoyaltyProgrammeMetrics ComputeCore(
        LoyaltyProgrammeAccumulator acc,
        ProgrammeStore store,
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
        var scratch = new Scratch();
        var before = default(Window);
        var after = default(Window);

        var (entryStart, entryOrder) = store.Group(store.Entries, store.EntryCount, static r => r.Customer);
        var (dayStart, dayOrder) = store.Group(store.Days, store.DayCount, static r => r.Customer);
        for (var c = 0; c < store.Customers; c++)
        {
            var id = store.Ids[c];
            long? joinedAt = store.Joined[c] == ProgrammeStore.NoMembership ? null : store.Joined[c];
            long? leftAt = store.Left[c] == long.MaxValue ? null : store.Left[c];
            var days = Sorted(store, dayOrder.AsSpan(dayStart[c], dayStart[c + 1] - dayStart[c]));
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

            var memberAtEnd = joinedAt is { } j1 && j1 < endTicks && (leftAt is not { } l1 || l1 >= endTicks);
            var memberAtStart = joinedAt is { } j2 && j2 < startTicks && (leftAt is not { } l2 || l2 >= startTicks);
            var joinedInPeriod = joinedAt is { } j3 && j3 >= startTicks && j3 < endTicks;
            var entries = entryOrder.AsSpan(entryStart[c], entryStart[c + 1] - entryStart[c]);

            var earnedOrRedeemed = false;
            if (entries.Length > 0)
            {
                var points = Points(id, programme, store, entries, startTicks, endTicks, scratch);
                issued += points.Issued;
                redeemed += points.Redeemed;
                expired += points.Expired;
                adjusted += points.Adjusted;
                outstanding += points.Balance;
                earnedOrRedeemed = points.EarnedOrRedeemed;
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

            if (joinedAt is { } joinedTicks)
            {
                joined += joinedInPeriod ? 1 : 0;
                left += leftAt is { } lt && lt >= startTicks && lt < endTicks ? 1 : 0;
                if (memberAtStart || joinedInPeriod)
                {
                    int? from = null, to = null;
                    var isDue = false;
                    if (tiers > 0)
                    {
                        var membership = new Membership(id, Instant.FromUnixTimeTicks(joinedTicks), leftAt is { } lv ? Instant.FromUnixTimeTicks(lv) : null);
                        var history = TierHistory.Derive(programme, membership, Qualifying(acc, store, entries, days, tierFrom, scratch), period.Zone);
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
        var enrolment = !purchasesSupplied ? new Rate(0, 0, NoPurchases)
            : !membershipsSupplied ? new Rate(0, 0, "no memberships were supplied")
            : new Rate(activeMembers, activeCustomers, "no customer bought in the period");
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

    /// <summary>Reusable buffers of the ledger replays.</summary>
    private sealed class Scratch
    {
        public (long Ticks, int Debit, int Index)[] Keys = new (long, int, int)[16];
        public (long Ticks, long Signed, int Kind)[] Steps = new (long, long, int)[16];
        public readonly List<(long Expires, long Left)> Lots = [];
        public readonly List<QualifyingDay> Qualifying = [];
    }

    /// <summary>A member's ledger, in ledger order, replayed up to the period's end: what moved in the period.</summary>
    private static PeriodPoints Points(CustomerId id, Domain.LoyaltyProgrammes.LoyaltyProgramme programme, ProgrammeStore store, ReadOnlySpan<int> entries, long startTicks, long endTicks, Scratch scratch)
    {
        var n = entries.Length;
        if (scratch.Keys.Length < n)
        {
            var size = Math.Max(n, scratch.Keys.Length * 2);
            scratch.Keys = new (long, int, int)[size];
            scratch.Steps = new (long, long, int)[size];
        }

        // Ledger order: by instant, credits before debits, then as added (the index keeps the sort stable).
        var keys = scratch.Keys.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            var row = store.Entries[entries[i]];
            keys[i] = (row.Ticks, row.Signed > 0 ? 0 : 1, entries[i]);
        }

        keys.Sort();
        var steps = scratch.Steps.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            var row = store.Entries[keys[i].Index];
            steps[i] = (row.Ticks, row.Signed, (int)row.Kind);
        }

        var sink = new PeriodPoints(startTicks);
        if (Crm.Internal.PointsReplay.Run(steps, programme.ExpiryMonths, endTicks, ref sink, out _, scratch.Lots) >= 0)
        {
            // The ledger's own check names the member, the entry and the shortfall.
            var rows = new List<PointsEntry>(n);
            foreach (var i in entries)
            {
                var e = store.Entries[i];
                rows.Add(new PointsEntry(id, Instant.FromUnixTimeTicks(e.Ticks), e.Kind, e.Points, e.Source, e.Kind == PointsEntryKind.Adjust ? "(not kept)" : null));
            }

            var refused = PointsLedger.From(id, programme, rows);
            throw new InvalidOperationException($"The ledger of {refused} passed its own check but not the replay.");
        }

        return sink;
    }

    /// <summary>The points that moved from <c>start</c> on, and the last balance.</summary>
    private struct PeriodPoints(long startTicks) : Crm.Internal.IPointsSink
    {
        public long Issued;
        public long Redeemed;
        public long Expired;
        public long Adjusted;
        public long Balance;
        public bool EarnedOrRedeemed;

        public void Movement(long ticks, int kind, long points, long balance, bool automatic)
        {
            Balance = balance;
            if (ticks < startTicks)
            {
                return;
            }

            switch ((PointsEntryKind)kind)
            {
                case PointsEntryKind.Earn: Issued += points; EarnedOrRedeemed = true; break;
                case PointsEntryKind.Redeem: Redeemed -= points; EarnedOrRedeemed = true; break;
                case PointsEntryKind.Expire: Expired -= points; break;
                default: Adjusted += points; break;
            }
        }
    }

    /// <summary>A customer's days in order, each day once.</summary>
    private static ProgrammeStore.DayRow[] Sorted(ProgrammeStore store, ReadOnlySpan<int> rows)
    {
        if (rows.Length == 0)
        {
            return [];
        }

        var sorted = new ProgrammeStore.DayRow[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            sorted[i] = store.Days[rows[i]];
        }

        Array.Sort(sorted, static (a, b) => a.Day.CompareTo(b.Day));
        var n = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (n > 0 && sorted[n - 1].Day == sorted[i].Day)
            {
                sorted[n - 1] = sorted[n - 1] with { Spend = sorted[n - 1].Spend + sorted[i].Spend, Orders = sorted[n - 1].Orders + sorted[i].Orders };
            }
            else
            {
                sorted[n++] = sorted[i];
            }
        }

        return n == sorted.Length ? sorted : sorted[..n];
    }

    /// <summary>The activity tier rules read: spend by day and points earned, from <paramref name="fromDay"/> on (in the scratch list).</summary>
    private static List<QualifyingDay> Qualifying(LoyaltyProgrammeAccumulator acc, ProgrammeStore store, ReadOnlySpan<int> entries, ProgrammeStore.DayRow[] days, int fromDay, Scratch scratch)
    {
        var list = scratch.Qualifying;
        list.Clear();
        foreach (var d in days)
        {
            if (d.Day >= fromDay)
            {
                list.Add(new QualifyingDay(acc.StartDate.PlusDays(d.Day), d.Spend, 0));
            }
        }

        foreach (var i in entries)
        {
            var e = store.Entries[i];
            if (e.Kind == PointsEntryKind.Earn)
            {
                var day = acc.DayOf(Instant.FromUnixTimeTicks(e.Ticks));
                if (day >= fromDay)
                {
                    list.Add(new QualifyingDay(acc.StartDate.PlusDays(day), 0m, e.Points));
                }
            }
        }

        return list;
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

        public void Add(ProgrammeStore.DayRow[] days, int from, int to)
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
