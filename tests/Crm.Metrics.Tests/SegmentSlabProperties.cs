using Crm.Metrics.Series;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>
/// A series table's slab keeps each customer's segment rows as a dictionary would: one row per segment the customer
/// bought in, ascending by segment, whatever the order of the updates, through chunks that move as they fill, chunks
/// reused by other customers, and pages beyond the first.
/// </summary>
public class SegmentSlabProperties
{
    /// <summary>
    /// Updates in random order to random (customer, segment) pairs, thousands of them, so that the slab fills several
    /// pages; every customer's rows are then compared with a dictionary's counts.
    /// </summary>
    [Property(MaxTest = 60)]
    public void Keeps_every_customers_rows_as_a_dictionary_would(int seed, byte segmentCount, bool timeOrdered)
    {
        var segments = 1 + (segmentCount % 40);
        var random = new Random(seed);
        var customers = random.Next(1, 3000);
        var updates = random.Next(1, 20_000);
        var histories = new SeriesHistory[customers];
        var expected = new SortedDictionary<int, int>[customers];
        using var slab = new SegmentSlab(segments);
        for (var u = 0; u < updates; u++)
        {
            var customer = random.Next(customers);

            // Purchases that arrive in time order mostly reach a customer's latest segment or a later one.
            var segment = timeOrdered ? Math.Min(segments - 1, u * segments / updates + random.Next(2)) : random.Next(segments);
            ref var row = ref slab.RowFor(ref histories[customer], segment);
            Assert.Equal(segment, row.Segment);
            row.Sales++;
            var counts = expected[customer] ??= [];
            counts[segment] = counts.GetValueOrDefault(segment) + 1;
        }

        var rows = 0;
        for (var c = 0; c < customers; c++)
        {
            var kept = slab.Of(histories[c]).ToArray();
            var wanted = expected[c] ?? [];
            Assert.Equal(wanted.Keys, kept.Select(r => r.Segment));
            Assert.Equal(wanted.Values, kept.Select(r => r.Sales));
            rows += kept.Length;
        }

        Assert.Equal(expected.Sum(e => e?.Count ?? 0), rows);
    }

    /// <summary>More segments than a page of the smallest size holds: a page grows to hold a chunk of every segment.</summary>
    [Fact]
    public void A_customer_in_more_segments_than_the_smallest_page_holds_keeps_them_all()
    {
        const int segments = 5000;
        var history = default(SeriesHistory);
        using var slab = new SegmentSlab(segments);
        for (var s = segments - 1; s >= 0; s -= 2)
        {
            slab.RowFor(ref history, s).Sales = s;
        }

        var kept = slab.Of(history).ToArray();
        Assert.Equal(Enumerable.Range(0, segments).Where(s => s % 2 == 1), kept.Select(r => r.Segment));
        Assert.All(kept, r => Assert.Equal(r.Segment, r.Sales));
    }
}
