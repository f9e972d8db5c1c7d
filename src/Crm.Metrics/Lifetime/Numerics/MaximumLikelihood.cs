namespace Crm.Metrics.Lifetime.Numerics;

/// <summary>
/// Maximum likelihood over positive parameters: BFGS on their logarithms, then standard errors from the observed
/// information (the Hessian of −ln L, by central differences of the analytic gradient).
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>ln L and its gradient with respect to the (natural, positive) parameters.</summary>
    public delegate double LogLikelihood(ReadOnlySpan<double> parameters, Span<double> gradient);

    // ln 10⁵: no customer base of days or weeks has a parameter beyond 10⁵ or below 10⁻⁵ unless the data do not
    // identify it (no heterogeneity: a gamma or beta mixing distribution collapsing to a point, r and α running to
    // infinity together). Trial steps beyond the wall are refused outright, which also bounds the fit's time.
    private const double Boundary = 11.5;
    private const double Wall = Boundary + 4;

    // A parameter within this of the boundary is probed: pushed this much further, does ln L fall?
    private const double Probe = 2;

    // The sample's fit only has to land near the maximum: the full fit polishes it.
    private const double SampleTolerance = 1e-6;

    /// <summary>
    /// A finished maximisation: the estimates, ln L there, how it ended, the standard errors, and the index of the
    /// first parameter beyond the boundary (−1 when none).
    /// </summary>
    public sealed record Result(double[] Parameters, double LogLikelihood, int Iterations, double GradientNorm, FitStatus Status, double?[] StandardErrors, double[,]? Covariance, int AtBoundary = -1)
    {
        /// <summary>The public fit: the model built from the estimates, and each estimate named with its standard error.</summary>
        /// <param name="model">The model at a parameter vector.</param>
        /// <param name="names">The parameters' names, in order.</param>
        /// <param name="customers">The customers fitted.</param>
        /// <param name="distinctSummaries">The distinct summaries among them.</param>
        /// <param name="positive">How many leading parameters are positive (the rest are real-valued effects); all when null.</param>
        public ModelFit<TModel> ToFit<TModel>(Func<double[], TModel> model, string[] names, int customers, int distinctSummaries, int? positive = null)
            where TModel : class =>
            new(model(Parameters), LogLikelihood, Iterations, GradientNorm, Status,
                [.. names.Select((name, i) => new ParameterEstimate(name, Parameters[i], StandardErrors[i]) { Unbounded = i >= (positive ?? names.Length) })], customers, distinctSummaries,
                AtBoundary >= 0 ? names[AtBoundary] : null,
                Covariance is { } c ? [.. Enumerable.Range(0, c.GetLength(0)).Select(i => (IReadOnlyList<double>)[.. Enumerable.Range(0, c.GetLength(1)).Select(j => c[i, j])])] : null,
                model);
    }

    /// <summary>ln L of a sample of the customers, to fit first: its maximum and curvature start the full fit.</summary>
    /// <param name="LogLikelihood">ln L of the sample.</param>
    /// <param name="Share">The sample's customers as a fraction of all (ln L grows with the customers, its inverse Hessian shrinks).</param>
    public sealed record Sample(LogLikelihood LogLikelihood, double Share);

    /// <summary>
    /// Maximises ln L from <paramref name="start"/>. With a <paramref name="sample"/>, the sample is fitted first
    /// (to a looser tolerance) and the full fit starts at its maximum with its inverse Hessian rescaled, which on a
    /// large base takes a few full-data iterations instead of twenty or more; the full fit converges to the same
    /// tolerance either way. A sample fit that fails or runs to a boundary is ignored. The first
    /// <paramref name="positive"/> parameters (all when null) are positive and fitted on their logarithms; the rest
    /// (covariate effects) are real numbers, fitted as they are.
    /// </summary>
    public static Result Maximise(LogLikelihood logLikelihood, double[] start, FitOptions options, IProgress<FitProgress>? progress, CancellationToken cancellationToken, Sample? sample = null, int? positive = null)
    {
        var n = start.Length;
        var logs = positive ?? n;
        var natural = new double[n];
        var naturalGradient = new double[n];
        Bfgs.Objective Objective(LogLikelihood f) => (theta, gradient) =>
        {
            for (var i = 0; i < n; i++)
            {
                // A trial step far outside any sensible range, or not a number: reject it (the line search halves the step).
                if (!(Math.Abs(theta[i]) <= Wall))
                {
                    return double.PositiveInfinity;
                }

                natural[i] = i < logs ? Math.Exp(theta[i]) : theta[i];
            }

            var value = f(natural, naturalGradient);

            // Minimise −ln L; ∂/∂ln p = p ∂/∂p.
            for (var i = 0; i < n; i++)
            {
                gradient[i] = i < logs ? -naturalGradient[i] * natural[i] : -naturalGradient[i];
            }

            return double.IsFinite(value) ? -value : double.PositiveInfinity;
        };

        var logStart = new double[n];
        for (var i = 0; i < n; i++)
        {
            logStart[i] = i < logs ? Math.Log(start[i]) : start[i];
        }

        double[,]? inverseHessian = null;
        if (sample is not null)
        {
            var first = Bfgs.Minimise(Objective(sample.LogLikelihood), logStart, Math.Max(options.GradientTolerance, SampleTolerance), options.MaxIterations, null, null, cancellationToken);
            if (first.Status != OptimisationStatus.IterationLimit && first.Point.All(t => Math.Abs(t) <= Boundary))
            {
                logStart = first.Point;
                inverseHessian = first.InverseHessian;
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        inverseHessian[i, j] *= sample.Share;
                    }
                }
            }
        }

        Action<int, double, double>? report = progress is null ? null : (iteration, value, norm) => progress.Report(new FitProgress(iteration, -value, norm));
        var optimum = Bfgs.Minimise(Objective(logLikelihood), logStart, options.GradientTolerance, options.MaxIterations, report, inverseHessian, cancellationToken);
        var estimate = new double[n];
        for (var i = 0; i < n; i++)
        {
            estimate[i] = i < logs ? Math.Exp(optimum.Point[i]) : optimum.Point[i];
        }

        var atBoundary = Array.FindIndex(optimum.Point, t => !(Math.Abs(t) <= Boundary));
        if (atBoundary < 0)
        {
            atBoundary = Unidentified(Objective(logLikelihood), optimum.Point, optimum.Value);
        }

        var status = atBoundary >= 0 ? FitStatus.ParameterAtBoundary : optimum.Status switch
        {
            OptimisationStatus.Converged => FitStatus.Converged,
            OptimisationStatus.NoFurtherProgress => FitStatus.NoFurtherProgress,
            _ => FitStatus.IterationLimit,
        };

        // ∂ln L/∂p from the fit's last gradient (with respect to ln p, of −ln L).
        var naturalAtEstimate = new double[n];
        for (var i = 0; i < n; i++)
        {
            naturalAtEstimate[i] = i < logs ? -optimum.Gradient[i] / estimate[i] : -optimum.Gradient[i];
        }

        var (se, covariance) = StandardErrors(logLikelihood, estimate, naturalAtEstimate, logs);
        return new Result(estimate, -optimum.Value, optimum.Iterations, optimum.GradientNorm, status, se, covariance, atBoundary);
    }

    /// <summary>
    /// The index of a parameter near the boundary along which the likelihood does not fall (pushed further out, ln L
    /// stays within its precision): the data do not identify it, the fit only stopped on the way to infinity or zero.
    /// −1 when there is none.
    /// </summary>
    private static int Unidentified(Bfgs.Objective objective, double[] point, double value)
    {
        var trial = (double[])point.Clone();
        var gradient = new double[point.Length];
        var tolerance = 1e-9 * Math.Max(1, Math.Abs(value));
        for (var i = 0; i < point.Length; i++)
        {
            if (Math.Abs(point[i]) <= Boundary - Probe)
            {
                continue;
            }

            trial[i] = point[i] + (Math.Sign(point[i]) * Probe);
            var further = objective(trial, gradient);
            trial[i] = point[i];
            if (further <= value + tolerance)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// √diag(H⁻¹), H = −∂²ln L / ∂p² by forward differences of the gradient (relative step 1e-6, accurate to about
    /// 1e-6 relative: far beyond what a standard error needs; for a real-valued parameter the step is 1e-6 · max(1, |p|));
    /// all null unless H is positive definite.
    /// </summary>
    /// <param name="logLikelihood">ln L and its gradient.</param>
    /// <param name="estimate">The maximum.</param>
    /// <param name="gradient">∂ln L/∂p at <paramref name="estimate"/>, already known from the fit (about zero, but not exactly).</param>
    /// <returns>The standard errors, and H⁻¹ itself (the asymptotic covariance of the estimates; null when H is not positive definite).</returns>
    /// <param name="positive">How many leading parameters are positive (the rest are real-valued); all when null.</param>
    internal static (double?[] Errors, double[,]? Covariance) StandardErrors(LogLikelihood logLikelihood, double[] estimate, ReadOnlySpan<double> gradient, int? positive = null)
    {
        var n = estimate.Length;
        var hessian = new double[n, n];
        var up = new double[n];
        var point = new double[n];
        for (var j = 0; j < n; j++)
        {
            var h = j < (positive ?? n) ? 1e-6 * estimate[j] : 1e-6 * Math.Max(1, Math.Abs(estimate[j]));
            estimate.CopyTo(point, 0);
            point[j] = estimate[j] + h;
            h = point[j] - estimate[j]; // the step actually taken
            if (!double.IsFinite(logLikelihood(point, up)))
            {
                return (new double?[n], null);
            }

            for (var i = 0; i < n; i++)
            {
                hessian[i, j] = -(up[i] - gradient[i]) / h;
            }
        }

        // Symmetrise, then invert through the Cholesky factor (which also tests positive definiteness).
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                hessian[i, j] = hessian[j, i] = (hessian[i, j] + hessian[j, i]) / 2;
            }
        }

        var inverse = InvertPositiveDefinite(hessian);
        var errors = new double?[n];
        if (inverse is null)
        {
            return (errors, null);
        }

        // The inverse of a symmetric matrix is symmetric; make it exactly so (rounding leaves the two halves a few ulps apart).
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                inverse[i, j] = inverse[j, i] = (inverse[i, j] + inverse[j, i]) / 2;
            }
        }

        var finite = true;
        for (var i = 0; i < n; i++)
        {
            errors[i] = inverse[i, i] > 0 && double.IsFinite(inverse[i, i]) ? Math.Sqrt(inverse[i, i]) : null;
            for (var j = 0; j < n; j++)
            {
                finite &= double.IsFinite(inverse[i, j]);
            }
        }

        return (errors, finite && errors.All(e => e is not null) ? inverse : null);
    }

    /// <summary>A⁻¹ for a symmetric positive-definite A, or null when A is not positive definite.</summary>
    internal static double[,]? InvertPositiveDefinite(double[,] a)
    {
        var n = a.GetLength(0);
        if (Cholesky(a) is not { } l)
        {
            return null;
        }

        // Columns of A⁻¹ by forward and back substitution on unit vectors.
        var inverse = new double[n, n];
        var y = new double[n];
        for (var column = 0; column < n; column++)
        {
            for (var i = 0; i < n; i++)
            {
                var sum = i == column ? 1.0 : 0.0;
                for (var k = 0; k < i; k++)
                {
                    sum -= l[i, k] * y[k];
                }

                y[i] = sum / l[i, i];
            }

            for (var i = n - 1; i >= 0; i--)
            {
                var sum = y[i];
                for (var k = i + 1; k < n; k++)
                {
                    sum -= l[k, i] * inverse[k, column];
                }

                inverse[i, column] = sum / l[i, i];
            }
        }

        return inverse;
    }

    /// <summary>The lower Cholesky factor L of a symmetric A (A = L Lᵀ), or null when A is not positive definite to working precision.</summary>
    internal static double[,]? Cholesky(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return null;
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        return l;
    }
}
