using System.Globalization;
using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Segments;

/// <summary>
/// Lifecycle stages derived from purchase behaviour (SPEC §3), replayed day by day: New at the first purchase;
/// Growing at <see cref="LifecycleBehaviour.GrowingPurchaseDays"/> purchase days; Mature with
/// <see cref="LifecycleBehaviour.MaturePurchaseDays"/> purchase days and <see cref="LifecycleBehaviour.MatureTenureDays"/>
/// of tenure; At risk when the silence since the last purchase exceeds a multiple of the customer's usual gap
/// (a fixed number of days for one-time buyers); Churned past a longer threshold; Reactivated by a purchase after
/// churn; back to Growing (or Mature) on a purchase while At risk or at the next purchase after reactivation.
/// Only transitions <see cref="LifecycleRules"/> allows are produced.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class LifecycleDerivation
{
    /// <summary>
    /// How many lifecycles are at each stage (only the stages some lifecycle is at). Lifecycles this library derived
    /// are counted from their stages as kept, without making a lifecycle; any other list is counted in one pass.
    /// </summary>
    /// <param name="lifecycles">The lifecycles, for example those of <see cref="Derive"/>.</param>
    /// <returns>Stage → lifecycles at it, at least 1 each.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lifecycles"/> is null.</exception>
    /// <exception cref="ArgumentException">An element of <paramref name="lifecycles"/> is null.</exception>
    public static IReadOnlyDictionary<LifecycleStage, int> CountByStage(IReadOnlyList<DerivedLifecycle> lifecycles)
    {
        ArgumentNullException.ThrowIfNull(lifecycles);
        if (lifecycles is DerivedLifecycles packed)
        {
            return packed.CountByStage();
        }

        var counts = new Dictionary<LifecycleStage, int>();
        foreach (var lifecycle in lifecycles)
        {
            var stage = Crm.Internal.Elements.NotNull(lifecycle, nameof(lifecycles)).Stage;
            counts[stage] = counts.GetValueOrDefault(stage) + 1;
        }

        return counts;
    }

    /// <summary>
    /// The transitions of one customer's distinct sale <paramref name="days"/> up to the day numbered
    /// <paramref name="today"/>, replayed when first read.
    /// </summary>
    internal static IReadOnlyList<DerivedTransition> Transitions(ArraySegment<int> days, int today, DateTimeZone zone, LifecycleBehaviour behaviour) =>
        new ReplayedTransitions(days, today, zone, behaviour);

    /// <summary>Every customer's lifecycle from their sales up to the analysis date.</summary>
    /// <param name="purchases">The purchases (sales are read).</param>
    /// <param name="analysisDate">The last day read (inclusive).</param>
    /// <param name="zone">The zone of the local dates; null for UTC.</param>
    /// <param name="behaviour">The rules; null for the defaults.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>One lifecycle per customer with a sale, in the order of their first sale record.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rules break a constraint (the message names it).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<DerivedLifecycle> Derive(IEnumerable<Purchase> purchases, LocalDate analysisDate, DateTimeZone? zone = null, LifecycleBehaviour? behaviour = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        behaviour ??= new LifecycleBehaviour();
        behaviour.Validate(nameof(behaviour));
        using var accumulator = new Accumulator(analysisDate, zone, behaviour, purchases.TryGetNonEnumeratedCount(out var count) ? Storage.Capacity.ForPurchases(count, 10) : default, null);
        var watch = ProgressWatch.For(progress, cancellationToken);
        foreach (var element in ProgressWatch.Watched(purchases, watch))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(element, nameof(purchases)));
        }

        watch?.Finish();
        return accumulator.Result();
    }

    /// <summary>What <see cref="Derive"/> collects in its one pass: each customer's sale days up to the analysis date.</summary>
    internal sealed class Accumulator : IDisposable
    {
        private readonly int _today;
        private readonly LocalDayNumbers _days;
        private readonly DateTimeZone _zone;
        private readonly LifecycleBehaviour _behaviour;
        private readonly Storage.CustomerDayLog<NoState> _log;

        /// <param name="analysisDate">The last day read.</param>
        /// <param name="zone">The zone of the local dates; null for UTC.</param>
        /// <param name="behaviour">The rules, validated.</param>
        /// <param name="room">A capacity hint.</param>
        /// <param name="shared">The index every analysis of the read shares; null: its own.</param>
        /// <param name="days">The sale days of the read in the zone, shared by its analyses (with <paramref name="shared"/>); null: its own.</param>
        public Accumulator(LocalDate analysisDate, DateTimeZone? zone, LifecycleBehaviour behaviour, Storage.Capacity room, Storage.CustomerIndex? shared, Storage.SharedDayLog? days = null)
        {
            _zone = zone ?? DateTimeZone.Utc;
            _today = LocalDayNumbers.Of(analysisDate);
            _days = new LocalDayNumbers(_zone);
            _behaviour = behaviour;
            _log = new Storage.CustomerDayLog<NoState>(room, shared, days, lastDay: _today);
        }

        public DateTimeZone Zone => _zone;

        public void Add(Purchase purchase) => Add(purchase.IsSale, -1, _days.Of(purchase.OccurredAt.ToUnixTimeTicks()), purchase.CustomerId);

        /// <summary>Fetches ahead what adding a purchase of the customer numbered <paramref name="sharedCustomer"/> will read (see <see cref="Storage.CustomerDayLog{TState}.Ahead(int, bool)"/>).</summary>
        public void Ahead(int sharedCustomer, bool state) => _log.Ahead(sharedCustomer, state);

        /// <summary>
        /// Adds a purchase by what a lifecycle reads of it: whether it is a sale, its local day (in <see cref="Zone"/>),
        /// and its customer's shared number, or −1 and the customer's <paramref name="id"/>.
        /// </summary>
        public void Add(bool isSale, int sharedCustomer, int day, CustomerId id = default)
        {
            if (isSale && day <= _today)
            {
                _log.AddDay(sharedCustomer < 0 ? _log.IndexOf(id) : _log.IndexOf(sharedCustomer), day);
            }
        }

        /// <summary>One lifecycle per customer with a sale, in the order of their first sale record.</summary>
        public IReadOnlyList<DerivedLifecycle> Result()
        {
            var n = _log.Customers;
            var ids = new CustomerId[n];
            var stages = new LifecycleStage[n];
            var starts = new int[n + 1];
            using var sales = _log.SortByCustomer();

            // Every customer's distinct days in one array (at most as long as the days logged), each lifecycle
            // replaying its own part: no array per customer.
            var days = new int[sales.Total(n)];
            var at = 0;
            for (var c = 0; c < n; c++)
            {
                // The stage now, without building a transition; the lifecycle itself, and its transitions (with their
                // reasons in words), only when read: a report that counts stages never pays for them.
                var distinct = sales.Distinct(c);
                distinct.CopyTo(days.AsSpan(at));
                starts[c] = at;
                at += distinct.Length;
                ids[c] = _log.Id(c);
                stages[c] = Replay(new ArraySegment<int>(days, starts[c], distinct.Length), _today, _zone, _behaviour, null);
            }

            starts[n] = at;
            return new DerivedLifecycles(ids, stages, days, starts, (_today, _zone, _behaviour));
        }

        public void Dispose() => _log.Dispose();
    }

    /// <summary>No running state: the lifecycle needs only the distinct sale days.</summary>
    private struct NoState : Storage.ICustomerDayState<NoState>
    {
        public static NoState Empty => default;

        public readonly decimal Largest => 0m;

        public readonly void Merge(in NoState other)
        {
        }

        public readonly bool MergeFits(in NoState other) => true;
    }

    /// <summary>Replays a customer's distinct sale days; returns the stage at <paramref name="today"/> and, when <paramref name="transitions"/> is given, adds every transition to it.</summary>
    private static LifecycleStage Replay(ArraySegment<int> sales, int today, DateTimeZone zone, LifecycleBehaviour rules, List<DerivedTransition>? transitions)
    {
        var stage = LifecycleStage.Prospect;
        var reactivatedAt = -1;
        void Move(LifecycleStage to, int day, string? reason)
        {
            transitions?.Add(new DerivedTransition(stage, to, Internal.ZoneDays.StartOf(zone, LocalDayNumbers.ToDate(day)), reason!));
            stage = to;
        }

        // Silence after the i-th sale (0-based) up to, but not including, the day `until`.
        void Silence(int i, int until)
        {
            var last = sales[i];
            double? usualGap = i >= 1 ? (double)(last - sales[0]) / i : null;
            var atRisk = last + (usualGap is { } g ? (int)Math.Ceiling(rules.AtRiskGapMultiple * g) : rules.SingleBuyerAtRiskDays) + 1;
            var churned = last + (usualGap is { } h ? (int)Math.Ceiling(rules.ChurnedGapMultiple * h) : rules.SingleBuyerChurnedDays) + 1;
            string Basis() => usualGap is { } gap
                ? string.Create(CultureInfo.InvariantCulture, $"the usual gap of {gap:0.#} days")
                : "a one-time buyer";
            if (atRisk < until && stage is LifecycleStage.New or LifecycleStage.Growing or LifecycleStage.Mature or LifecycleStage.Reactivated)
            {
                Move(LifecycleStage.AtRisk, atRisk, transitions is null ? null : string.Create(CultureInfo.InvariantCulture, $"{atRisk - last} days without a purchase ({Basis()})"));
            }

            if (churned < until && stage == LifecycleStage.AtRisk)
            {
                Move(LifecycleStage.Churned, churned, transitions is null ? null : string.Create(CultureInfo.InvariantCulture, $"{churned - last} days without a purchase ({Basis()})"));
            }
        }

        for (var i = 0; i < sales.Count; i++)
        {
            var day = sales[i];
            if (i > 0)
            {
                Silence(i - 1, day);
            }

            var count = i + 1;
            var tenure = day - sales[0];
            var mature = count >= rules.MaturePurchaseDays && tenure >= rules.MatureTenureDays;
            switch (stage)
            {
                case LifecycleStage.Prospect:
                    Move(LifecycleStage.New, day, "first purchase");
                    break;
                case LifecycleStage.Churned:
                    Move(LifecycleStage.Reactivated, day, "a purchase after churning");
                    reactivatedAt = i;
                    continue;
                case LifecycleStage.AtRisk:
                    Move(mature ? LifecycleStage.Mature : LifecycleStage.Growing, day, "bought again while at risk");
                    continue;
                case LifecycleStage.Reactivated when i > reactivatedAt:
                    Move(LifecycleStage.Growing, day, "a second purchase after reactivation");
                    break;
            }

            if (stage == LifecycleStage.New && count >= rules.GrowingPurchaseDays)
            {
                Move(LifecycleStage.Growing, day, transitions is null ? null : string.Create(CultureInfo.InvariantCulture, $"{count} purchase days"));
            }

            if (stage == LifecycleStage.Growing && mature)
            {
                Move(LifecycleStage.Mature, day, transitions is null ? null : string.Create(CultureInfo.InvariantCulture, $"{count} purchase days over {tenure} days"));
            }
        }

        if (sales.Count > 0)
        {
            Silence(sales.Count - 1, today + 1);
        }

        return stage;
    }

    /// <summary>A customer's transitions, replayed from their sale days on first read (once; thread-safe).</summary>
    private sealed class ReplayedTransitions(ArraySegment<int> sales, int today, DateTimeZone zone, LifecycleBehaviour rules) : IReadOnlyList<DerivedTransition>
    {
        private DerivedTransition[]? _transitions;

        public int Count => Transitions.Length;

        private DerivedTransition[] Transitions => LazyInitializer.EnsureInitialized(ref _transitions, () =>
        {
            var list = new List<DerivedTransition>();
            Replay(sales, today, zone, rules, list);
            return [.. list];
        });

        public DerivedTransition this[int index] => Transitions[index];

        public IEnumerator<DerivedTransition> GetEnumerator() => ((IEnumerable<DerivedTransition>)Transitions).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
