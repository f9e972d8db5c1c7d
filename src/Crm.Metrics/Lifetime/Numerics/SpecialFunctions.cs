namespace Crm.Metrics.Lifetime.Numerics;

/// <summary>
/// Log-gamma, digamma, log-beta and log-sum-exp for positive arguments, to about 1e-14 relative accuracy: the
/// recurrence shifts the argument to x ≥ 10, where the asymptotic (Stirling / de Moivre) series converges fast.
/// </summary>
internal static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "ln Γ(x) is computed for finite x > 0.");
        }

        // ln Γ(x) = ln Γ(x + n) − ln(x (x + 1) … (x + n − 1)), with x + n ≥ 10.
        var shift = 0.0;
        var product = 1.0;
        while (x < 10)
        {
            product *= x;
            x += 1;
            if (product > 1e280)
            {
                shift += Math.Log(product);
                product = 1;
            }
        }

        shift += Math.Log(product);
        var inverse = 1 / x;
        var inverse2 = inverse * inverse;

        // Σ B₂ₖ / (2k (2k − 1) x^(2k − 1)), k = 1..7
        var series = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 * (1.0 / 1680 - inverse2 * (1.0 / 1188 - inverse2 * (691.0 / 360360 - inverse2 * (1.0 / 156)))))));
        return ((x - 0.5) * Math.Log(x)) - x + HalfLogTwoPi + series - shift;
    }

    /// <summary>ψ(x) = d/dx ln Γ(x) for x &gt; 0.</summary>
    public static double Digamma(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "ψ(x) is computed for finite x > 0.");
        }

        // ψ(x) = ψ(x + 1) − 1/x until x ≥ 10, then the asymptotic series.
        var result = 0.0;
        while (x < 10)
        {
            result -= 1 / x;
            x += 1;
        }

        var inverse2 = 1 / (x * x);

        // ln x − 1/(2x) − Σ B₂ₖ / (2k x^(2k)), k = 1..6
        var series = inverse2 * (1.0 / 12 - inverse2 * (1.0 / 120 - inverse2 * (1.0 / 252 - inverse2 * (1.0 / 240 - inverse2 * (1.0 / 132 - inverse2 * (691.0 / 32760))))));
        return result + Math.Log(x) - (0.5 / x) - series;
    }

    /// <summary>
    /// ln |Γ(x)| and the sign of Γ(x) for any finite x: for x ≤ 0 by the reflection Γ(x) Γ(1 − x) = π / sin(πx). At
    /// the poles (0, −1, −2, …) the result is +∞ with sign 0, so that 1/Γ there is exactly 0.
    /// </summary>
    public static double LogAbsGamma(double x, out double sign)
    {
        if (x > 0)
        {
            sign = 1;
            return LogGamma(x);
        }

        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "ln |Γ(x)| is computed for finite x.");
        }

        var sine = double.SinPi(x);
        if (sine == 0)
        {
            sign = 0;
            return double.PositiveInfinity;
        }

        sign = Math.Sign(sine);
        return Math.Log(Math.PI / Math.Abs(sine)) - LogGamma(1 - x);
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b &gt; 0.</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ln(eᵃ + eᵇ) without overflow or underflow; −∞ terms are allowed.</summary>
    public static double LogSumExp(double a, double b)
    {
        var max = Math.Max(a, b);
        return double.IsNegativeInfinity(max) ? max : max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }

    /// <summary>ln(1 + x), accurate for small x (Kahan's correction; the BCL's LogP1 is ln(x + 1) as written).</summary>
    public static double LogP1(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, accurate for small x (Kahan's correction).</summary>
    public static double ExpM1(double x)
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
