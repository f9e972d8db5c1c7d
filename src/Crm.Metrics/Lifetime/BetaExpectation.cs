namespace Crm.Metrics.Lifetime;

/// <summary>
/// E[g(p)] for p ~ Beta(a, b), by double-exponential (tanh-sinh) quadrature, which integrates the endpoint
/// singularities of the beta density (a or b below 1) to full precision. The predictions fall back to it where
/// their closed forms are slow (the ₂F₁ argument near 1) or lose precision (a near 1).
/// </summary>
internal static class BetaExpectation
{
    private const int MaxLevels = 8;

    /// <summary>
    /// E[(1 − (1 + p·t/s)^−ρ) / p] for p ~ Beta(a, b): the expected purchases in t of a customer who is alive, buys
    /// at a gamma(ρ, s) rate and drops out with probability p after each purchase (FHL 2005, before integrating p).
    /// </summary>
    public static double ExpectedPurchases(double rho, double s, double a, double b, double t)
    {
        var ratio = t / s;
        return Integrate(a, b, p => -ExpM1(-rho * LogP1(p * ratio)) / p, rho * ratio);
    }

    /// <summary>∫₀¹ g(p) p^(a−1) (1−p)^(b−1) / B(a, b) dp; <paramref name="atZero"/> is the limit of g at p = 0.</summary>
    private static double Integrate(double a, double b, Func<double, double> g, double atZero)
    {
        var logBeta = SpecialFunctions.LogBeta(a, b);

        // p = 1 / (1 + e^(−2u)), u = (π/2) sinh τ; dp/dτ = π cosh τ · p (1 − p). Logs keep p and 1 − p exact near 0 and 1.
        double Term(double tau)
        {
            var u = Math.PI / 2 * Math.Sinh(tau);
            var logP = u >= 0 ? -LogP1(Math.Exp(-2 * u)) : (2 * u) - LogP1(Math.Exp(2 * u));
            var logQ = u <= 0 ? -LogP1(Math.Exp(2 * u)) : (-2 * u) - LogP1(Math.Exp(-2 * u));
            var weight = Math.Exp((a * logP) + (b * logQ) - logBeta) * Math.PI * Math.Cosh(tau);
            if (weight == 0)
            {
                return 0;
            }

            var p = Math.Exp(logP);
            return weight * (p > 0 ? g(p) : atZero);
        }

        // Trapezoid sums in τ, halving the step until two levels agree; the range grows until the terms vanish.
        var h = 0.5;
        var sum = Term(0);
        for (var k = 1; ; k++)
        {
            var left = Term(-k * h);
            var right = Term(k * h);
            sum += left + right;
            if ((Math.Abs(left) + Math.Abs(right) <= 1e-18 * Math.Abs(sum) && k > 4) || k * h > 12)
            {
                break;
            }
        }

        var estimate = sum * h;
        for (var level = 1; level <= MaxLevels; level++)
        {
            h /= 2;
            var odd = 0.0;
            for (var k = 1; ; k += 2)
            {
                var left = Term(-k * h);
                var right = Term(k * h);
                odd += left + right;
                if ((Math.Abs(left) + Math.Abs(right) <= 1e-18 * Math.Abs(sum + odd) && k * h > 2) || k * h > 12)
                {
                    break;
                }
            }

            sum += odd;
            var next = sum * h;
            if (Math.Abs(next - estimate) <= 1e-13 * Math.Abs(next))
            {
                return next;
            }

            estimate = next;
        }

        return estimate;
    }

    /// <summary>ln(1 + x), accurate for small x (Kahan's correction; the BCL's LogP1 is ln(x + 1) as written).</summary>
    internal static double LogP1(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, accurate for small x (Kahan's correction).</summary>
    internal static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        var um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }
}
