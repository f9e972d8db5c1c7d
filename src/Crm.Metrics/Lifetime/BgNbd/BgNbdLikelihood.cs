using static Crm.Metrics.Lifetime.Numerics.SpecialFunctions;

using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime.BgNbd;

/// <summary>
/// The BG/NBD log-likelihood (Fader, Hardie &amp; Lee 2005) and its gradient, customer by customer — the plain
/// reference that <see cref="BgNbdObjective"/> (grouped, per-x terms once) is tested and benchmarked against:
/// ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) + ln[(α+T)^−(r+x) + 1{x&gt;0} a/(b+x−1) (α+t_x)^−(r+x)].
/// </summary>
/// <remarks>
/// Modified, it is the MBG/NBD log-likelihood (Batislam, Denizel &amp; Filiztekin 2007): one more chance to drop out, at
/// the first purchase, so ln B(a, b+x+1) − ln B(a, b) + ln[(α+T)^−(r+x) + a/(b+x) (α+t_x)^−(r+x)] for every x.
/// </remarks>
internal static class BgNbdLikelihood
{
    /// <summary>One customer's log-likelihood at (r, α, a, b).</summary>
    public static double Single(double r, double alpha, double a, double b, RepeatSummary c, bool modified = false)
    {
        Span<double> unused = stackalloc double[4];
        return Add(r, alpha, a, b, c, 1, unused, modified ? 1 : 0);
    }

    /// <summary>Σ ln L over the customers, each with its weight (how many customers share that summary); the gradient ∂/∂(r, α, a, b) is added into <paramref name="gradient"/>.</summary>
    public static double Sum(double r, double alpha, double a, double b, ReadOnlySpan<RepeatSummary> customers, ReadOnlySpan<int> weights, Span<double> gradient, bool modified = false)
    {
        gradient.Clear();
        var total = 0.0;
        for (var i = 0; i < customers.Length; i++)
        {
            total += Add(r, alpha, a, b, customers[i], weights[i], gradient, modified ? 1 : 0);
        }

        return total;
    }

    private static double Add(double r, double alpha, double a, double b, RepeatSummary c, int weight, Span<double> gradient, int shift)
    {
        var x = c.X;
        var xs = x + shift;
        var mixed = x > 0 || shift == 1;
        var a1 = LogGamma(r + x) - LogGamma(r) + (r * Math.Log(alpha));
        var a2 = LogBeta(a, b + xs) - LogBeta(a, b);
        var a3 = -(r + x) * Math.Log(alpha + c.T);
        var a4 = mixed ? Math.Log(a) - Math.Log(b + xs - 1) - ((r + x) * Math.Log(alpha + c.Tx)) : double.NegativeInfinity;
        var mix = LogSumExp(a3, a4);
        var w4 = mixed ? Math.Exp(a4 - mix) : 0;
        var w3 = 1 - w4;

        var digammaAb = Digamma(a + b);
        var digammaAbx = Digamma(a + b + xs);
        var dr = Digamma(r + x) - Digamma(r) + Math.Log(alpha) - (w3 * Math.Log(alpha + c.T)) - (mixed ? w4 * Math.Log(alpha + c.Tx) : 0);
        var dAlpha = (r / alpha) - (w3 * (r + x) / (alpha + c.T)) - (mixed ? w4 * (r + x) / (alpha + c.Tx) : 0);
        var da = digammaAb - digammaAbx + (mixed ? w4 / a : 0);
        var db = digammaAb + Digamma(b + xs) - Digamma(b) - digammaAbx - (mixed ? w4 / (b + xs - 1) : 0);
        gradient[0] += weight * dr;
        gradient[1] += weight * dAlpha;
        gradient[2] += weight * da;
        gradient[3] += weight * db;
        return weight * (a1 + a2 + mix);
    }
}
