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

        var raw = new double[3][];
        raw[0] = [.. rfm.Customers.Select(c => c.Recency.Days)];
        raw[1] = [.. rfm.Customers.Select(c => (double)c.Frequency)];
        raw[2] = [.. rfm.Customers.Select(c => (double)c.Monetary.Amount)];
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
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            var moved = false;
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                var (best, distance) = Nearest(points, i, centroids);
                moved |= best != assignment[i];
                assignment[i] = best;
                total += distance;
            }

            objective.Add(total);
            if (!moved && iteration > 0)
            {
                break;
            }

            // New centroids: the members' means; an empty cluster keeps its centroid (the objective cannot rise).
            var sums = new double[k, 3];
            var counts = new int[k];
            for (var i = 0; i < n; i++)
            {
                counts[assignment[i]]++;
                for (var d = 0; d < 3; d++)
                {
                    sums[assignment[i], d] += points[i, d];
                }
            }

            for (var c = 0; c < k; c++)
            {
                for (var d = 0; d < 3 && counts[c] > 0; d++)
                {
                    centroids[c, d] = sums[c, d] / counts[c];
                }
            }
        }

        var clusters = new RfmCluster[k];
        for (var c = 0; c < k; c++)
        {
            var members = Enumerable.Range(0, n).Where(i => assignment[i] == c).ToList();
            var within = members.Sum(i => Distance(points, i, centroids, c));
            clusters[c] = new RfmCluster(
                c,
                members.Count,
                members.Count > 0 ? members.Average(i => raw[0][i]) : null,
                members.Count > 0 ? members.Average(i => raw[1][i]) : null,
                members.Count > 0 ? members.Average(i => raw[2][i]) : null,
                within);
        }

        objective[^1] = clusters.Sum(c => c.WithinSumOfSquares);
        return new RfmClustering(Array.AsReadOnly(clusters), Array.AsReadOnly(assignment), objective.AsReadOnly(), Array.AsReadOnly(logScaled));
    }

    /// <summary>k-means++: the first centroid uniformly, each next one with probability proportional to the squared distance to the nearest chosen.</summary>
    private static double[,] Seed(double[,] points, int k, Random random)
    {
        var n = points.GetLength(0);
        var centroids = new double[k, 3];
        var first = random.Next(n);
        for (var d = 0; d < 3; d++)
        {
            centroids[0, d] = points[first, d];
        }

        var nearest = new double[n];
        for (var c = 1; c < k; c++)
        {
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                nearest[i] = Nearest(points, i, centroids, c).Distance;
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

    private static (int Cluster, double Distance) Nearest(double[,] points, int i, double[,] centroids, int count = -1)
    {
        var k = count < 0 ? centroids.GetLength(0) : count;
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < k; c++)
        {
            var distance = Distance(points, i, centroids, c);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (c, distance);
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
