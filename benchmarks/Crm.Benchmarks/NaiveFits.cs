using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.BgNbd;
using Crm.Metrics.Lifetime.ParetoNbd;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Benchmarks;

/// <summary>The naive fits the baselines run: the plain per-customer likelihood (no grouping), BFGS from the origin.</summary>
internal static class NaiveFits
{
    /// <summary>BG/NBD with its analytic gradient, one term per customer.</summary>
    /// <param name="plain">The customers.</param>
    /// <returns>ln L at the optimum.</returns>
    public static double BgNbd(RepeatSummary[] plain)
    {
        var gradient = new double[4];
        var ones = Enumerable.Repeat(1, plain.Length).ToArray();
        double Objective(ReadOnlySpan<double> theta, Span<double> g)
        {
            foreach (var t in theta)
            {
                if (Math.Abs(t) > 50)
                {
                    return double.PositiveInfinity; // a trial step far outside: the line search halves it
                }
            }

            var (r, alpha, a, b) = (Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3]));
            var value = BgNbdLikelihood.Sum(r, alpha, a, b, plain, ones, gradient);
            g[0] = -gradient[0] * r;
            g[1] = -gradient[1] * alpha;
            g[2] = -gradient[2] * a;
            g[3] = -gradient[3] * b;
            return -value;
        }

        return -Bfgs.Minimise(Objective, [0, 0, 0, 0], 1e-8).Value;
    }

    /// <summary>Pareto/NBD with a central-difference gradient, one term per customer.</summary>
    /// <param name="plain">The customers.</param>
    /// <returns>ln L at the optimum.</returns>
    public static double ParetoNbd(RepeatSummary[] plain)
    {
        double Sum(ReadOnlySpan<double> p)
        {
            var total = 0.0;
            foreach (var c in plain)
            {
                total += ParetoNbdLikelihood.Single(p[0], p[1], p[2], p[3], c);
            }

            return total;
        }

        var point = new double[4];
        double Objective(ReadOnlySpan<double> theta, Span<double> g)
        {
            foreach (var t in theta)
            {
                if (Math.Abs(t) > 50)
                {
                    return double.PositiveInfinity;
                }
            }

            Span<double> p = [Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3])];
            var value = Sum(p);
            for (var i = 0; i < 4; i++)
            {
                p.CopyTo(point);
                var h = 1e-6 * p[i];
                point[i] = p[i] + h;
                var up = Sum(point);
                point[i] = p[i] - h;
                g[i] = -(up - Sum(point)) / (2 * h) * p[i];
            }

            return double.IsFinite(value) ? -value : double.PositiveInfinity;
        }

        return -Bfgs.Minimise(Objective, [0, 0, 0, 0], 1e-8).Value;
    }

    /// <summary>The plain (x, t_x, T) of a summary, in weeks.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>One row per customer.</returns>
    public static RepeatSummary[] Plain(CustomerBaseSummary summary) =>
        [.. summary.Customers.Select(c => new RepeatSummary(c.Frequency, c.Recency.In(ModelTimeUnit.Weeks), c.Age.ToUnit(ModelTimeUnit.Weeks)))];

    /// <summary>The floor of the fit tables: one scan of the summaries.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>A checksum.</returns>
    public static double Scan(CustomerBaseSummary summary)
    {
        var sum = 0.0;
        foreach (var c in summary.Customers)
        {
            sum += c.Frequency + c.Age.Value;
        }

        return sum;
    }
}
