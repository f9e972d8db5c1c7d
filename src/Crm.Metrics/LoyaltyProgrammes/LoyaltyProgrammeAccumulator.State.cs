#pragma warning disable CA2208 // the parameter named is the public Merge(state) method's
using System.Globalization;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Metrics.Internal;

namespace Crm.Metrics.LoyaltyProgrammes;

public sealed partial class LoyaltyProgrammeAccumulator
{
    /// <summary>The accumulator's state as plain data, to ship and merge elsewhere (adjustment reasons are not kept).</summary>
    /// <returns>A new state; later changes to the accumulator do not change it.</returns>
    public LoyaltyProgrammeState ToState() => new()
    {
        From = Period.Dates.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        To = Period.Dates.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Zone = Period.Zone.Id,
        Programme = _programmeText,
        MembershipsSupplied = _membershipsSupplied,
        PointsSupplied = _pointsSupplied,
        PurchasesSupplied = _purchasesSupplied,
        FirstPurchaseDay = _firstPurchaseDay,
        AfterPeriod = AfterPeriod,
        Customers = CustomerStates(),
    };

    private LoyaltyCustomerState[] CustomerStates()
    {
        var store = _store;
        var (entryStart, entryOrder) = store.Group(store.Entries, store.EntryCount, static r => r.Customer);
        var (dayStart, dayOrder) = store.Group(store.Days, store.DayCount, static r => r.Customer);
        var states = new LoyaltyCustomerState[store.Customers];
        for (var c = 0; c < states.Length; c++)
        {
            var entries = new PointsEntryState[entryStart[c + 1] - entryStart[c]];
            for (var k = 0; k < entries.Length; k++)
            {
                var e = store.Entries[entryOrder[entryStart[c] + k]];
                entries[k] = new PointsEntryState { Ticks = e.Ticks, Kind = e.Kind.ToString(), Points = e.Points, Source = e.Source?.ToString() };
            }

            var days = new ActivityDayState[dayStart[c + 1] - dayStart[c]];
            for (var k = 0; k < days.Length; k++)
            {
                var d = store.Days[dayOrder[dayStart[c] + k]];
                days[k] = new ActivityDayState { Day = d.Day, Spend = d.Spend, Orders = d.Orders };
            }

            var member = store.Joined[c] != ProgrammeStore.NoMembership;
            states[c] = new LoyaltyCustomerState
            {
                Id = store.Ids[c].Value,
                JoinedTicks = member ? store.Joined[c] : null,
                LeftTicks = member && store.Left[c] != long.MaxValue ? store.Left[c] : null,
                Entries = entries,
                Days = days,
            };
        }

        return states;
    }

    /// <summary>
    /// Merges a state shipped from another partition. Every field is checked before anything changes: a state of
    /// another version, period, zone or programme, or with a field that breaks a rule, is refused with its JSON path
    /// (<c>customers[3].entries[0].points</c>) and the rule, and the accumulator is left as it was.
    /// </summary>
    /// <param name="state">The state.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state breaks a rule, or holds a membership of a customer that already has one here.</exception>
    public void Merge(LoyaltyProgrammeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        StateChecks.Version(state.Version, LoyaltyProgrammeState.CurrentVersion, "loyalty programme state");
        var from = Period.Dates.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = Period.Dates.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (state.From != from || state.To != to || state.Zone != Period.Zone.Id)
        {
            throw StateChecks.Broken("from", "to or zone do not match this accumulator's period; merge partitions of one computation only");
        }

        if (state.Programme != _programmeText)
        {
            throw StateChecks.Broken("programme", "does not match this accumulator's programme (tiers, expiry and point value must be the same)");
        }

        StateChecks.Count(state.AfterPeriod, "afterPeriod");
        if (state.FirstPurchaseDay >= LengthDays)
        {
            throw StateChecks.Broken("firstPurchaseDay", "is at or after the period's end; purchases after it are not kept");
        }

        if (state.FirstPurchaseDay < -8_000_000)
        {
            throw StateChecks.Broken("firstPurchaseDay", "is before the calendar's first day (days count from the period's first)");
        }

        var customers = state.Customers ?? throw StateChecks.Missing("customers");
        var staged = new ProgrammeStore();
        var endTicks = Period.End.ToUnixTimeTicks();
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i] ?? throw StateChecks.Missing(StateChecks.At("customers", i));
            var id = StateChecks.Id(c.Id, StateChecks.At("customers", i, "id"));
            if (staged.TryIndexOf(id, out _))
            {
                throw StateChecks.Broken(StateChecks.At("customers", i, "id"), "repeats an earlier row's customer; a state has one row per customer");
            }

            CheckedRow(c, i, staged.IndexOf(id), staged, endTicks, state.FirstPurchaseDay);
        }

        MergeStore(staged, state.MembershipsSupplied, state.PointsSupplied, state.PurchasesSupplied, state.FirstPurchaseDay, state.AfterPeriod, nameof(state));
    }

    private void CheckedRow(LoyaltyCustomerState c, int i, int customer, ProgrammeStore staged, long endTicks, int? firstPurchaseDay)
    {
        if (c.JoinedTicks is { } joined)
        {
            Ticks(joined, StateChecks.At("customers", i, "joinedTicks"));
            if (c.LeftTicks is { } left && (Ticks(left, StateChecks.At("customers", i, "leftTicks")) <= joined))
            {
                throw StateChecks.Broken(StateChecks.At("customers", i, "leftTicks"), "is not after joinedTicks; a member leaves after joining");
            }

            staged.Joined[customer] = joined;
            staged.Left[customer] = c.LeftTicks ?? long.MaxValue;
        }
        else if (c.LeftTicks is not null)
        {
            throw StateChecks.Broken(StateChecks.At("customers", i, "leftTicks"), "is given without joinedTicks; only a member can leave");
        }

        var entries = c.Entries ?? throw StateChecks.Missing(StateChecks.At("customers", i, "entries"));
        if (entries.Count > 0)
        {
            var prefix = StateChecks.At("customers", i, "entries").ToString();
            for (var j = 0; j < entries.Count; j++)
            {
                var e = entries[j] ?? throw StateChecks.Missing(StateChecks.At(prefix, j));
                if (Ticks(e.Ticks, StateChecks.At(prefix, j, "ticks")) >= endTicks)
                {
                    throw StateChecks.Broken(StateChecks.At(prefix, j, "ticks"), "is at or after the period's end; entries after it are not kept");
                }

                var kind = StateChecks.Name<PointsEntryKind>(e.Kind, StateChecks.At(prefix, j, "kind"));
                var valid = kind == PointsEntryKind.Adjust
                    ? e.Points != 0 && Math.Abs(e.Points) <= PointsEntry.MaxPoints
                    : e.Points is >= 1 and <= PointsEntry.MaxPoints;
                if (!valid)
                {
                    throw StateChecks.Broken(StateChecks.At(prefix, j, "points"), kind == PointsEntryKind.Adjust ? "is zero or too large; an adjustment is signed, not zero, at most 10^15 either way" : "is out of 1 .. 10^15; only an adjustment is signed");
                }

                PointsSource? source = null;
                if (kind == PointsEntryKind.Earn)
                {
                    source = e.Source is null ? PointsSource.Purchase : StateChecks.Name<PointsSource>(e.Source, StateChecks.At(prefix, j, "source"));
                }
                else if (e.Source is not null)
                {
                    throw StateChecks.Broken(StateChecks.At(prefix, j, "source"), "is given for an entry that is not an earning; only earned points have a source");
                }

                staged.AddEntry(new ProgrammeStore.EntryRow(customer, kind, source, e.Ticks, e.Points));
            }
        }

        var days = c.Days ?? throw StateChecks.Missing(StateChecks.At("customers", i, "days"));
        if (days.Count > 0)
        {
            var prefix = StateChecks.At("customers", i, "days").ToString();
            for (var j = 0; j < days.Count; j++)
            {
                var d = days[j] ?? throw StateChecks.Missing(StateChecks.At(prefix, j));
                if (d.Day < HorizonStartDay || d.Day >= LengthDays)
                {
                    throw StateChecks.Broken(StateChecks.At(prefix, j, "day"), string.Create(CultureInfo.InvariantCulture, $"is outside {HorizonStartDay} .. {LengthDays - 1}, the days this period's figures read"));
                }

                if (firstPurchaseDay is not { } first || d.Day < first)
                {
                    throw StateChecks.Broken(StateChecks.At(prefix, j, "day"), "is before firstPurchaseDay (or firstPurchaseDay is missing); the first purchase is the earliest");
                }

                staged.AppendDay(new ProgrammeStore.DayRow(customer, d.Day, d.Spend, StateChecks.Count(d.Orders, StateChecks.At(prefix, j, "orders"))));
            }
        }
    }

    private static long Ticks(long ticks, FieldPath field) =>
        ticks < Instant.MinValue.ToUnixTimeTicks() || ticks > Instant.MaxValue.ToUnixTimeTicks()
            ? throw StateChecks.Broken(field, "is outside the instants NodaTime represents")
            : ticks;
}
