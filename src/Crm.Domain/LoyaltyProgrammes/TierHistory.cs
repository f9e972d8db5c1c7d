using Crm.Domain.Activity;

namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>
/// A member's tiers over time, derived from their activity under the programme's rules (tiers are never assigned):
/// on each day the member holds the highest tier they qualified for on that day or within that tier's grace period
/// before it (see <see cref="LoyaltyTier"/>).
/// </summary>
/// <remarks>
/// <para>Only activity while a member counts: from the day of joining, and until the day of leaving, from which on
/// the member holds no tier. Days are read in the zone given to <see cref="Derive(LoyaltyProgramme, Membership, IEnumerable{QualifyingDay}, DateTimeZone)"/>.</para>
/// <para>Immutable; thread-safe.</para>
/// </remarks>
public sealed class TierHistory
{
    private readonly (int Day, int? Tier)[] _held;
    private readonly (int Day, int? Tier)[] _qualified;

    private IReadOnlyList<TierChange>? _changes;

    /// <summary>Scratch lists of the derivation, one set per thread (a derivation allocates only what it keeps).</summary>
    [ThreadStatic]
    private static List<(long Day, decimal Delta)>? t_changes;

    [ThreadStatic]
    private static List<int>? t_bounds;

    private TierHistory(LoyaltyProgramme programme, (int, int?)[] held, (int, int?)[] qualified)
    {
        Programme = programme;
        _held = held;
        _qualified = qualified;
    }

    /// <summary>The programme whose rules were applied.</summary>
    public LoyaltyProgramme Programme { get; }

    /// <summary>Every change of the tier held, in order of date; the first is the member's first tier (from no tier).</summary>
    public IReadOnlyList<TierChange> Changes => _changes ??= ChangesOf(_held);

    private static System.Collections.ObjectModel.ReadOnlyCollection<TierChange> ChangesOf((int Day, int? Tier)[] held)
    {
        var changes = new List<TierChange>(held.Length);
        int? previous = null;
        foreach (var (day, tier) in held)
        {
            if (Days.ToDate(day) is { } date)
            {
                changes.Add(new TierChange(date, previous, tier));
            }

            previous = tier;
        }

        return changes.AsReadOnly();
    }

    /// <summary>
    /// Derives a member's tiers from their daily activity.
    /// </summary>
    /// <param name="programme">The programme.</param>
    /// <param name="membership">The membership: activity outside it does not count.</param>
    /// <param name="activity">The member's activity by day, in any order; several items of one day add up.</param>
    /// <param name="zone">The zone days are read in (the joining and leaving days).</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A day's points are negative.</exception>
    public static TierHistory Derive(LoyaltyProgramme programme, Membership membership, IEnumerable<QualifyingDay> activity, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(zone);
        var joined = Days.Of(membership.JoinedAt.InZone(zone).Date);
        var left = membership.LeftAt is { } l ? Days.Of(l.InZone(zone).Date) : int.MaxValue;
        var list = new List<(int Day, decimal Spend, long Points)>();
        foreach (var item in activity)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(item.PointsEarned, nameof(activity));
            var day = Days.Of(item.Date);
            if (day >= joined && day < left)
            {
                list.Add((day, item.Spend, item.PointsEarned));
            }
        }

        // By day, each day once.
        list.Sort(static (a, b) => a.Day.CompareTo(b.Day));
        var days = new List<(int Day, decimal Spend, long Points)>(list.Count);
        foreach (var item in list)
        {
            if (days.Count > 0 && days[^1].Day == item.Day)
            {
                days[^1] = (item.Day, days[^1].Spend + item.Spend, checked(days[^1].Points + item.Points));
            }
            else
            {
                days.Add(item);
            }
        }

        var qualified = new List<(int Start, int End)>[programme.Tiers.Count];
        var held = new List<(int Start, int End)>[programme.Tiers.Count];
        for (var k = 0; k < programme.Tiers.Count; k++)
        {
            var tier = programme.Tiers[k];
            qualified[k] = Qualifying(tier, days, joined, left);
            held[k] = Extended(qualified[k], tier.GraceDays, left);
        }

        return new TierHistory(programme, Steps(held), Steps(qualified));
    }

    /// <summary>
    /// Derives a member's tiers from their purchases and points entries (spend counts sales minus refunds; points
    /// count earn entries).
    /// </summary>
    /// <param name="programme">The programme.</param>
    /// <param name="membership">The membership.</param>
    /// <param name="purchases">The member's purchases, in the programme's currency.</param>
    /// <param name="entries">The member's points entries.</param>
    /// <param name="zone">The zone days are read in.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException">An argument or an item is null.</exception>
    /// <exception cref="ArgumentException">A purchase or entry is of another customer.</exception>
    /// <exception cref="CurrencyMismatchException">A purchase is in another currency than the programme's.</exception>
    public static TierHistory Derive(LoyaltyProgramme programme, Membership membership, IEnumerable<Purchase> purchases, IEnumerable<PointsEntry> entries, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(zone);
        var activity = new List<QualifyingDay>();
        foreach (var purchase in purchases)
        {
            ArgumentNullException.ThrowIfNull(purchase, nameof(purchases));
            if (purchase.CustomerId != membership.CustomerId)
            {
                throw new ArgumentException($"A purchase is of customer {purchase.CustomerId}, not of member {membership.CustomerId}.", nameof(purchases));
            }

            if (purchase.Amount.Currency != programme.Currency)
            {
                throw new CurrencyMismatchException(programme.Currency, purchase.Amount.Currency, nameof(purchases));
            }

            activity.Add(new QualifyingDay(purchase.OccurredAt.InZone(zone).Date, purchase.SignedAmount.Amount, 0));
        }

        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            if (entry.CustomerId != membership.CustomerId)
            {
                throw new ArgumentException($"A points entry is of customer {entry.CustomerId}, not of member {membership.CustomerId}.", nameof(entries));
            }

            if (entry.Kind == PointsEntryKind.Earn)
            {
                activity.Add(new QualifyingDay(entry.OccurredAt.InZone(zone).Date, 0m, entry.Points));
            }
        }

        return Derive(programme, membership, activity, zone);
    }

    /// <summary>The tier held on a day.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The tier's rank in <see cref="LoyaltyProgramme.Tiers"/>, or <c>null</c> for no tier (not a member yet, left, or below every rule).</returns>
    public int? TierOn(LocalDate date) => Lookup(_held, Days.Of(date));

    /// <summary>The highest tier whose rule the member meets on a day, without grace.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The tier's rank, or <c>null</c>.</returns>
    public int? QualifiesOn(LocalDate date) => Lookup(_qualified, Days.Of(date));

    /// <summary>Whether the member holds a tier on a day only by its grace period: due for a downgrade unless they qualify again.</summary>
    /// <param name="date">The day.</param>
    /// <returns><c>true</c> when the tier held is above the tier qualified for.</returns>
    public bool IsDueForDowngrade(LocalDate date) => (TierOn(date) ?? -1) > (QualifiesOn(date) ?? -1);

    /// <summary>The history by size, without personal data.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"TierHistory ({Changes.Count} changes)";

    private static int? Lookup((int Day, int? Tier)[] steps, int day)
    {
        int lo = 0, hi = steps.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (steps[mid].Day <= day)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? null : steps[found].Tier;
    }

    /// <summary>The days [start, end) on which the tier's rolling sum reaches its threshold.</summary>
    private static List<(int Start, int End)> Qualifying(LoyaltyTier tier, List<(int Day, decimal Spend, long Points)> days, int joined, int left)
    {
        var threshold = tier.Threshold;

        // The rolling sum changes where a day's activity enters the window and where it leaves it.
        var changes = t_changes ??= [];
        changes.Clear();
        foreach (var (day, spend, points) in days)
        {
            var value = tier.Basis == TierBasis.Spend ? spend : points;
            if (value != 0m)
            {
                changes.Add((day, value));
                changes.Add(((long)day + tier.WindowDays, -value));
            }
        }

        changes.Sort(static (a, b) => a.Day.CompareTo(b.Day));
        var intervals = new List<(int, int)>();
        var sum = 0m;
        long? start = sum >= threshold ? joined : null;
        for (var i = 0; i < changes.Count; i++)
        {
            var day = changes[i].Day;
            sum += changes[i].Delta;
            if (i + 1 < changes.Count && changes[i + 1].Day == day)
            {
                continue; // every change of a day first
            }

            var meets = sum >= threshold;
            if (meets && start is null)
            {
                start = day;
            }
            else if (!meets && start is { } s)
            {
                Add(intervals, s, day, left);
                start = null;
            }
        }

        if (start is { } open)
        {
            Add(intervals, open, left, left);
        }

        return intervals;
    }

    private static void Add(List<(int, int)> intervals, long start, long end, int left)
    {
        var e = Math.Min(end, left);
        if (start < e)
        {
            intervals.Add(((int)start, (int)e));
        }
    }

    /// <summary>Each interval held <paramref name="grace"/> days longer (never past leaving), overlaps joined.</summary>
    private static List<(int Start, int End)> Extended(List<(int Start, int End)> intervals, int grace, int left)
    {
        var held = new List<(int Start, int End)>(intervals.Count);
        foreach (var (start, end) in intervals)
        {
            var e = end == left ? left : (int)Math.Min((long)end + grace, left);
            if (held.Count > 0 && held[^1].End >= start)
            {
                held[^1] = (held[^1].Start, Math.Max(held[^1].End, e));
            }
            else
            {
                held.Add((start, e));
            }
        }

        return held;
    }

    /// <summary>The highest tier covering each day, as steps: from each day listed, that tier (null: none).</summary>
    private static (int Day, int? Tier)[] Steps(List<(int Start, int End)>[] byTier)
    {
        var bounds = t_bounds ??= [];
        bounds.Clear();
        foreach (var list in byTier)
        {
            foreach (var (start, end) in list)
            {
                bounds.Add(start);
                bounds.Add(end);
            }
        }

        bounds.Sort();

        var steps = new List<(int, int?)>();
        var cursor = new int[byTier.Length];
        int? current = null;
        for (var b = 0; b < bounds.Count; b++)
        {
            var day = bounds[b];
            if (b > 0 && bounds[b - 1] == day)
            {
                continue;
            }

            int? tier = null;
            for (var k = byTier.Length - 1; k >= 0; k--)
            {
                var list = byTier[k];
                while (cursor[k] < list.Count && list[cursor[k]].End <= day)
                {
                    cursor[k]++;
                }

                if (cursor[k] < list.Count && list[cursor[k]].Start <= day)
                {
                    tier = k;
                    break;
                }
            }

            if (tier != current)
            {
                steps.Add((day, tier));
                current = tier;
            }
        }

        return [.. steps];
    }
}
