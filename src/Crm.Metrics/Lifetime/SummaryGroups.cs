namespace Crm.Metrics.Lifetime;

/// <summary>
/// Customer summaries grouped for fast likelihoods: identical (x, t_x, T) are one group with a weight, and the
/// distinct x, t_x and T values are indexed so that what depends only on one of them is computed once per value.
/// Customers from daily purchase data have whole-day t_x and T, so there are few distinct values (at most one per
/// day of history), and customers without repeat purchases collapse to one group per T.
/// </summary>
internal sealed class SummaryGroups
{
    /// <summary>Groups per chunk of the parallel evaluation (a fixed size, so results do not depend on the core count).</summary>
    public const int ChunkSize = 8192;

    private SummaryGroups(int[] xs, double[] recencies, double[] ages, int[] xIndex, int[] recencyIndex, int[] ageIndex, double[] weight, double[] weightByX, int customers)
    {
        Xs = xs;
        Recencies = recencies;
        Ages = ages;
        XIndex = xIndex;
        RecencyIndex = recencyIndex;
        AgeIndex = ageIndex;
        Weight = weight;
        WeightByX = weightByX;
        Customers = customers;
    }

    /// <summary>The distinct x, ascending.</summary>
    public int[] Xs { get; }

    /// <summary>The distinct t_x values.</summary>
    public double[] Recencies { get; }

    /// <summary>The distinct T values.</summary>
    public double[] Ages { get; }

    public int[] XIndex { get; }

    public int[] RecencyIndex { get; }

    public int[] AgeIndex { get; }

    /// <summary>How many customers share each group's summary.</summary>
    public double[] Weight { get; }

    /// <summary>How many customers have each distinct x.</summary>
    public double[] WeightByX { get; }

    public int Count => Weight.Length;

    public int Customers { get; }

    public int Chunks => (Count + ChunkSize - 1) / ChunkSize;

    public bool HasRepeaters => Xs[^1] > 0;

    public static SummaryGroups From(ReadOnlySpan<RepeatSummary> customers)
    {
        var xValues = new SortedSet<int>();
        foreach (var c in customers)
        {
            xValues.Add(c.X);
        }

        var xs = xValues.ToArray();
        var xPosition = new Dictionary<int, int>(xs.Length);
        for (var i = 0; i < xs.Length; i++)
        {
            xPosition[xs[i]] = i;
        }

        var recencies = new Dictionary<double, int>();
        var ages = new Dictionary<double, int>();
        var groups = new Dictionary<(int X, int Recency, int Age), int>();
        var keys = new List<(int X, int Recency, int Age)>();
        var weights = new List<double>();
        var weightByX = new double[xs.Length];
        foreach (var c in customers)
        {
            var key = (xPosition[c.X], Index(recencies, c.Tx), Index(ages, c.T));
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out var exists);
            if (!exists)
            {
                slot = keys.Count;
                keys.Add(key);
                weights.Add(0);
            }

            weights[slot]++;
            weightByX[key.Item1]++;
        }

        var recencyValues = new double[recencies.Count];
        foreach (var (value, index) in recencies)
        {
            recencyValues[index] = value;
        }

        var ageValues = new double[ages.Count];
        foreach (var (value, index) in ages)
        {
            ageValues[index] = value;
        }

        // Ordered by value, so the sums run in the same order whatever the order of the customers.
        var order = Enumerable.Range(0, keys.Count)
            .OrderBy(i => keys[i].X).ThenBy(i => recencyValues[keys[i].Recency]).ThenBy(i => ageValues[keys[i].Age])
            .ToArray();
        return new SummaryGroups(
            xs,
            recencyValues,
            ageValues,
            [.. order.Select(i => keys[i].X)],
            [.. order.Select(i => keys[i].Recency)],
            [.. order.Select(i => keys[i].Age)],
            [.. order.Select(i => weights[i])],
            weightByX,
            customers.Length);
    }

    private static int Index(Dictionary<double, int> values, double value)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(values, value, out var exists);
        if (!exists)
        {
            slot = values.Count - 1;
        }

        return slot;
    }
}
