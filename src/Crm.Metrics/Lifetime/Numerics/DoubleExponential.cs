namespace Crm.Metrics.Lifetime.Numerics;

/// <summary>
/// ∫₀¹ f(t) dt by double-exponential (tanh-sinh) quadrature, with f given by its logarithm so that integrands of
/// huge or tiny magnitude (powers with large exponents) neither overflow nor underflow. The substitution
/// t = 1 / (1 + e^(−2u)), u = (π/2) sinh τ integrates endpoint singularities (t^(a−1) with a &lt; 1) and peaks
/// close to an endpoint to full precision; t and 1 − t are passed as logarithms, exact near both ends.
/// </summary>
/// <remarks>
/// The terms are summed as they are evaluated, scaled by the largest so far (rescaled when a larger one comes), so
/// that the quadrature itself allocates nothing. With weights (<see cref="IIntegrand"/>'s second form), the same points also give
/// ∫ f wₖ / ∫ f for up to three weights wₖ: the derivatives of ln ∫ f with respect to the integrand's parameters, in
/// one pass instead of one integral per difference quotient.
/// </remarks>
internal static class DoubleExponential
{
    /// <summary>ln f at a point, from ln t and ln(1 − t).</summary>
    public delegate double LogIntegrand(double logT, double logOneMinusT);

    /// <summary>
    /// An integrand given by its logarithm, with up to three weights whose integrals may be asked for relative to its own.
    /// </summary>
    public interface IIntegrand
    {
        /// <summary>ln f at a point, from ln t and ln(1 − t).</summary>
        double Log(double logT, double logOneMinusT);

        /// <summary>ln f at a point, and the weights w₁, w₂, w₃ there (zero for those not used).</summary>
        double Log(double logT, double logOneMinusT, out (double First, double Second, double Third) weights);
    }

    private const int MaxLevels = 8;
    private const double Range = 12;
    private const double Step = 0.5;                        // level 0's step in τ
    private const int FirstPoints = (int)(2 * Range / Step) + 1; // level 0's points, −Range to Range

    /// <summary>ln ∫₀¹ f(t) dt for a positive f; refines the step until two levels agree to about 1e-14.</summary>
    public static double LogIntegrate(LogIntegrand logF)
    {
        var integrand = new DelegateIntegrand(logF);
        return Integrate(ref integrand, weighted: false, out _);
    }

    /// <summary>ln ∫₀¹ f(t) dt for a positive f, as <see cref="LogIntegrate(LogIntegrand)"/>, without a delegate.</summary>
    public static double LogIntegrate<T>(ref T integrand)
        where T : struct, IIntegrand =>
        Integrate(ref integrand, weighted: false, out _);

    /// <summary>
    /// ln ∫₀¹ f(t) dt for a positive f, and ∫ f wₖ / ∫ f for the integrand's three weights, from the same points; the
    /// step is refined until two levels agree on the logarithm to about 1e-14 and on each ratio to about 1e-12.
    /// </summary>
    public static double LogIntegrate<T>(ref T integrand, out (double First, double Second, double Third) ratios)
        where T : struct, IIntegrand =>
        Integrate(ref integrand, weighted: true, out ratios);

    private static double Integrate<T>(ref T integrand, bool weighted, out (double First, double Second, double Third) ratios)
        where T : struct, IIntegrand
    {
        // Level 0 over the whole range finds where the terms matter (within e^−40 of the largest); the finer levels
        // only evaluate there.
        Span<double> first = stackalloc double[FirstPoints];
        var peak = double.NegativeInfinity;
        Span<(double First, double Second, double Third)> firstWeights =
            stackalloc (double, double, double)[weighted ? FirstPoints : 0];
        for (var k = 0; k < FirstPoints; k++)
        {
            first[k] = weighted ? Term(ref integrand, Tau(k), out firstWeights[k]) : Term(ref integrand, Tau(k));
            peak = Math.Max(peak, first[k]);
        }

        double low = -Range, high = Range;
        var lowest = 0;
        var highest = FirstPoints - 1;
        for (var k = 0; k < FirstPoints; k++)
        {
            if (first[k] > peak - 40)
            {
                lowest = Math.Max(0, k - 1);
                low = Tau(lowest);
                break;
            }
        }

        for (var k = FirstPoints - 1; k >= 0; k--)
        {
            if (first[k] > peak - 40)
            {
                highest = Math.Min(FirstPoints - 1, k + 1);
                high = Tau(highest);
                break;
            }
        }

        var sums = default(Sums);
        for (var k = lowest; k <= highest; k++)
        {
            sums.Add(first[k], weighted ? firstWeights[k] : default);
        }

        var h = Step;
        var estimate = sums.Log(h);
        var estimateRatios = sums.HasMass ? sums.Ratios : default;
        var hadMass = sums.HasMass;
        for (var level = 1; level <= MaxLevels; level++)
        {
            h /= 2;
            for (var tau = low + h; tau < high; tau += 2 * h)
            {
                if (weighted)
                {
                    sums.Add(Term(ref integrand, tau, out var weights), weights);
                }
                else
                {
                    sums.Add(Term(ref integrand, tau), default);
                }
            }

            var next = sums.Log(h);
            var nextRatios = sums.HasMass ? sums.Ratios : default;
            var converged = Math.Abs(next - estimate) <= 1e-14 * Math.Max(1, Math.Abs(next))
                && (!weighted
                    || (hadMass
                        && Agree(nextRatios.First, estimateRatios.First)
                        && Agree(nextRatios.Second, estimateRatios.Second)
                        && Agree(nextRatios.Third, estimateRatios.Third)));
            estimate = next;
            estimateRatios = nextRatios;
            hadMass = sums.HasMass;
            if (converged)
            {
                break;
            }
        }

        if (weighted && !hadMass)
        {
            throw new ArithmeticException("The integrand is zero at every point: its weighted integrals relative to it are undefined.");
        }

        ratios = weighted ? estimateRatios : default;
        return estimate;

        static bool Agree(double next, double before) => Math.Abs(next - before) <= 1e-12 * Math.Max(1, Math.Abs(next));

        static double Tau(int k) => -Range + (k * Step);
    }

    /// <summary>The log of the term at τ: ln f plus the log of the Jacobian dt/dτ = π cosh τ · t (1 − t).</summary>
    private static double Term<T>(ref T integrand, double tau)
        where T : struct, IIntegrand
    {
        var (logT, logQ, logJacobian) = Point(tau);
        return integrand.Log(logT, logQ) + logJacobian;
    }

    /// <summary>The log of the term at τ, as <see cref="Term{T}(ref T, double)"/>, and the integrand's weights there.</summary>
    private static double Term<T>(ref T integrand, double tau, out (double First, double Second, double Third) weights)
        where T : struct, IIntegrand
    {
        var (logT, logQ, logJacobian) = Point(tau);
        return integrand.Log(logT, logQ, out weights) + logJacobian;
    }

    /// <summary>ln t, ln(1 − t) and ln(dt/dτ) at τ.</summary>
    private static (double LogT, double LogQ, double LogJacobian) Point(double tau)
    {
        var u = Math.PI / 2 * Math.Sinh(tau);
        var logT = u >= 0 ? -SpecialFunctions.LogP1(Math.Exp(-2 * u)) : (2 * u) - SpecialFunctions.LogP1(Math.Exp(2 * u));
        var logQ = u <= 0 ? -SpecialFunctions.LogP1(Math.Exp(2 * u)) : (-2 * u) - SpecialFunctions.LogP1(Math.Exp(-2 * u));
        return (logT, logQ, logT + logQ + Math.Log(Math.PI * Math.Cosh(tau)));
    }

    /// <summary>
    /// Σ e^(termᵢ − max) and Σ e^(termᵢ − max) wₖ,ᵢ over the terms so far, max the largest term so far: a larger term
    /// rescales the sums, so that no term overflows and the largest counts as 1.
    /// </summary>
    private struct Sums
    {
        private double _max;
        private double _sum, _first, _second, _third;
        private bool _any;

        /// <summary>Whether a term so far is above zero (the ratios are defined).</summary>
        public readonly bool HasMass => _sum > 0;

        /// <summary>The weighted sums over the sum; only when <see cref="HasMass"/>.</summary>
        public readonly (double First, double Second, double Third) Ratios => (_first / _sum, _second / _sum, _third / _sum);

        public void Add(double log, (double First, double Second, double Third) weights)
        {
            if (!_any || log > _max)
            {
                // The first term, or a new largest: the sums so far are rescaled to it (a factor of 0 from −∞).
                var factor = _any && !double.IsNegativeInfinity(log) ? Math.Exp(_max - log) : 0;
                _sum *= factor;
                _first *= factor;
                _second *= factor;
                _third *= factor;
                _max = log;
                _any = true;
            }

            var scaled = double.IsNegativeInfinity(log) ? 0 : Math.Exp(log - _max);
            _sum += scaled;
            _first += scaled * weights.First;
            _second += scaled * weights.Second;
            _third += scaled * weights.Third;
        }

        /// <summary>ln(h Σ e^termᵢ); −∞ while every term is.</summary>
        public readonly double Log(double h) =>
            !_any || double.IsNegativeInfinity(_max) ? double.NegativeInfinity : _max + Math.Log(_sum * h);
    }

    /// <summary>A delegate's integrand, without weights.</summary>
    private readonly struct DelegateIntegrand(LogIntegrand logF) : IIntegrand
    {
        public double Log(double logT, double logOneMinusT) => logF(logT, logOneMinusT);

        public double Log(double logT, double logOneMinusT, out (double First, double Second, double Third) weights)
        {
            weights = default;
            return logF(logT, logOneMinusT);
        }
    }
}
