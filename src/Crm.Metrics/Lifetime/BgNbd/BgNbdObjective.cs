#if NET9_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif
using Crm.Metrics.Lifetime.Summaries;
using static Crm.Metrics.Lifetime.Numerics.SpecialFunctions;

namespace Crm.Metrics.Lifetime.BgNbd;

/// <summary>
/// The BG/NBD log-likelihood — and, modified, the MBG/NBD one (Batislam, Denizel &amp; Filiztekin 2007, where a
/// customer may also drop out right after the first purchase: B(a, b+x+1) for B(a, b+x), a/(b+x) for a/(b+x−1), and
/// the second bracket term for every x) — with its analytic gradient over grouped summaries. Terms that depend only on x are
/// computed once per distinct x, those that depend only on T or t_x once per distinct value, so each group costs
/// one exp and one log; large inputs are split into fixed chunks evaluated on the thread pool and summed in order.
/// </summary>
/// <remarks>Not thread-safe (scratch buffers are reused between evaluations): one instance per fit.</remarks>
internal sealed class BgNbdObjective : Numerics.IObjective
{
    private readonly SummaryGroups _groups;

    // 0 for BG/NBD, 1 for MBG/NBD: one more chance to drop out (at the first purchase) shifts b by one.
    private readonly int _shift;
    private readonly double[] _logAge, _inverseAge, _logRecency, _inverseRecency;
    private readonly double[] _rx, _logOddsX, _w4ByX;

    // Per chunk: 3 sums, then Σ w·w4 per distinct x.
    private readonly double[] _partials;

    public BgNbdObjective(SummaryGroups groups, bool modified = false)
    {
        _groups = groups;
        _shift = modified ? 1 : 0;
        _logAge = new double[groups.Ages.Length];
        _inverseAge = new double[groups.Ages.Length];
        _logRecency = new double[groups.Recencies.Length];
        _inverseRecency = new double[groups.Recencies.Length];
        _rx = new double[groups.Xs.Length];
        _logOddsX = new double[groups.Xs.Length];
        _w4ByX = new double[groups.Xs.Length];
        _partials = new double[groups.Chunks * (3 + groups.Xs.Length)];
    }

    /// <summary>Σ ln L at (r, α, a, b) = <paramref name="p"/>; the gradient ∂/∂(r, α, a, b) into <paramref name="gradient"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> p, Span<double> gradient)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        var groups = _groups;
        for (var i = 0; i < _logAge.Length; i++)
        {
            _logAge[i] = Math.Log(alpha + groups.Ages[i]);
            _inverseAge[i] = 1 / (alpha + groups.Ages[i]);
        }

        for (var i = 0; i < _logRecency.Length; i++)
        {
            _logRecency[i] = Math.Log(alpha + groups.Recencies[i]);
            _inverseRecency[i] = 1 / (alpha + groups.Recencies[i]);
        }

        var logA = Math.Log(a);
        for (var k = 0; k < groups.Xs.Length; k++)
        {
            var x = groups.Xs[k];
            _rx[k] = r + x;
            _logOddsX[k] = x > 0 || _shift == 1 ? logA - Math.Log(b + x - 1 + _shift) : double.NegativeInfinity;
        }

        var chunks = groups.Chunks;
        var width = 3 + groups.Xs.Length;
        Array.Clear(_partials);
        if (chunks > 1)
        {
            Parallel.For(0, chunks, chunk => EvaluateChunk(chunk, width));
        }
        else
        {
            EvaluateChunk(0, width);
        }

        double mix = 0, sumLog = 0, sumInverse = 0;
        var w4 = _w4ByX;
        Array.Clear(w4);
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var partial = _partials.AsSpan(chunk * width, width);
            mix += partial[0];
            sumLog += partial[1];
            sumInverse += partial[2];
            for (var k = 0; k < w4.Length; k++)
            {
                w4[k] += partial[3 + k];
            }
        }

        // The terms that depend only on x, weighted by the customers with that x.
        var logAlpha = Math.Log(alpha);
        var logGammaR = LogGamma(r);
        var digammaR = Digamma(r);
        var logBetaAb = LogBeta(a, b);
        var digammaAb = Digamma(a + b);
        var digammaB = Digamma(b);
        var logGammaA = LogGamma(a);
        double value = mix, dr = -sumLog, dAlpha = -sumInverse, da = 0, db = 0;
        for (var k = 0; k < groups.Xs.Length; k++)
        {
            var x = groups.Xs[k];
            var xs = x + _shift;
            var w = groups.WeightByX[k];
            var digammaAbx = Digamma(a + b + xs);
            var mixed = x > 0 || _shift == 1;
            value += w * (LogGamma(r + x) - logGammaR + (r * logAlpha) + logGammaA + LogGamma(b + xs) - LogGamma(a + b + xs) - logBetaAb);
            dr += w * (Digamma(r + x) - digammaR + logAlpha);
            dAlpha += w * r / alpha;
            da += (w * (digammaAb - digammaAbx)) + (mixed ? w4[k] / a : 0);
            db += (w * (digammaAb + Digamma(b + xs) - digammaB - digammaAbx)) - (mixed ? w4[k] / (b + xs - 1) : 0);
        }

        gradient[0] = dr;
        gradient[1] = dAlpha;
        gradient[2] = da;
        gradient[3] = db;
        return value;
    }

    private void EvaluateChunk(int chunk, int width)
    {
        var groups = _groups;
        var from = chunk * SummaryGroups.ChunkSize;
        var to = Math.Min(groups.Count, from + SummaryGroups.ChunkSize);
        var xIndex = groups.XIndex;
        var recencyIndex = groups.RecencyIndex;
        var ageIndex = groups.AgeIndex;
        var weight = groups.Weight;
        var partial = _partials.AsSpan(chunk * width, width);
        var w4ByX = partial[3..];
        double mix = 0, sumLog = 0, sumInverse = 0;
        var g = from;

        // Groups are sorted by x: those with x = 0 come first, and in BG/NBD their bracket is (α+T)^−r alone.
        for (; _shift == 0 && g < to && xIndex[g] == 0 && groups.Xs[0] == 0; g++)
        {
            var w = weight[g];
            var logAge = _logAge[ageIndex[g]];
            mix -= w * _rx[0] * logAge;
            sumLog += w * logAge;
            sumInverse += w * _rx[0] * _inverseAge[ageIndex[g]];
        }

#if NET9_0_OR_GREATER
        // Four groups at a time: the exp and log of the mixture dominate, and Vector256 computes four of each at once.
        if (Vector256.IsHardwareAccelerated)
        {
            var vMix = Vector256<double>.Zero;
            var vLog = Vector256<double>.Zero;
            var vInverse = Vector256<double>.Zero;
            Span<double> share4 = stackalloc double[4];
            for (; g + 4 <= to; g += 4)
            {
                int k0 = xIndex[g], k1 = xIndex[g + 1], k2 = xIndex[g + 2], k3 = xIndex[g + 3];
                int t0 = ageIndex[g], t1 = ageIndex[g + 1], t2 = ageIndex[g + 2], t3 = ageIndex[g + 3];
                int r0 = recencyIndex[g], r1 = recencyIndex[g + 1], r2 = recencyIndex[g + 2], r3 = recencyIndex[g + 3];
                var w = Vector256.Create(weight[g], weight[g + 1], weight[g + 2], weight[g + 3]);
                var rx = Vector256.Create(_rx[k0], _rx[k1], _rx[k2], _rx[k3]);
                var logOdds = Vector256.Create(_logOddsX[k0], _logOddsX[k1], _logOddsX[k2], _logOddsX[k3]);
                var logAge = Vector256.Create(_logAge[t0], _logAge[t1], _logAge[t2], _logAge[t3]);
                var inverseAge = Vector256.Create(_inverseAge[t0], _inverseAge[t1], _inverseAge[t2], _inverseAge[t3]);
                var logRecency = Vector256.Create(_logRecency[r0], _logRecency[r1], _logRecency[r2], _logRecency[r3]);
                var inverseRecency = Vector256.Create(_inverseRecency[r0], _inverseRecency[r1], _inverseRecency[r2], _inverseRecency[r3]);

                var a3 = -rx * logAge;
                var a4 = logOdds - (rx * logRecency);
                var d = a4 - a3;
                var e = Vector256.Exp(-Vector256.Abs(d));
                var share = Vector256<double>.One / (Vector256<double>.One + e);
                var w4 = Vector256.ConditionalSelect(Vector256.GreaterThan(d, Vector256<double>.Zero), share, e * share);
                var w3 = Vector256<double>.One - w4;
                vMix += w * (Vector256.Max(a3, a4) + Vector256.Log(Vector256<double>.One + e));
                vLog += w * ((w3 * logAge) + (w4 * logRecency));
                vInverse += w * rx * ((w3 * inverseAge) + (w4 * inverseRecency));
                (w * w4).CopyTo(share4);
                w4ByX[k0] += share4[0];
                w4ByX[k1] += share4[1];
                w4ByX[k2] += share4[2];
                w4ByX[k3] += share4[3];
            }

            mix += Vector256.Sum(vMix);
            sumLog += Vector256.Sum(vLog);
            sumInverse += Vector256.Sum(vInverse);
        }
#endif

        for (; g < to; g++)
        {
            var k = xIndex[g];
            var w = weight[g];
            var rx = _rx[k];
            var logAge = _logAge[ageIndex[g]];
            var a3 = -rx * logAge;
            var logOdds = _logOddsX[k];
            if (double.IsNegativeInfinity(logOdds))
            {
                // x = 0: the bracket is (α+T)^−r alone.
                mix += w * a3;
                sumLog += w * logAge;
                sumInverse += w * rx * _inverseAge[ageIndex[g]];
                continue;
            }

            var i = recencyIndex[g];
            var a4 = logOdds - (rx * _logRecency[i]);
            var d = a4 - a3;
            var e = Math.Exp(-Math.Abs(d));
            var share = 1 / (1 + e);

            // ln(e^a3 + e^a4) = max + ln(1 + e^−|d|); w4 = e^a4 / (e^a3 + e^a4).
            var w4 = d > 0 ? share : e * share;
            var w3 = 1 - w4;
            mix += w * (Math.Max(a3, a4) + Math.Log(1 + e));
            sumLog += w * ((w3 * logAge) + (w4 * _logRecency[i]));
            sumInverse += w * rx * ((w3 * _inverseAge[ageIndex[g]]) + (w4 * _inverseRecency[i]));
            w4ByX[k] += w * w4;
        }

        partial[0] = mix;
        partial[1] = sumLog;
        partial[2] = sumInverse;
    }
}
