namespace Crm.Metrics.Lifetime.Summaries;

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

    /// <summary>Distinct summaries from which a fit starts from a sample's (<see cref="SampleOf"/>).</summary>
    public const int SampleFrom = 20_000;

    /// <summary>About how many customers the sample that starts a large fit holds.</summary>
    public const int SampleCustomers = 5_000;

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

    /// <summary>
    /// For a base with many distinct summaries, the groups of an evenly spaced sample of about
    /// <see cref="SampleCustomers"/> customers (every k-th), whose fit starts the full one; otherwise <c>null</c>
    /// (a small base is fitted directly, and a sample without repeat purchases is of no use).
    /// </summary>
    /// <param name="customers">All customers, as grouped into <paramref name="groups"/>.</param>
    /// <param name="groups">Their groups.</param>
    /// <param name="unit">The time unit.</param>
    public static SummaryGroups? SampleOf(ReadOnlySpan<CustomerSummary> customers, SummaryGroups groups, ModelTimeUnit unit)
    {
        if (groups.Count < SampleFrom)
        {
            return null;
        }

        var stride = customers.Length / SampleCustomers;
        var sample = new CustomerSummary[customers.Length / stride];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = customers[i * stride];
        }

        var sampled = From(sample, unit, nameof(customers));
        return sampled.HasRepeaters ? sampled : null;
    }

    /// <summary>
    /// Groups customer summaries in <paramref name="unit"/>. Summaries built from purchases have whole-day t_x and T:
    /// those are packed into one 64-bit key per customer (x, t_x and T in days, 21 bits each) and sorted, with no
    /// hashing; anything else takes the general path.
    /// </summary>
    public static SummaryGroups From(ReadOnlySpan<CustomerSummary> customers, ModelTimeUnit unit, string parameter)
    {
        if (customers.IsEmpty)
        {
            throw new ArgumentException("A model needs at least one customer.", parameter);
        }

        const int Bits = 21;
        const long Limit = (1L << Bits) - 1;
        var keys = Crm.Metrics.Storage.WorkArrays<long>.Rent(customers.Length);
        try
        {
            var whole = true;
            long maxAge = 0, maxX = 0;
            for (var i = 0; i < customers.Length && whole; i++)
            {
                ref readonly var c = ref customers[i];
                if (c.CustomerId == default)
                {
                    throw new ArgumentException($"Customer summary {i} is the default value (no customer id); build summaries with the constructor.", parameter);
                }

                var recency = c.Recency.SinceFirstPurchase.TotalDays;
                var age = c.Age.TotalDays;
                var recencyDays = Math.Round(recency);
                var ageDays = Math.Round(age);
                whole = Math.Abs(recency - recencyDays) <= 1e-9 * Math.Max(1, recency) && Math.Abs(age - ageDays) <= 1e-9 * Math.Max(1, age)
                    && ageDays <= Limit && c.Frequency <= Limit;
                keys[i] = ((long)c.Frequency << (2 * Bits)) | ((long)recencyDays << Bits) | (long)ageDays;
                maxAge = Math.Max(maxAge, (long)ageDays);
                maxX = Math.Max(maxX, c.Frequency);
            }

            if (!whole)
            {
                var converted = new RepeatSummary[customers.Length];
                for (var i = 0; i < customers.Length; i++)
                {
                    if (customers[i].CustomerId == default)
                    {
                        throw new ArgumentException($"Customer summary {i} is the default value (no customer id); build summaries with the constructor.", parameter);
                    }

                    converted[i] = customers[i].In(unit);
                }

                return From(converted);
            }

            var sorted = RadixSort(keys.AsSpan(0, customers.Length), maxAge, maxX);
            var count = 1;
            for (var i = 1; i < sorted.Length; i++)
            {
                count += sorted[i] != sorted[i - 1] ? 1 : 0;
            }

            var daysPerUnit = unit == ModelTimeUnit.Weeks ? 7.0 : 1.0;
            var xIndex = new int[count];
            var recencyIndex = new int[count];
            var ageIndex = new int[count];
            var weight = new double[count];
            var xs = new List<int>();
            var weightByX = new List<double>();
            // Day → slot + 1 (0: not seen yet); t_x ≤ T, so both fit in maxAge + 1 entries.
            var recencySlots = new int[maxAge + 1];
            var ageSlots = new int[maxAge + 1];
            var recencies = new List<double>();
            var ages = new List<double>();
            var g = -1;
            for (var i = 0; i < sorted.Length; i++)
            {
                var key = sorted[i];
                if (i > 0 && key == sorted[i - 1])
                {
                    weight[g]++;
                    weightByX[^1]++;
                    continue;
                }

                g++;
                var x = (int)(key >> (2 * Bits));
                if (xs.Count == 0 || xs[^1] != x)
                {
                    xs.Add(x);
                    weightByX.Add(0);
                }

                xIndex[g] = xs.Count - 1;
                recencyIndex[g] = Slot(recencySlots, recencies, (key >> Bits) & Limit, daysPerUnit);
                ageIndex[g] = Slot(ageSlots, ages, key & Limit, daysPerUnit);
                weight[g] = 1;
                weightByX[^1]++;
            }

            return new SummaryGroups([.. xs], [.. recencies], [.. ages], xIndex, recencyIndex, ageIndex, weight, [.. weightByX], customers.Length);
        }
        finally
        {
            Crm.Metrics.Storage.WorkArrays<long>.Return(keys);
        }

        // LSD radix sort on the three packed fields (T, then t_x, then x), each a counting sort over its small range:
        // linear, where a comparison sort of 100,000 keys costs several times the whole grouping.
        static Span<long> RadixSort(Span<long> keys, long maxDay, long maxX)
        {
            var other = Crm.Metrics.Storage.WorkArrays<long>.Rent(keys.Length);
            var counts = Crm.Metrics.Storage.WorkArrays<int>.Rent((int)Math.Max(maxDay, maxX) + 2);
            try
            {
                var source = keys;
                var target = other.AsSpan(0, keys.Length);
                foreach (var (shift, max) in new[] { (0, maxDay), (Bits, maxDay), (2 * Bits, maxX) })
                {
                    var range = counts.AsSpan(0, (int)max + 2);
                    range.Clear();
                    foreach (var key in source)
                    {
                        range[(int)((key >> shift) & Limit) + 1]++;
                    }

                    for (var i = 1; i < range.Length; i++)
                    {
                        range[i] += range[i - 1];
                    }

                    foreach (var key in source)
                    {
                        target[range[(int)((key >> shift) & Limit)]++] = key;
                    }

                    var swap = source;
                    source = target;
                    target = swap;
                }

                // Three passes: the sorted keys are in the other buffer; copy them back.
                source.CopyTo(keys);
                return keys;
            }
            finally
            {
                Crm.Metrics.Storage.WorkArrays<long>.Return(other);
                Crm.Metrics.Storage.WorkArrays<int>.Return(counts);
            }
        }

        static int Slot(int[] slots, List<double> values, long days, double daysPerUnit)
        {
            ref var slot = ref slots[days];
            if (slot == 0)
            {
                values.Add(days / daysPerUnit);
                slot = values.Count;
            }

            return slot - 1;
        }
    }

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
