using System.Runtime.Intrinsics;

namespace Crm.Metrics.Segments;

/// <summary>
/// k-means clusters of RFM customers: R, F and M standardised (z-scores; a feature with skewness above 1 is first
/// log-scaled), seeded by k-means++ from a caller-given seed, then Lloyd iterations until no customer moves. The
/// within-cluster sum of squares is reported for choosing k (the elbow), and never increases between iterations.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RfmClustering
{
    private RfmClustering(IReadOnlyList<RfmCluster> clusters, IReadOnlyList<int> assignments, IReadOnlyList<double> objective, IReadOnlyList<bool> logScaled)
    {
        Clusters = clusters;
        Assignments = assignments;
        ObjectiveByIteration = objective;
        LogScaled = logScaled;
    }

    /// <summary>The clusters, 0 … k − 1.</summary>
    public IReadOnlyList<RfmCluster> Clusters { get; }

    /// <summary>Each customer's cluster, in the order of <see cref="RfmAnalysis.Customers"/>.</summary>
    public IReadOnlyList<int> Assignments { get; }

    /// <summary>The total within-cluster sum of squares.</summary>
    public double WithinClusterSumOfSquares => ObjectiveByIteration[^1];

    /// <summary>The total within-cluster sum of squares after each iteration (never increasing).</summary>
    public IReadOnlyList<double> ObjectiveByIteration { get; }

    /// <summary>Whether R, F and M were log-scaled (in that order).</summary>
    public IReadOnlyList<bool> LogScaled { get; }

    /// <summary>The customers one assignment task takes.</summary>
    private const int ChunkSize = 16_384;

    /// <summary>Clusters the customers of an RFM analysis.</summary>
    /// <param name="rfm">The RFM analysis.</param>
    /// <param name="options">k, seed, iteration limit, log-scaling.</param>
    /// <returns>The clustering.</returns>
    /// <exception cref="ArgumentException">k is below 1 or above the number of customers, or the iteration limit is below 1.</exception>
    public static RfmClustering Compute(RfmAnalysis rfm, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        ArgumentNullException.ThrowIfNull(options);
        var n = rfm.Customers.Count;
        var k = options.Clusters;
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(options), k, $"The number of clusters must be between 1 and the number of customers ({n}).");
        }

        if (options.MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxIterations, "ClusterOptions.MaxIterations must be at least 1.");
        }

        // The features from the packed customers: no customer object is made.
        double[][] raw = [new double[n], new double[n], new double[n]];
        var customers = rfm.Packed;
        for (var i = 0; i < n; i++)
        {
            (raw[0][i], raw[1][i], raw[2][i]) = (customers.RecencyDays(i), customers.Frequency(i), (double)customers.Monetary(i));
        }
        var logScaled = new bool[3];
        var points = new double[n, 3];
        for (var d = 0; d < 3; d++)
        {
            logScaled[d] = options.LogScaleSkewed && Skewness(raw[d]) > 1 && raw[d].All(v => v > -1);
            var feature = logScaled[d] ? raw[d].Select(v => Math.Log(1 + v)).ToArray() : raw[d];
            var mean = feature.Average();
            var sd = Math.Sqrt(feature.Sum(v => (v - mean) * (v - mean)) / n);
            for (var i = 0; i < n; i++)
            {
                points[i, d] = sd > 0 ? (feature[i] - mean) / sd : 0;
            }
        }

        var centroids = Seed(points, k, new Random(options.Seed));
        var assignment = new int[n];
        Array.Fill(assignment, -1);
        var objective = new List<double>();
        // Customers are assigned in fixed chunks (on several threads when there are several), each chunk summing its
        // distances and its members' coordinates in customer order; the chunks' sums are added in chunk order, so the
        // result does not depend on the number of threads (and a base of one chunk sums exactly as one loop would).
        var chunks = (n + ChunkSize - 1) / ChunkSize;
        var partial = new double[chunks, (k * 4) + 2]; // per chunk: the distance total, whether one moved, per cluster the count and three sums
        var flat = new double[k * 3]; // the centroids of this iteration, one after the other
        var lanes = Vector256.IsHardwareAccelerated ? new double[3 * Lanes(k)] : null; // the same, coordinate by coordinate
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            Buffer.BlockCopy(centroids, 0, flat, 0, flat.Length * sizeof(double));
            if (lanes is not null)
            {
                ToLanes(centroids, lanes);
            }

            Concurrency.Partitioned.For(chunks, null, chunk =>
            {
                var total = 0.0;
                var moved = false;
                var sums = new double[k * 4];
                var first = chunk * ChunkSize;
                var count = Math.Min(n, first + ChunkSize) - first;

                // The chunk's points (x, y, z one after the other, as the array lays them out) and assignments as spans:
                // one bounds check each for the chunk instead of one per coordinate.
                var coordinates = Coordinates(points).Slice(first * 3, count * 3);
                var assigned = assignment.AsSpan(first, count);
                for (var i = 0; i < assigned.Length; i++)
                {
                    var (x, y, z) = (coordinates[3 * i], coordinates[(3 * i) + 1], coordinates[(3 * i) + 2]);
                    var (best, distance) = lanes is null ? Nearest(x, y, z, flat) : NearestInLanes(x, y, z, lanes);
                    moved |= best != assigned[i];
                    assigned[i] = best;
                    total += distance;
                    var at = best * 4;
                    sums[at]++;
                    sums[at + 1] += x;
                    sums[at + 2] += y;
                    sums[at + 3] += z;
                }

                partial[chunk, 0] = total;
                partial[chunk, 1] = moved ? 1 : 0;
                for (var j = 0; j < sums.Length; j++)
                {
                    partial[chunk, 2 + j] = sums[j];
                }
            });

            var objectiveNow = 0.0;
            var anyMoved = false;
            var counts = new double[k];
            var means = new double[k, 3];
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                objectiveNow += partial[chunk, 0];
                anyMoved |= partial[chunk, 1] != 0;
                for (var c = 0; c < k; c++)
                {
                    counts[c] += partial[chunk, 2 + (c * 4)];
                    for (var d = 0; d < 3; d++)
                    {
                        means[c, d] += partial[chunk, 2 + (c * 4) + 1 + d];
                    }
                }
            }

            objective.Add(objectiveNow);
            if (!anyMoved && iteration > 0)
            {
                break;
            }

            // New centroids: the members' means; an empty cluster keeps its centroid (the objective cannot rise).
            for (var c = 0; c < k; c++)
            {
                for (var d = 0; d < 3 && counts[c] > 0; d++)
                {
                    centroids[c, d] = means[c, d] / counts[c];
                }
            }
        }

        // Per cluster in one pass: members, the within sum of squares and the raw sums, in customer order.
        var size = new int[k];
        var withinSum = new double[k];
        var rawSums = new double[k, 3];
        for (var i = 0; i < n; i++)
        {
            var c = assignment[i];
            size[c]++;
            withinSum[c] += Distance(points, i, centroids, c);
            for (var d = 0; d < 3; d++)
            {
                rawSums[c, d] += raw[d][i];
            }
        }

        var clusters = new RfmCluster[k];
        for (var c = 0; c < k; c++)
        {
            clusters[c] = new RfmCluster(
                c,
                size[c],
                size[c] > 0 ? rawSums[c, 0] / size[c] : null,
                size[c] > 0 ? rawSums[c, 1] / size[c] : null,
                size[c] > 0 ? rawSums[c, 2] / size[c] : null,
                withinSum[c]);
        }

        objective[^1] = clusters.Sum(c => c.WithinSumOfSquares);
        return new RfmClustering(Array.AsReadOnly(clusters), Array.AsReadOnly(assignment), objective.AsReadOnly(), Array.AsReadOnly(logScaled));
    }

    /// <summary>The points' coordinates in the array's own layout: point after point, x, y and z.</summary>
    private static ReadOnlySpan<double> Coordinates(double[,] points) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(
            ref System.Runtime.CompilerServices.Unsafe.As<byte, double>(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(points)),
            points.Length);

    /// <summary>k-means++: the first centroid uniformly, each next one with probability proportional to the squared distance to the nearest chosen.</summary>
    internal static double[,] Seed(double[,] points, int k, Random random)
    {
        var n = points.GetLength(0);
        var centroids = new double[k, 3];
        var first = random.Next(n);
        for (var d = 0; d < 3; d++)
        {
            centroids[0, d] = points[first, d];
        }

        // Each point's squared distance to the nearest centroid chosen so far, kept as a running minimum: the newest
        // centroid is the only one a point has not been measured against.
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        for (var c = 1; c < k; c++)
        {
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], Distance(points, i, centroids, c - 1));
                total += nearest[i];
            }

            var chosen = n - 1;
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                for (var i = 0; i < n; i++)
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
                chosen = random.Next(n); // every point is on a centroid: any point will do
            }

            for (var d = 0; d < 3; d++)
            {
                centroids[c, d] = points[chosen, d];
            }
        }

        return centroids;
    }

    /// <summary>
    /// The centroid nearest to the point (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>), the first
    /// of equals, and its squared distance, summed in the order of <see cref="Distance"/>.
    /// </summary>
    internal static (int Cluster, double Distance) Nearest(double x, double y, double z, ReadOnlySpan<double> centroids)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (int c = 0, at = 0; at + 2 < centroids.Length; c++, at += 3)
        {
            var (dx, dy, dz) = (x - centroids[at], y - centroids[at + 1], z - centroids[at + 2]);
            var distance = (dx * dx) + (dy * dy) + (dz * dz);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (c, distance);
            }
        }

        return (best, bestDistance);
    }

    /// <summary>The lanes for <paramref name="k"/> centroids: k rounded up to whole vectors of four.</summary>
    internal static int Lanes(int k) => (k + 3) / 4 * 4;

    /// <summary>
    /// The centroids coordinate by coordinate (all x, then all y, then all z), each run padded to whole vectors with
    /// centroids at infinity, whose distance is infinite and never the nearest.
    /// </summary>
    internal static void ToLanes(double[,] centroids, Span<double> lanes)
    {
        var width = lanes.Length / 3;
        lanes.Fill(double.PositiveInfinity);
        for (var c = 0; c < centroids.GetLength(0); c++)
        {
            for (var d = 0; d < 3; d++)
            {
                lanes[(d * width) + c] = centroids[c, d];
            }
        }
    }

    /// <summary>
    /// <see cref="Nearest"/> four centroids at a time: the same squared distances (the same operations in the same
    /// order, lane by lane), the same centroid (the first of equals) and the same distance.
    /// </summary>
    internal static (int Cluster, double Distance) NearestInLanes(double x, double y, double z, ReadOnlySpan<double> lanes)
    {
        var width = lanes.Length / 3;
        var (px, py, pz) = (Vector256.Create(x), Vector256.Create(y), Vector256.Create(z));
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var at = 0; at < width; at += 4)
        {
            var dx = px - Vector256.Create(lanes.Slice(at, 4));
            var dy = py - Vector256.Create(lanes.Slice(width + at, 4));
            var dz = pz - Vector256.Create(lanes.Slice((2 * width) + at, 4));
            var distance = (dx * dx) + (dy * dy) + (dz * dz);

            // The least of the four in every lane: neighbours first, then halves.
            var least = Vector256.Min(distance, Vector256.Shuffle(distance, Vector256.Create(1L, 0, 3, 2)));
            least = Vector256.Min(least, Vector256.Shuffle(least, Vector256.Create(2L, 3, 0, 1)));
            var blockBest = least.ToScalar();
            if (blockBest < bestDistance)
            {
                best = at + System.Numerics.BitOperations.TrailingZeroCount(Vector256.Equals(distance, least).ExtractMostSignificantBits());
                bestDistance = blockBest;
            }
        }

        return (best, bestDistance);
    }

    private static double Distance(double[,] points, int i, double[,] centroids, int c)
    {
        var sum = 0.0;
        for (var d = 0; d < 3; d++)
        {
            var delta = points[i, d] - centroids[c, d];
            sum += delta * delta;
        }

        return sum;
    }

    private static double Skewness(double[] values)
    {
        var mean = values.Average();
        var m2 = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        var m3 = values.Sum(v => (v - mean) * (v - mean) * (v - mean)) / values.Length;
        return m2 > 0 ? m3 / Math.Pow(m2, 1.5) : 0;
    }
}
