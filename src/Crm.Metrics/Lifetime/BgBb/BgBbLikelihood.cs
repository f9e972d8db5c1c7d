using static Crm.Metrics.Lifetime.Numerics.SpecialFunctions;

namespace Crm.Metrics.Lifetime.BgBb;

/// <summary>
/// The BG/BB log-likelihood of Fader, Hardie &amp; Shang (2010, eq. 5) and its gradient, pattern by pattern:
/// L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ).
/// The first term is the customer still alive after n occasions; the i-th of the others, the customer alive at
/// occasion t_x + i and gone before the next. Each term is a product of beta ratios, summed in logs.
/// </summary>
internal static class BgBbLikelihood
{
    /// <summary>Σ weight · ln L over the patterns; the gradient ∂/∂(α, β, γ, δ) into <paramref name="gradient"/>.</summary>
    public static double Sum(ReadOnlySpan<double> p, IReadOnlyList<DiscretePattern> patterns, Span<double> gradient)
    {
        double alpha = p[0], beta = p[1], gamma = p[2], delta = p[3];
        gradient.Clear();
        var logBetaAb = LogBeta(alpha, beta);
        var logBetaGd = LogBeta(gamma, delta);
        var psiAb = Digamma(alpha + beta);
        var psiA = Digamma(alpha);
        var psiB = Digamma(beta);
        var psiGd = Digamma(gamma + delta);
        var psiG = Digamma(gamma);
        var psiD = Digamma(delta);
        var total = 0.0;
        Span<double> g = stackalloc double[4];
        foreach (var pattern in patterns)
        {
            total += pattern.Weight * Single(alpha, beta, gamma, delta, pattern.Frequency, pattern.Recency, pattern.Periods, g, logBetaAb, logBetaGd, psiAb, psiA, psiB, psiGd, psiG, psiD);
            for (var k = 0; k < 4; k++)
            {
                gradient[k] += pattern.Weight * g[k];
            }
        }

        return total;
    }

    /// <summary>One pattern's ln L (per customer) at (α, β, γ, δ).</summary>
    public static double Single(double alpha, double beta, double gamma, double delta, int x, int tx, int n)
    {
        Span<double> unused = stackalloc double[4];
        return Single(alpha, beta, gamma, delta, x, tx, n, unused, LogBeta(alpha, beta), LogBeta(gamma, delta), Digamma(alpha + beta), Digamma(alpha), Digamma(beta), Digamma(gamma + delta), Digamma(gamma), Digamma(delta));
    }

    private static double Single(
        double alpha, double beta, double gamma, double delta, int x, int tx, int n, Span<double> gradient,
        double logBetaAb, double logBetaGd, double psiAb, double psiA, double psiB, double psiGd, double psiG, double psiD)
    {
        // ln of each term, and its derivatives; then ln Σ by the largest term, and the gradient as the terms' weighted mean.
        var terms = n - tx + 1;
        Span<double> logs = terms <= 256 ? stackalloc double[terms] : new double[terms];
        Span<double> d = terms <= 64 ? stackalloc double[terms * 4] : new double[terms * 4];
        var max = double.NegativeInfinity;
        for (var j = 0; j < terms; j++)
        {
            // j = 0: alive through the n occasions; j ≥ 1: alive at t_x + (j − 1), gone before the next.
            int y = j == 0 ? n - x : tx - x + (j - 1), g = j == 0 ? 0 : 1, z = j == 0 ? n : tx + (j - 1);
            var psiAbXy = Digamma(alpha + beta + x + y);
            var psiGdGz = Digamma(gamma + delta + g + z);
            logs[j] = LogBeta(alpha + x, beta + y) - logBetaAb + LogBeta(gamma + g, delta + z) - logBetaGd;
            d[(4 * j) + 0] = Digamma(alpha + x) - psiAbXy - psiA + psiAb;
            d[(4 * j) + 1] = Digamma(beta + y) - psiAbXy - psiB + psiAb;
            d[(4 * j) + 2] = Digamma(gamma + g) - psiGdGz - psiG + psiGd;
            d[(4 * j) + 3] = Digamma(delta + z) - psiGdGz - psiD + psiGd;
            max = Math.Max(max, logs[j]);
        }

        var sum = 0.0;
        gradient.Clear();
        for (var j = 0; j < terms; j++)
        {
            var w = Math.Exp(logs[j] - max);
            sum += w;
            for (var k = 0; k < 4; k++)
            {
                gradient[k] += w * d[(4 * j) + k];
            }
        }

        for (var k = 0; k < 4; k++)
        {
            gradient[k] /= sum;
        }

        return max + Math.Log(sum);
    }
}
