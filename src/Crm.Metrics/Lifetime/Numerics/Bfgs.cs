namespace Crm.Metrics.Lifetime.Numerics;

/// <summary>
/// Unconstrained BFGS (Nocedal &amp; Wright, Numerical Optimization, algorithm 6.1) with a backtracking Armijo line
/// search. Positive parameters are fitted on their logarithms, so "bounded" means the caller's reparametrisation.
/// </summary>
internal static class Bfgs
{
    private const int MaxHalvings = 20;

    /// <summary>An objective: writes the gradient at <c>x</c> into <c>gradient</c> and returns the value.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>Minimises <paramref name="f"/> from <paramref name="start"/>.</summary>
    /// <remarks>
    /// Converged when ‖∇f‖ ≤ <paramref name="gradientTolerance"/> · max(1, |f|): a likelihood summed over N customers
    /// has a gradient that scales with N. Without <paramref name="inverseHessian"/>, the first step is steepest
    /// descent and the first curvature pair scales the identity (Nocedal &amp; Wright eq. 6.20); with one (for example
    /// from a fit of a sample, rescaled), the first step is already quasi-Newton.
    /// </remarks>
    public static OptimisationResult Minimise(Objective f, double[] start, double gradientTolerance = 1e-10, int maxIterations = 500, Action<int, double, double>? onIteration = null, double[,]? inverseHessian = null, CancellationToken cancellationToken = default)
    {
        var n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        var value = f(x, g);
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("The objective is not finite at the starting point.", nameof(start));
        }

        var warm = inverseHessian is not null;
        var h = warm ? (double[,])inverseHessian!.Clone() : Identity(n);
        var direction = new double[n];
        var next = new double[n];
        var nextGradient = new double[n];
        var s = new double[n];
        var y = new double[n];
        var hy = new double[n];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var norm = Norm(g);
            if (norm <= gradientTolerance * Math.Max(1, Math.Abs(value)))
            {
                return new OptimisationResult(x, value, norm, iteration, OptimisationStatus.Converged, g, h);
            }

            // d = −H g; fall back to steepest descent if H lost positive definiteness numerically.
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < n; j++)
                {
                    sum -= h[i, j] * g[j];
                }

                direction[i] = sum;
            }

            var slope = Dot(direction, g);
            var steepest = iteration == 0 && !warm;
            if (!(slope < 0))
            {
                h = Identity(n);
                for (var i = 0; i < n; i++)
                {
                    direction[i] = -g[i];
                }

                slope = -norm * norm;
                steepest = true;
            }

            // Backtracking line search (Armijo, c = 1e-4). A steepest-descent step starts at length 1 (the gradient's
            // scale grows with the data); a quasi-Newton step at 1. Twenty halvings without a strict decrease mean the
            // objective's precision is exhausted: stop there rather than evaluate it forty times more.
            var step = steepest ? Math.Min(1, 1 / norm) : 1.0;
            double nextValue;
            var halvings = 0;
            while (true)
            {
                for (var i = 0; i < n; i++)
                {
                    next[i] = x[i] + (step * direction[i]);
                }

                nextValue = f(next, nextGradient);
                if (double.IsFinite(nextValue) && nextValue < value && nextValue <= value + (1e-4 * step * slope))
                {
                    break;
                }

                step *= 0.5;
                if (++halvings > MaxHalvings)
                {
                    return new OptimisationResult(x, value, norm, iteration, OptimisationStatus.NoFurtherProgress, g, h);
                }
            }

            for (var i = 0; i < n; i++)
            {
                s[i] = next[i] - x[i];
                y[i] = nextGradient[i] - g[i];
            }

            var sy = Dot(s, y);
            if (iteration == 0 && !warm && sy > 0)
            {
                // Scale the first inverse Hessian guess (Nocedal & Wright eq. 6.20).
                var scale = sy / Dot(y, y);
                for (var i = 0; i < n; i++)
                {
                    h[i, i] = scale;
                }
            }

            if (sy > 1e-12 * Norm(s) * Norm(y))
            {
                // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded.
                var rho = 1 / sy;
                for (var i = 0; i < n; i++)
                {
                    var sum = 0.0;
                    for (var j = 0; j < n; j++)
                    {
                        sum += h[i, j] * y[j];
                    }

                    hy[i] = sum;
                }

                var yhy = Dot(y, hy);
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        h[i, j] += (-rho * ((hy[i] * s[j]) + (s[i] * hy[j]))) + (((rho * rho * yhy) + rho) * s[i] * s[j]);
                    }
                }
            }

            Array.Copy(next, x, n);
            Array.Copy(nextGradient, g, n);
            value = nextValue;
            onIteration?.Invoke(iteration + 1, value, Norm(g));
        }

        var final = Norm(g);
        return new OptimisationResult(x, value, final, maxIterations, final <= gradientTolerance * Math.Max(1, Math.Abs(value)) ? OptimisationStatus.Converged : OptimisationStatus.IterationLimit, g, h);
    }

    private static double[,] Identity(int n)
    {
        var h = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            h[i, i] = 1;
        }

        return h;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));
}
