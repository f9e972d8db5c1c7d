using Crm.Domain.Activity;
using Crm.Metrics.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Segments;

/// <summary>k-means on RFM: hand-checkable groups, determinism, and the objective's descent.</summary>
public class RfmClusteringTests
{
    private static readonly LocalDate Today = new(2026, 3, 31);

    private static Purchase Sale(string id, int daysAgo, decimal amount) =>
        Purchase.Sale(new CustomerId(id), Today.PlusDays(-daysAgo).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() + Duration.FromHours(12), new Money(amount, Currency.Eur));

    /// <summary>
    /// The assignment four centroids at a time picks what one at a time picks — the same centroid (the first of equal
    /// distances) and the same squared distance, to the bit — for 1 to 9 centroids, with repeated centroids and points
    /// on them (ties and zeros) and coordinates far apart.
    /// </summary>
    [Property(MaxTest = 300)]
    public void The_nearest_centroid_four_at_a_time_is_the_one_at_a_time(PositiveInt seed, byte clusters, bool repeat)
    {
        var random = new Random(seed.Get);
        var k = 1 + (clusters % 9);
        var centroids = new double[k, 3];
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < 3; d++)
            {
                centroids[c, d] = repeat && c > 0 && random.Next(3) == 0 ? centroids[c - 1, d] : Coordinate(random);
            }
        }

        var flat = new double[k * 3];
        Buffer.BlockCopy(centroids, 0, flat, 0, flat.Length * sizeof(double));
        var lanes = new double[3 * RfmClustering.Lanes(k)];
        RfmClustering.ToLanes(centroids, lanes);
        for (var i = 0; i < 50; i++)
        {
            var on = random.Next(k);
            var (x, y, z) = random.Next(4) == 0 ? (centroids[on, 0], centroids[on, 1], centroids[on, 2]) : (Coordinate(random), Coordinate(random), Coordinate(random));

            var one = RfmClustering.Nearest(x, y, z, flat);
            var four = RfmClustering.NearestInLanes(x, y, z, lanes);

            Assert.Equal(one.Cluster, four.Cluster);
            Assert.Equal(BitConverter.DoubleToInt64Bits(one.Distance), BitConverter.DoubleToInt64Bits(four.Distance));
        }

        static double Coordinate(Random random) => random.Next(5) switch
        {
            0 => Math.Round(random.NextDouble() * 4 - 2, 1), // coarse: equal distances are common
            1 => (random.NextDouble() - 0.5) * 1e6,
            _ => (random.NextDouble() * 6) - 3,
        };
    }

    [Fact]
    public void Two_obvious_groups_are_found_and_described_in_original_units()
    {
        // Three recent frequent big spenders and three lapsed one-time small spenders.
        Purchase[] purchases =
        [
            .. new[] { "a", "b", "c" }.SelectMany(id => Enumerable.Range(0, 10).Select(i => Sale(id, 3 * i, 100m))),
            Sale("x", 300, 10m), Sale("y", 310, 10m), Sale("z", 320, 10m),
        ];
        var rfm = RfmAnalysis.Compute(purchases, new RfmOptions(Today));

        var clusters = RfmClustering.Compute(rfm, new ClusterOptions(2) { Seed = 7, LogScaleSkewed = false });

        var groups = rfm.Customers.Select((c, i) => (c.CustomerId.Value, Cluster: clusters.Assignments[i])).GroupBy(t => t.Cluster).Select(g => string.Concat(g.Select(t => t.Value).Order())).Order();
        Assert.Equal(["abc", "xyz"], groups);

        // The lapsed cluster's centroid in days, sale days and euros: (300 + 310 + 320) / 3 = 310, 1, 10.
        var lapsed = clusters.Clusters.Single(c => c.Frequency == 1);
        Assert.Equal((3, 310.0, 10.0), (lapsed.Customers, lapsed.Recency!.Value, lapsed.Monetary!.Value));
        Assert.Equal(clusters.Clusters.Sum(c => c.WithinSumOfSquares), clusters.WithinClusterSumOfSquares, 1e-12);

        // One cluster: the centroid is the population's mean, and k above the customers is refused.
        var one = RfmClustering.Compute(rfm, new ClusterOptions(1));
        Assert.Equal(rfm.Customers.Average(c => c.Frequency), one.Clusters[0].Frequency!.Value, 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>("options", () => RfmClustering.Compute(rfm, new ClusterOptions(7)));
    }

    [Fact]
    public void Groups_of_a_base_of_several_assignment_chunks_are_found_whole()
    {
        // 36,000 customers (over two chunks of 16,384), interleaved among three far-apart groups with a little spread:
        // lapsed one-time small spenders, mid-recency two-time mid spenders, recent six-time big spenders.
        var purchases = new List<Purchase>();
        for (var i = 0; i < 36_000; i++)
        {
            var id = $"c{i:D5}";
            var spread = i / 3 % 5;
            switch (i % 3)
            {
                case 0:
                    purchases.Add(Sale(id, 300 + spread, 10m + spread));
                    break;
                case 1:
                    purchases.AddRange(Enumerable.Range(0, 2).Select(s => Sale(id, 120 + spread + (10 * s), 60m + spread)));
                    break;
                default:
                    purchases.AddRange(Enumerable.Range(0, 6).Select(s => Sale(id, 2 + spread + (5 * s), 300m + spread)));
                    break;
            }
        }

        var rfm = RfmAnalysis.Compute(purchases, new RfmOptions(Today));
        var clusters = RfmClustering.Compute(rfm, new ClusterOptions(3) { Seed = 11 });

        // Each group is one cluster, whole: every customer's cluster is its group's.
        var groupOf = rfm.Customers.Select(c => int.Parse(c.CustomerId.Value[1..], System.Globalization.CultureInfo.InvariantCulture) % 3).ToArray();
        var clusterOfGroup = Enumerable.Range(0, 3).Select(g => clusters.Assignments[Array.IndexOf(groupOf, g)]).ToArray();
        Assert.Equal(3, clusterOfGroup.Distinct().Count());
        Assert.All(Enumerable.Range(0, groupOf.Length), i => Assert.Equal(clusterOfGroup[groupOf[i]], clusters.Assignments[i]));

        // Described in original units: the lapsed group's mean recency (300 to 304 days, evenly) and spend.
        var lapsed = clusters.Clusters[clusterOfGroup[0]];
        Assert.Equal((12_000, 302.0, 12.0), (lapsed.Customers, lapsed.Recency!.Value, lapsed.Monetary!.Value));
    }

    /// <summary>Sales of up to 30 customers over a year.</summary>
    public static Arbitrary<Purchase[]> Sales() =>
        (from id in Gen.Choose(1, 30)
         from day in Gen.Choose(0, 365)
         from amount in Gen.Choose(1, 500)
         select Sale($"c{id}", day, amount))
        .ListOf().Where(l => l.Select(p => p.CustomerId).Distinct().Count() >= 4).Select(l => l.ToArray()).ToArbitrary();

    [Property(Arbitrary = [typeof(RfmClusteringTests)], MaxTest = 100)]
    public void The_same_seed_gives_the_same_clusters_and_the_objective_never_rises(Purchase[] sales, int seed)
    {
        var rfm = RfmAnalysis.Compute(sales, new RfmOptions(Today));
        var options = new ClusterOptions(3) { Seed = seed };

        var first = RfmClustering.Compute(rfm, options);
        var second = RfmClustering.Compute(rfm, options);

        Assert.Equal(first.Assignments, second.Assignments);
        Assert.All(first.ObjectiveByIteration.Zip(first.ObjectiveByIteration.Skip(1)), p => Assert.True(p.Second <= p.First + 1e-9, $"{p.First} → {p.Second}"));
        Assert.Equal(rfm.Customers.Count, first.Clusters.Sum(c => c.Customers));
    }

    /// <summary>Points in three dimensions, with repeats (several customers on one point), and a number of centroids.</summary>
    public static Arbitrary<(double[][] Points, int K, int Seed)> SeedCases() =>
        (from points in Gen.Choose(-20, 20).Select(v => v / 4.0).ArrayOf(3).NonEmptyListOf()
         from k in Gen.Choose(1, 9)
         from seed in Gen.Choose(0, 1000)
         select (points.ToArray(), Math.Min(k, points.Count), seed)).ToArbitrary();

    [Property(Arbitrary = [typeof(RfmClusteringTests)], MaxTest = 200)]
    public void Seeding_draws_each_centroid_by_the_squared_distance_to_the_nearest_chosen((double[][] Points, int K, int Seed) input)
    {
        var (rows, k, seed) = input;
        var points = new double[rows.Length, 3];
        for (var i = 0; i < rows.Length; i++)
        {
            for (var d = 0; d < 3; d++)
            {
                points[i, d] = rows[i][d];
            }
        }

        // k-means++ as written down: each point's distance to every centroid chosen so far, the smallest kept.
        var random = new Random(seed);
        var expected = new List<double[]> { rows[random.Next(rows.Length)] };
        while (expected.Count < k)
        {
            var nearest = rows.Select(p => expected.Min(c => Enumerable.Range(0, 3).Sum(d => (p[d] - c[d]) * (p[d] - c[d])))).ToArray();
            var total = 0.0;
            foreach (var distance in nearest)
            {
                total += distance;
            }

            var chosen = rows.Length - 1;
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                for (var i = 0; i < rows.Length; i++)
                {
                    target -= nearest[i];
                    if (target < 0)
                    {
                        chosen = i;
                        break;
                    }
                }
            }
            else
            {
                chosen = random.Next(rows.Length);
            }

            expected.Add(rows[chosen]);
        }

        var actual = RfmClustering.Seed(points, k, new Random(seed));

        Assert.Equal(expected.Select(c => string.Join(",", c)), Enumerable.Range(0, k).Select(c => $"{actual[c, 0]},{actual[c, 1]},{actual[c, 2]}"));
    }
}
