namespace Crm.Metrics.Lifetime;

/// <summary>
/// Maximum likelihood over positive parameters: BFGS on their logarithms, then standard errors from the observed
/// information (the Hessian of −ln L, by central differences of the analytic gradient).
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>ln L and its gradient with respect to the (natural, positive) parameters.</summary>
    public delegate double LogLikelihood(ReadOnlySpan<double> parameters, Span<double> gradient);

    private const double Boundary = 25;

    public sealed record Result(double[] Parameters, double LogLikelihood, int Iterations, double GradientNorm, FitStatus Status, double?[] StandardErrors)
    {
        /// <summary>The public fit: the model built from the estimates, and each estimate named with its standard error.</summary>
        public ModelFit<TModel> ToFit<TModel>(Func<double[], TModel> model, string[] names, int customers, int distinctSummaries)
            where TModel : class =>
            new(model(Parameters), LogLikelihood, Iterations, GradientNorm, Status,
                [.. names.Select((name, i) => new ParameterEstimate(name, Parameters[i], StandardErrors[i]))], customers, distinctSummaries);
    }

    public static Result Maximise(LogLikelihood logLikelihood, double[] start, FitOptions options, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        var n = start.Length;
        var natural = new double[n];
        var naturalGradient = new double[n];
        double Objective(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            for (var i = 0; i < n; i++)
            {
                // A trial step far outside any sensible range: reject it (the line search halves the step).
                if (Math.Abs(theta[i]) > 2 * Boundary)
                {
                    return double.PositiveInfinity;
                }

                natural[i] = Math.Exp(theta[i]);
            }

            var value = logLikelihood(natural, naturalGradient);

            // Minimise −ln L; ∂/∂ln p = p ∂/∂p.
            for (var i = 0; i < n; i++)
            {
                gradient[i] = -naturalGradient[i] * natural[i];
            }

            return double.IsFinite(value) ? -value : double.PositiveInfinity;
        }

        var logStart = Array.ConvertAll(start, Math.Log);
        Action<int, double, double>? report = progress is null ? null : (iteration, value, norm) => progress.Report(new FitProgress(iteration, -value, norm));
        var optimum = Bfgs.Minimise(Objective, logStart, options.GradientTolerance, options.MaxIterations, report, cancellationToken);
        var estimate = Array.ConvertAll(optimum.Point, Math.Exp);
        var status = optimum.Point.Any(t => Math.Abs(t) > Boundary) ? FitStatus.ParameterAtBoundary : optimum.Status switch
        {
            OptimisationStatus.Converged => FitStatus.Converged,
            OptimisationStatus.NoFurtherProgress => FitStatus.NoFurtherProgress,
            _ => FitStatus.IterationLimit,
        };

        return new Result(estimate, -optimum.Value, optimum.Iterations, optimum.GradientNorm, status, StandardErrors(logLikelihood, estimate));
    }

    /// <summary>√diag(H⁻¹), H = −∂²ln L / ∂θ² by central differences of the gradient; all null unless H is positive definite.</summary>
    internal static double?[] StandardErrors(LogLikelihood logLikelihood, double[] estimate)
    {
        var n = estimate.Length;
        var hessian = new double[n, n];
        var up = new double[n];
        var down = new double[n];
        var point = new double[n];
        for (var j = 0; j < n; j++)
        {
            var h = 1e-5 * estimate[j];
            estimate.CopyTo(point, 0);
            point[j] = estimate[j] + h;
            var valueUp = logLikelihood(point, up);
            point[j] = estimate[j] - h;
            var valueDown = logLikelihood(point, down);
            if (!double.IsFinite(valueUp) || !double.IsFinite(valueDown))
            {
                return new double?[n];
            }

            for (var i = 0; i < n; i++)
            {
                hessian[i, j] = -(up[i] - down[i]) / (2 * h);
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
            return errors;
        }

        for (var i = 0; i < n; i++)
        {
            errors[i] = inverse[i, i] > 0 && double.IsFinite(inverse[i, i]) ? Math.Sqrt(inverse[i, i]) : null;
        }

        return errors;
    }

    /// <summary>A⁻¹ for a symmetric positive-definite A, or null when A is not positive definite.</summary>
    internal static double[,]? InvertPositiveDefinite(double[,] a)
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
                    if (!(sum > 0))
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
}
