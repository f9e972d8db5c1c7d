using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.Summaries;
using static Crm.Metrics.Lifetime.Numerics.SpecialFunctions;

namespace Crm.Metrics.Lifetime.ParetoNbd;

/// <summary>
/// The Pareto/NBD log-likelihood (Schmittlein, Morrison &amp; Colombo 1987, in the form of Fader, Hardie &amp; Lee's
/// 2005 note): with a = r + s + x,
/// ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[(α+T)^−(r+x) (β+T)^−s + s/a · A₀], where for α ≥ β
/// A₀ = F(a, s+1; (α−β)/(α+t_x)) (α+t_x)^−a − F(a, s+1; (α−β)/(α+T)) (α+T)^−a and for α &lt; β the same with α, β
/// swapped and s+1 replaced by r+x; F(a, b; z) = ₂F₁(a, b; a+1; z).
/// </summary>
internal static class ParetoNbdLikelihood
{

    /// <summary>One customer's ln L.</summary>
    public static double Single(double r, double alpha, double s, double beta, RepeatSummary c) =>
        LogGamma(r + c.X) - LogGamma(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta)) + LogBracket(r, alpha, s, beta, c.X, c.Tx, c.T);

    /// <summary>ln[(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) A₀].</summary>
    public static double LogBracket(double r, double alpha, double s, double beta, int x, double tx, double t) =>
        SpecialFunctions.LogSumExp(-((r + x) * Math.Log(alpha + t)) - (s * Math.Log(beta + t)), Math.Log(s / (r + s + x)) + LogA0(r, alpha, s, beta, x, tx, t));

    /// <summary>ln A₀ (−∞ when t_x = T).</summary>
    public static double LogA0(double r, double alpha, double s, double beta, int x, double tx, double t)
    {
        var a = r + s + x;
        double m, b, difference;
        if (alpha >= beta)
        {
            (m, b, difference) = (alpha, s + 1, alpha - beta);
        }
        else
        {
            (m, b, difference) = (beta, r + x, beta - alpha);
        }

        var atRecency = Hypergeometric.LogTwoF1PlusOne(a, b, difference / (m + tx)) - (a * Math.Log(m + tx));
        if (tx == t)
        {
            return double.NegativeInfinity;
        }

        var atAge = Hypergeometric.LogTwoF1PlusOne(a, b, difference / (m + t)) - (a * Math.Log(m + t));

        // A₀ = e^atRecency − e^atAge ≥ 0, in logs without cancellation.
        return atRecency + Math.Log(-SpecialFunctions.ExpM1(atAge - atRecency));
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀).</summary>
    public static double ProbabilityAlive(double r, double alpha, double s, double beta, RepeatSummary c)
    {
        var log = Math.Log(s / (r + s + c.X)) + ((r + c.X) * Math.Log(alpha + c.T)) + (s * Math.Log(beta + c.T)) + LogA0(r, alpha, s, beta, c.X, c.Tx, c.T);
        return 1 / (1 + Math.Exp(log));
    }

    /// <summary>(1 − u^(s−1)) / (s − 1) for 0 &lt; u ≤ 1, continuous at s = 1 (where it is −ln u).</summary>
    public static double PowerRatio(double u, double s)
    {
        var log = Math.Log(u);
        var e = s - 1;
        return e == 0 ? -log : -SpecialFunctions.ExpM1(e * log) / e;
    }
}
