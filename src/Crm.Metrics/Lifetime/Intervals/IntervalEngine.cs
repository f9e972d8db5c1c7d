using System.Runtime.InteropServices;
using Crm.Metrics.Concurrency;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime.Intervals;

/// <summary>
/// Evaluates a factored purchase model (and a spend model) over groups of customers at many parameter draws. A group
/// is a distinct (x, t_x, T) in the model's unit — for a base, identical customers count once with a weight and the
/// sum of their mean repeat spends (E[Z | x, m̄] is linear in m̄); for chosen customers, each customer alone. The
/// expected purchases while alive, W(x, T, t), are computed once per distinct (x, T) and horizon step per draw, the
/// pairs of one age T handed to the model together (BG/NBD and MBG/NBD share one series' moments between them).
/// </summary>
internal sealed class IntervalEngine
{
    private const int RunsPerCore = 4; // runs of draws per core, so that the cores finish together

    private readonly RepeatSummary[] _groups;
    private readonly GroupIndex _index;
    private readonly double[] _weight;   // customers in the group
    private readonly double[] _spendSum; // Σ m̄ over the group's customers with x > 0
    private readonly int[] _pairOf;      // the group's (x, T) pair
    private readonly (int X, double T)[] _pairs;
    private readonly int[] _xs;          // the pairs' x, in their order
    private readonly double[] _horizons; // the horizon steps, in the model's unit: one for purchases alone, K for a CLV
    private readonly double[] _discounts; // 1/(1 + d)^k after step k, each the one before divided by 1 + d (for a CLV)
    private readonly double _margin;

    private IntervalEngine(RepeatSummary[] groups, double[] weight, double[] spendSum, int[] pairOf, (int X, double T)[] pairs, double[] horizons, double rate, double margin)
    {
        _groups = groups;
        _index = GroupIndex.Of(groups);
        _weight = weight;
        _spendSum = spendSum;
        _pairOf = pairOf;
        _pairs = pairs;
        _xs = [.. pairs.Select(p => p.X)];
        _horizons = horizons;
        _discounts = new double[horizons.Length];
        var discount = 1.0;
        for (var k = 0; k < _discounts.Length; k++)
        {
            discount /= rate;
            _discounts[k] = discount;
        }

        _margin = margin;
    }

    /// <summary>The distinct (x, T) pairs.</summary>
    public int PairCount => _pairs.Length;

    /// <summary>
    /// The engine over <paramref name="customers"/>: grouped by (x, t_x, T) when <paramref name="grouped"/>, else one
    /// group per customer in their order. With a <paramref name="spend"/> model, every customer with x &gt; 0 must have
    /// a positive mean repeat value in its currency.
    /// </summary>
    public static IntervalEngine Create(ReadOnlySpan<CustomerSummary> customers, bool grouped, ModelTimeUnit unit, double[] horizons, GammaGammaModel? spend, double rate, double margin, string parameter)
    {
        var groups = new List<RepeatSummary>();
        var weight = new List<double>();
        var spendSum = new List<double>();
        var index = grouped ? new Dictionary<RepeatSummary, int>() : null;
        foreach (ref readonly var customer in customers)
        {
            var summary = customer.In(unit);
            var mean = 0.0;
            if (spend is not null && summary.X > 0)
            {
                // The spend model's own rules for m̄ (present, positive), then its currency.
                mean = GammaGammaModel.MeanValue(customer, parameter);
                if (customer.MeanRepeatValue!.Value.Currency != spend.Currency)
                {
                    throw new CurrencyMismatchException(spend.Currency, customer.MeanRepeatValue.Value.Currency, parameter);
                }
            }

            if (index is not null)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, summary, out var exists);
                if (exists)
                {
                    weight[slot]++;
                    spendSum[slot] += mean;
                    continue;
                }

                slot = groups.Count;
            }

            groups.Add(summary);
            weight.Add(1);
            spendSum.Add(mean);
        }

        // The distinct (x, T) pairs, ordered by T then x: pairs of one age share the powers of s = α + T (see
        // BgNbdPredictions), and each pair's figures do not depend on the order they are computed in.
        var pairs = groups.Select(g => (g.X, g.T)).Distinct().OrderBy(p => p.T).ThenBy(p => p.X).ToArray();
        var pairIndex = new Dictionary<(int, double), int>(pairs.Length);
        for (var p = 0; p < pairs.Length; p++)
        {
            pairIndex.Add(pairs[p], p);
        }

        var pairOf = new int[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            pairOf[g] = pairIndex[(groups[g].X, groups[g].T)];
        }

        return new IntervalEngine([.. groups], [.. weight], [.. spendSum], pairOf, pairs, horizons, rate, margin);
    }

    /// <summary>
    /// Each group's figures under one model (and spend model), into <paramref name="scratch"/>: P(alive), E[Y(horizon)]
    /// per customer, the sum of the group's customers' E[Z] (+∞ where the spend model has no finite mean for them), and
    /// the group's total CLV, margin applied (+∞ with an infinite spend).
    /// </summary>
    public void Evaluate(IFactoredPurchaseModel model, GammaGammaModel? spend, Scratch scratch)
    {
        var (alive, purchases, spendTotal, value) = (scratch.Alive, scratch.Purchases, scratch.Spend, scratch.Value);
        var whileAlive = scratch.WhileAlive;
        var discounted = scratch.Discounted;
        ByPairAndGroup(model, scratch);
        for (var g = 0; g < _groups.Length; g++)
        {
            var probability = alive[g];
            purchases[g] = whileAlive[_pairOf[g]] * probability;
            if (spend is null)
            {
                continue;
            }

            // Σ over the group of E[Z | x, m̄] = p (γ + x m̄) / (p x + q − 1): linear in m̄, so the group's sum of m̄ does.
            var x = _groups[g].X;
            var denominator = (spend.P * x) + spend.Q - 1;
            var total = denominator > 0 ? spend.P * ((spend.Gamma * _weight[g]) + (x * _spendSum[g])) / denominator : double.PositiveInfinity;
            spendTotal[g] = total;
            value[g] = double.IsFinite(total) ? probability * discounted[_pairOf[g]] * total * _margin : double.PositiveInfinity;
        }
    }

    /// <summary>
    /// The totals of <see cref="Evaluate"/>'s figures over the groups, without keeping them per group: Σ customers ×
    /// E[Y(horizon)], Σ customers × P(alive), and Σ CLV (0 without a spend model), each summed in group order, to the
    /// bit what summing <see cref="Evaluate"/>'s arrays in that order gives.
    /// </summary>
    public (double Purchases, double Alive, double Value) Totals(IFactoredPurchaseModel model, GammaGammaModel? spend, Scratch scratch)
    {
        var (alive, whileAlive, discounted) = (scratch.Alive, scratch.WhileAlive, scratch.Discounted);
        ByPairAndGroup(model, scratch);
        double purchasesTotal = 0, aliveTotal = 0, valueTotal = 0;
        for (var g = 0; g < _groups.Length; g++)
        {
            var probability = alive[g];
            var weight = _weight[g];
            purchasesTotal += weight * (whileAlive[_pairOf[g]] * probability);
            aliveTotal += weight * probability;
            if (spend is null)
            {
                continue;
            }

            // As in Evaluate: the group's E[Z] sum, then its CLV.
            var x = _groups[g].X;
            var denominator = (spend.P * x) + spend.Q - 1;
            var total = denominator > 0 ? spend.P * ((spend.Gamma * weight) + (x * _spendSum[g])) / denominator : double.PositiveInfinity;
            valueTotal += double.IsFinite(total) ? probability * discounted[_pairOf[g]] * total * _margin : double.PositiveInfinity;
        }

        return (purchasesTotal, aliveTotal, valueTotal);
    }

    /// <summary>The model's figures per (x, T) pair (W and its discounted sum) and per group (P(alive)), into <paramref name="scratch"/>.</summary>
    private void ByPairAndGroup(IFactoredPurchaseModel model, Scratch scratch)
    {
        // The pairs of one age together: a model may share work between their x's.
        for (var start = 0; start < _pairs.Length;)
        {
            var age = _pairs[start].T;
            var end = start + 1;
            while (end < _pairs.Length && _pairs[end].T == age)
            {
                end++;
            }

            model.DiscountedWhileAlive(_xs.AsSpan(start, end - start), age, _horizons, _discounts, scratch.WhileAlive.AsSpan(start, end - start), scratch.Discounted.AsSpan(start, end - start));
            start = end;
        }

        model.ProbabilityAlive(_index, scratch.Alive);
    }

    /// <summary>
    /// Runs <paramref name="evaluate"/> for every draw on the thread pool, in a few contiguous runs of draws per core.
    /// A run takes a <see cref="Scratch"/> that no other run is using, or a new one, and gives it back when done, so
    /// that there are about as many as cores, not as runs (the result of each draw does not depend on its scratch).
    /// </summary>
    public static void ForEachDraw(int draws, Func<Scratch> scratch, Action<int, Scratch> evaluate, CancellationToken cancellationToken)
    {
        var runs = Math.Min(draws, RunsPerCore * Environment.ProcessorCount);
        var free = new System.Collections.Concurrent.ConcurrentBag<Scratch>();
        Partitioned.For(runs, new ParallelOptions { CancellationToken = cancellationToken }, run =>
        {
            var buffers = free.TryTake(out var spare) ? spare : scratch();
            for (var d = (int)((long)draws * run / runs); d < (int)((long)draws * (run + 1) / runs); d++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                evaluate(d, buffers);
            }

            free.Add(buffers);
        });
    }

    /// <summary>
    /// W at the last horizon and the increments of <paramref name="cumulative"/> (W at each horizon step) discounted:
    /// Σ_k (W_k − W_{k−1}) d_k with W_0 = 0, summed step by step.
    /// </summary>
    public static (double Last, double Discounted) Discount(ReadOnlySpan<double> cumulative, ReadOnlySpan<double> discounts)
    {
        var sum = 0.0;
        var previous = 0.0;
        for (var k = 0; k < cumulative.Length; k++)
        {
            sum += (cumulative[k] - previous) * discounts[k];
            previous = cumulative[k];
        }

        return (previous, sum);
    }

    /// <summary>Buffers for one thread's evaluations.</summary>
    public Scratch NewScratch() => new(_pairs.Length, _groups.Length);

    /// <summary>One thread's buffers: per pair and per group.</summary>
    internal sealed class Scratch(int pairs, int groups)
    {
        public double[] WhileAlive { get; } = new double[pairs];

        public double[] Discounted { get; } = new double[pairs];

        public double[] Alive { get; } = new double[groups];

        public double[] Purchases { get; } = new double[groups];

        public double[] Spend { get; } = new double[groups];

        public double[] Value { get; } = new double[groups];
    }
}
