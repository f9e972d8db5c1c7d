using BenchmarkDotNet.Attributes;
using Crm.Metrics.Lifetime;

namespace Crm.Benchmarks;

/// <summary>
/// Fitting BG/BB to a million customers over ten occasions, simulated with the donations' parameters: the patterns
/// are grouped (at most 66 over ten occasions), so the fit does not grow with the customers. The baseline reads the
/// patterns once (the floor: one pass summing the weights).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class BgBbFitBenchmarks
{
    private DiscreteSummary _summary = null!;

    /// <summary>A million customers, ten occasions, simulated with α, β, γ, δ = 1.2, 0.75, 0.66, 2.8.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20101101);
        var counts = new Dictionary<(int X, int Tx), long>();
        const int n = 10;
        for (var i = 0; i < 1_000_000; i++)
        {
            var p = Beta(random, 1.2, 0.75);
            var theta = Beta(random, 0.66, 2.8);
            int x = 0, tx = 0;
            for (var t = 1; t <= n && random.NextDouble() >= theta; t++)
            {
                if (random.NextDouble() < p)
                {
                    x++;
                    tx = t;
                }
            }

            counts[(x, tx)] = counts.GetValueOrDefault((x, tx)) + 1;
        }

        _summary = DiscreteSummary.FromPatterns(counts.Select(c => new DiscretePattern(c.Key.X, c.Key.Tx, n, c.Value)));
    }

    /// <summary>The floor: one pass over the patterns.</summary>
    /// <returns>The customers.</returns>
    [Benchmark(Baseline = true)]
    public long Floor()
    {
        long total = 0;
        foreach (var p in _summary.Patterns)
        {
            total += p.Weight;
        }

        return total;
    }

    /// <summary>The fit, with standard errors.</summary>
    /// <returns>ln L at the optimum.</returns>
    [Benchmark]
    public double Fit() => BgBbModel.Fit(_summary).LogLikelihood;

    private static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a);
        return x / (x + Gamma(random, b));
    }

    private static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                var u1 = 1 - random.NextDouble();
                var u2 = random.NextDouble();
                z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                v = 1 + (c * z);
            }
            while (v <= 0);

            v = v * v * v;
            var u = random.NextDouble();
            if (Math.Log(u) < (0.5 * z * z) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }
}
