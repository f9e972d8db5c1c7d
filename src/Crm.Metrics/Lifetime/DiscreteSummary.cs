using System.Globalization;
using Crm.Domain.Activity;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The customers of a base with discrete transaction occasions, as patterns of (x, t_x, n) with their weights — the
/// input of <see cref="BgBbModel"/>. Identical patterns are merged.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DiscreteSummary
{
    private DiscreteSummary(IReadOnlyList<DiscretePattern> patterns)
    {
        Patterns = patterns;
        foreach (var p in patterns)
        {
            Customers += p.Weight;
        }
    }

    /// <summary>The distinct patterns, ordered by n, x, t_x.</summary>
    public IReadOnlyList<DiscretePattern> Patterns { get; }

    /// <summary>The customers: the sum of the weights.</summary>
    public long Customers { get; }

    /// <summary>A summary of patterns given directly (identical ones merged, their weights added).</summary>
    /// <param name="patterns">The patterns; at least one.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">There is no pattern, or one is null.</exception>
    /// <exception cref="OverflowException">The weights add up beyond <see cref="long.MaxValue"/>.</exception>
    public static DiscreteSummary FromPatterns(IEnumerable<DiscretePattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var merged = new Dictionary<(int N, int X, int Tx), long>();
        foreach (var element in patterns)
        {
            var p = Crm.Internal.Elements.NotNull(element, nameof(patterns));
            var key = (p.Periods, p.Frequency, p.Recency);
            merged[key] = checked(merged.GetValueOrDefault(key) + p.Weight);
        }

        if (merged.Count == 0)
        {
            throw new ArgumentException("A summary needs at least one pattern.", nameof(patterns));
        }

        return new DiscreteSummary([.. merged.OrderBy(e => e.Key).Select(e => new DiscretePattern(e.Key.X, e.Key.Tx, e.Key.N, e.Value))]);
    }

    /// <summary>
    /// A summary from dated transactions and the occasions they fall in: occasion k runs from
    /// <paramref name="occasionStarts"/>[k] to the next start (the last one to <paramref name="end"/>, exclusive), in
    /// <paramref name="zone"/>. A customer's first occasion with a sale is their first transaction; the later
    /// occasions are their n opportunities; x counts those with a sale, and t_x is the last of them. Refunds are not
    /// transactions; sales before the first occasion or from <paramref name="end"/> on are not read.
    /// </summary>
    /// <param name="purchases">The transactions.</param>
    /// <param name="occasionStarts">The first day of each occasion, in increasing order; at least two.</param>
    /// <param name="end">The day after the last occasion.</param>
    /// <param name="zone">The zone the days are read in; UTC when null.</param>
    /// <returns>The summary over the customers whose first transaction is before the last occasion (later ones have no opportunity yet).</returns>
    /// <exception cref="ArgumentException">The occasions are fewer than two or not in increasing order, or no customer has an opportunity.</exception>
    public static DiscreteSummary FromTransactions(IEnumerable<Purchase> purchases, IReadOnlyList<LocalDate> occasionStarts, LocalDate end, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(occasionStarts);
        zone ??= DateTimeZone.Utc;
        if (occasionStarts.Count < 2)
        {
            throw new ArgumentException("Give at least two occasions: the first transaction's and one opportunity.", nameof(occasionStarts));
        }

        for (var k = 1; k < occasionStarts.Count; k++)
        {
            if (occasionStarts[k] <= occasionStarts[k - 1])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Occasion {k} does not start after occasion {k - 1}: give the starts in increasing order."), nameof(occasionStarts));
            }
        }

        if (end <= occasionStarts[^1])
        {
            throw new ArgumentException("The end is after the last occasion's start.", nameof(end));
        }

        var starts = new long[occasionStarts.Count + 1];
        for (var k = 0; k < starts.Length; k++)
        {
            var day = k < occasionStarts.Count ? occasionStarts[k] : end;
            try
            {
                starts[k] = zone.AtStartOfDay(day).ToInstant().ToUnixTimeTicks();
            }
            catch (OverflowException)
            {
                throw new ArgumentOutOfRangeException(
                    k < occasionStarts.Count ? nameof(occasionStarts) : nameof(end),
                    "A day at the very edge of the calendar has no instant in this zone; give days between the years 1 and 9999.");
            }
        }

        var occasions = occasionStarts.Count;
        var seen = new Dictionary<CustomerId, (int First, int Last, ulong[] Bits)>();
        foreach (var element in purchases)
        {
            var purchase = Crm.Internal.Elements.NotNull(element, nameof(purchases));
            var ticks = purchase.OccurredAt.ToUnixTimeTicks();
            if (!purchase.IsSale || ticks < starts[0] || ticks >= starts[^1])
            {
                continue;
            }

            var k = Array.BinarySearch(starts, ticks);
            k = k >= 0 ? k : ~k - 1;
            ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(seen, purchase.CustomerId, out var exists);
            if (!exists)
            {
                entry = (k, k, new ulong[(occasions + 63) / 64]);
            }

            entry.First = Math.Min(entry.First, k);
            entry.Last = Math.Max(entry.Last, k);
            entry.Bits[k / 64] |= 1UL << (k % 64);
        }

        var patterns = new List<DiscretePattern>();
        foreach (var (first, last, bits) in seen.Values)
        {
            var n = occasions - 1 - first;
            if (n == 0)
            {
                continue; // first bought at the last occasion: no opportunity yet
            }

            var x = 0;
            for (var k = first + 1; k <= last; k++)
            {
                x += (int)((bits[k / 64] >> (k % 64)) & 1);
            }

            patterns.Add(new DiscretePattern(x, x == 0 ? 0 : last - first, n));
        }

        return patterns.Count > 0
            ? FromPatterns(patterns)
            : throw new ArgumentException("No customer has an opportunity after their first transaction: every first sale is at the last occasion, or there is none.", nameof(purchases));
    }
}
