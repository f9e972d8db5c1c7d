namespace Crm.Metrics.Lifetime.Numerics;

/// <summary>
/// ∫₀¹ f(t) dt by double-exponential (tanh-sinh) quadrature, with f given by its logarithm so that integrands of
/// huge or tiny magnitude (powers with large exponents) neither overflow nor underflow. The substitution
/// t = 1 / (1 + e^(−2u)), u = (π/2) sinh τ integrates endpoint singularities (t^(a−1) with a &lt; 1) and peaks
/// close to an endpoint to full precision; t and 1 − t are passed as logarithms, exact near both ends.
/// </summary>
internal static class DoubleExponential
{
    /// <summary>ln f at a point, from ln t and ln(1 − t).</summary>
    public delegate double LogIntegrand(double logT, double logOneMinusT);

    private const int MaxLevels = 8;
    private const double Range = 12;

    /// <summary>ln ∫₀¹ f(t) dt for a positive f; refines the step until two levels agree to about 1e-14.</summary>
    public static double LogIntegrate(LogIntegrand logF)
    {
        var terms = new List<double>(512);

        // dt/dτ = π cosh τ · t (1 − t): the Jacobian, in logs.
        double LogTerm(double tau)
        {
            var u = Math.PI / 2 * Math.Sinh(tau);
            var logT = u >= 0 ? -SpecialFunctions.LogP1(Math.Exp(-2 * u)) : (2 * u) - SpecialFunctions.LogP1(Math.Exp(2 * u));
            var logQ = u <= 0 ? -SpecialFunctions.LogP1(Math.Exp(2 * u)) : (-2 * u) - SpecialFunctions.LogP1(Math.Exp(-2 * u));
            return logF(logT, logQ) + logT + logQ + Math.Log(Math.PI * Math.Cosh(tau));
        }

        double Sum(double h)
        {
            var max = double.NegativeInfinity;
            foreach (var term in terms)
            {
                max = Math.Max(max, term);
            }

            if (double.IsNegativeInfinity(max))
            {
                return max;
            }

            var sum = 0.0;
            foreach (var term in terms)
            {
                sum += Math.Exp(term - max);
            }

            return max + Math.Log(sum * h);
        }

        // Level 0 (h = 1/2) over the whole range finds where the terms matter (within e^−40 of the largest);
        // the finer levels only evaluate there.
        var h = 0.5;
        var first = new List<(double Tau, double Log)>();
        for (var k = -(int)(Range / h); k * h <= Range; k++)
        {
            first.Add((k * h, LogTerm(k * h)));
        }

        var peak = double.NegativeInfinity;
        foreach (var (_, log) in first)
        {
            peak = Math.Max(peak, log);
        }

        double low = -Range, high = Range;
        foreach (var (tau, log) in first)
        {
            if (log > peak - 40)
            {
                low = Math.Max(-Range, tau - h);
                break;
            }
        }

        for (var i = first.Count - 1; i >= 0; i--)
        {
            if (first[i].Log > peak - 40)
            {
                high = Math.Min(Range, first[i].Tau + h);
                break;
            }
        }

        foreach (var (tau, log) in first)
        {
            if (tau >= low && tau <= high)
            {
                terms.Add(log);
            }
        }

        var estimate = Sum(h);
        for (var level = 1; level <= MaxLevels; level++)
        {
            h /= 2;
            for (var tau = low + h; tau < high; tau += 2 * h)
            {
                terms.Add(LogTerm(tau));
            }

            var next = Sum(h);
            if (Math.Abs(next - estimate) <= 1e-14 * Math.Max(1, Math.Abs(next)))
            {
                return next;
            }

            estimate = next;
        }

        return estimate;
    }
}
