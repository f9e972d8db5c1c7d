using Crm.Metrics.Segments;

namespace Crm.Report.Output;

/// <summary>One cell of the RFM map: customers with this recency and frequency score, and the segment the cell belongs to.</summary>
internal sealed record RfmCell(int Recency, int Frequency, int Customers, string Segment);

/// <summary>One point of the value-tier Pareto curve: the top <see cref="CustomerShare"/> of customers bring <see cref="RevenueShare"/> of the revenue.</summary>
internal sealed record CurvePoint(double CustomerShare, double RevenueShare);

/// <summary>One bar of a histogram over money: [From, To), open-ended when <see cref="To"/> is null.</summary>
internal sealed record MoneyBin(decimal From, decimal? To, int Customers);

/// <summary>
/// The distribution of predicted CLV over the customers valued: equal-width bins up to the 99th percentile and one
/// open-ended bin above it, and the top decile (the ⌈n / 10⌉ most valuable customers) with its share of the total.
/// </summary>
internal sealed record ClvDistribution(int Customers, IReadOnlyList<MoneyBin> Bins, decimal TopDecileFrom, double? TopDecileShare)
{
    private const int TargetBins = 20;

    /// <summary>The distribution of these values (at least one, none negative); null when there is none.</summary>
    public static ClvDistribution? Of(IReadOnlyCollection<decimal> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        // Two order statistics, not an order of every value: the top decile's lowest value (rank n − ⌈n/10⌉ from the
        // lowest) and the 99th percentile above it (nearest rank). A selection puts each at its rank, the lower values
        // before it and the higher after, in a few passes; a sort of 200,000 decimals compares each about 18 times.
        var ranked = values.ToArray();
        var n = ranked.Length;
        var topCount = (n + 9) / 10;
        var topRank = n - topCount;
        OrderStatistics.Select(ranked, 0, n, topRank);
        var topFrom = ranked[topRank];
        var total = 0m;
        foreach (var value in ranked)
        {
            total += value;
        }

        var topTotal = 0m;
        for (var i = topRank; i < n; i++)
        {
            topTotal += ranked[i];
        }

        double? topShare = total > 0 ? (double)(topTotal / total) : null;

        // Equal widths of a round size up to the 99th percentile (nearest rank; at or above the top decile's lowest
        // value), so one outlier does not squash the bars; whatever lies above goes into a last, open-ended bin.
        var p99Rank = Math.Max(topRank, (int)Math.Ceiling(0.99 * n) - 1);
        OrderStatistics.Select(ranked, topRank, n, p99Rank);
        var p99 = ranked[p99Rank];
        var width = p99 > 0 ? (decimal)Axis.NiceStep((double)p99 / TargetBins) : 1m;
        var closed = Math.Max(1, (int)Math.Ceiling(p99 / width));
        if (closed * width == p99)
        {
            closed++;
        }

        var counts = new int[closed + 1];
        foreach (var value in ranked)
        {
            counts[Math.Min(closed, (int)Math.Floor(value / width))]++;
        }

        var bins = new List<MoneyBin>(closed + 1);
        for (var i = 0; i < closed; i++)
        {
            bins.Add(new MoneyBin(i * width, (i + 1) * width, counts[i]));
        }

        if (counts[closed] > 0)
        {
            bins.Add(new MoneyBin(closed * width, null, counts[closed]));
        }

        return new ClvDistribution(n, bins, topFrom, topShare);
    }
}

/// <summary>The data the charts draw that the sections do not hold as such (the JSON writes the same numbers).</summary>
internal static class ChartData
{
    private const int CurvePoints = 100;

    /// <summary>The 5 × 5 R × F grid, R = 1 first, with each cell's segment in the analysis's map.</summary>
    public static IReadOnlyList<RfmCell> Grid(RfmAnalysis rfm)
    {
        var cells = new List<RfmCell>(25);
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                cells.Add(new RfmCell(r, f, rfm.CountAt(r, f), rfm.Options.SegmentMap.SegmentOf(r, f)));
            }
        }

        return cells;
    }

    /// <summary>
    /// The Pareto curve of the tiers: after the top k of n customers (highest value first), the share of the positive
    /// value they hold; at most 101 points (every 1 % of customers), from (0, 0) to (1, 1).
    /// </summary>
    public static IReadOnlyList<CurvePoint> ParetoCurve(ValueTierAnalysis tiers)
    {
        var n = tiers.Customers.Count;
        var points = new List<CurvePoint>(CurvePoints + 1);
        var last = -1;
        for (var step = 0; step <= CurvePoints; step++)
        {
            var k = (int)Math.Round((double)step * n / CurvePoints);
            if (k == last)
            {
                continue;
            }

            last = k;

            // The share held by the first k customers, read without making the customers.
            points.Add(new CurvePoint((double)k / n, tiers.ShareOfTop(k)));
        }

        return points;
    }
}
