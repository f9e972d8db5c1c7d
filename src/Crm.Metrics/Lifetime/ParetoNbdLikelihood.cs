using static Crm.Metrics.Lifetime.SpecialFunctions;

namespace Crm.Metrics.Lifetime;

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
        return atRecency + Math.Log(-BetaExpectation.ExpM1(atAge - atRecency));
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
        return e == 0 ? -log : -BetaExpectation.ExpM1(e * log) / e;
    }
}

/// <summary>
/// Σ ln L of Pareto/NBD over grouped summaries. A₀ is the difference of one term that depends on (x, t_x) and one
/// that depends on (x, T): each distinct pair is evaluated once per call (customers without repeat purchases share a
/// single (0, 0) term), in fixed parallel chunks summed in order, so the result does not depend on the core count.
/// </summary>
/// <remarks>Not thread-safe (scratch buffers are reused between calls): one instance per fit.</remarks>
internal sealed class ParetoNbdObjective
{
    private const int ChunkSize = 256;
    private readonly SummaryGroups _groups;
    private readonly (int X, double Time)[] _pairs;
    private readonly int[] _recencyPair, _agePair;
    private readonly double[] _pairTerm, _partials;

    public ParetoNbdObjective(SummaryGroups groups)
    {
        _groups = groups;
        var index = new Dictionary<(int, double), int>();
        var pairs = new List<(int, double)>();
        int Pair(int x, double time)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(index, (x, time), out var exists);
            if (!exists)
            {
                slot = pairs.Count;
                pairs.Add((x, time));
            }

            return slot;
        }

        _recencyPair = new int[groups.Count];
        _agePair = new int[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var x = groups.Xs[groups.XIndex[g]];
            _recencyPair[g] = Pair(x, groups.Recencies[groups.RecencyIndex[g]]);
            _agePair[g] = Pair(x, groups.Ages[groups.AgeIndex[g]]);
        }

        _pairs = [.. pairs];
        _pairTerm = new double[_pairs.Length];
        _partials = new double[(groups.Count + ChunkSize - 1) / ChunkSize];
    }

    public int DistinctTerms => _pairs.Length;

    /// <summary>Σ ln L at (r, α, s, β) = <paramref name="p"/>; −∞ outside the parameter space.</summary>
    public double Evaluate(ReadOnlySpan<double> p)
    {
        double r = p[0], alpha = p[1], s = p[2], beta = p[3];
        if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || !double.IsFinite(r + alpha + s + beta))
        {
            return double.NegativeInfinity;
        }

        // ln[F(a, b; z(m + time)) (m + time)^−a] for each distinct (x, time).
        var (m, difference, alphaLarger) = alpha >= beta ? (alpha, alpha - beta, true) : (beta, beta - alpha, false);
        var pairs = _pairs;
        var terms = _pairTerm;
        Parallel.For(0, (pairs.Length + ChunkSize - 1) / ChunkSize, chunk =>
        {
            for (var i = chunk * ChunkSize; i < Math.Min(pairs.Length, (chunk + 1) * ChunkSize); i++)
            {
                var (x, time) = pairs[i];
                var a = r + s + x;
                terms[i] = Hypergeometric.LogTwoF1PlusOne(a, alphaLarger ? s + 1 : r + x, difference / (m + time)) - (a * Math.Log(m + time));
            }
        });

        var groups = _groups;
        var constant = -SpecialFunctions.LogGamma(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta));
        var logGammaRx = new double[groups.Xs.Length];
        for (var k = 0; k < logGammaRx.Length; k++)
        {
            logGammaRx[k] = SpecialFunctions.LogGamma(r + groups.Xs[k]);
        }

        var partials = _partials;
        Parallel.For(0, partials.Length, chunk =>
        {
            var sum = 0.0;
            for (var g = chunk * ChunkSize; g < Math.Min(groups.Count, (chunk + 1) * ChunkSize); g++)
            {
                var k = groups.XIndex[g];
                var x = groups.Xs[k];
                var age = groups.Ages[groups.AgeIndex[g]];
                var atRecency = terms[_recencyPair[g]];
                var logA0 = _recencyPair[g] == _agePair[g] ? double.NegativeInfinity : atRecency + Math.Log(-BetaExpectation.ExpM1(terms[_agePair[g]] - atRecency));
                var bracket = SpecialFunctions.LogSumExp(-((r + x) * Math.Log(alpha + age)) - (s * Math.Log(beta + age)), Math.Log(s / (r + s + x)) + logA0);
                sum += groups.Weight[g] * (logGammaRx[k] + constant + bracket);
            }

            partials[chunk] = sum;
        });

        var total = 0.0;
        foreach (var partial in partials)
        {
            total += partial;
        }

        return total;
    }
}
