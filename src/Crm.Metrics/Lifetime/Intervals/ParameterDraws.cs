using System.Globalization;

namespace Crm.Metrics.Lifetime.Intervals;

/// <summary>
/// Parameter vectors drawn from a fit's asymptotic normal on the log scale (real-valued effects on their own scale): ln θ ~ N(ln θ̂, Σ_log) with
/// Σ_log[i, j] = Σ[i, j] / (θ̂_i θ̂_j), Σ the inverse observed information (the delta method; at the maximum the
/// observed information of the log-parameters is exactly the natural one scaled so). On the log scale every draw is
/// positive, and a parameter whose estimate is a few standard errors from zero gets the skewed interval it should.
/// </summary>
internal static class ParameterDraws
{
    /// <summary>The most draws one call makes (each is a model the caller evaluates).</summary>
    public const int MaxDraws = 1_000_000;

    /// <summary>
    /// <paramref name="count"/> draws from <paramref name="sampler"/>'s sequence, each a vector in the order of
    /// <paramref name="estimates"/>: a fresh standard normal per parameter, multiplied by the Cholesky factor of Σ_log.
    /// </summary>
    /// <exception cref="InvalidOperationException">Σ_log is not positive definite, or a draw leaves the range of a double (a standard error far larger than its estimate).</exception>
    public static double[][] Draw(IReadOnlyList<ParameterEstimate> estimates, IReadOnlyList<IReadOnlyList<double>> covariance, int count, Sampler sampler)
    {
        var n = estimates.Count;
        var log = new double[n, n];
        var centre = new double[n];
        for (var i = 0; i < n; i++)
        {
            centre[i] = estimates[i].Unbounded ? estimates[i].Value : Math.Log(estimates[i].Value);
            for (var j = 0; j < n; j++)
            {
                log[i, j] = covariance[i][j] / (Scale(estimates[i]) * Scale(estimates[j]));
            }
        }

        var factor = Numerics.MaximumLikelihood.Cholesky(log)
            ?? throw new InvalidOperationException("The covariance of the log-parameters is not positive definite to working precision, so no draws can be made from it.");
        var draws = new double[count][];
        var z = new double[n];
        for (var d = 0; d < count; d++)
        {
            for (var i = 0; i < n; i++)
            {
                z[i] = sampler.Normal();
            }

            var draw = new double[n];
            for (var i = 0; i < n; i++)
            {
                var value = centre[i];
                for (var j = 0; j <= i; j++)
                {
                    value += factor[i, j] * z[j];
                }

                draw[i] = estimates[i].Unbounded ? value : Math.Exp(value);
                if (!(draw[i] > 0 || estimates[i].Unbounded) || !double.IsFinite(draw[i]))
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A draw of parameter '{estimates[i].Name}' is beyond the range of a double: its standard error ({estimates[i].StandardError:G3}) is too large beside its estimate ({estimates[i].Value:G3}) for intervals from draws."));
                }
            }

            draws[d] = draw;
        }

        return draws;
    }

    // The derivative of the drawn scale by the natural one: 1/θ on the log scale, 1 for a real-valued effect.
    private static double Scale(ParameterEstimate estimate) => estimate.Unbounded ? 1 : estimate.Value;
}
