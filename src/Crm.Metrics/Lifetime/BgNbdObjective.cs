using static Crm.Metrics.Lifetime.SpecialFunctions;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The BG/NBD log-likelihood and its analytic gradient over grouped summaries. Terms that depend only on x are
/// computed once per distinct x, those that depend only on T or t_x once per distinct value, so each group costs
/// one exp and one log; large inputs are split into fixed chunks evaluated on the thread pool and summed in order.
/// </summary>
/// <remarks>Not thread-safe (scratch buffers are reused between evaluations): one instance per fit.</remarks>
internal sealed class BgNbdObjective
{
    private readonly SummaryGroups _groups;
    private readonly double[] _logAge, _inverseAge, _logRecency, _inverseRecency;
    private readonly double[] _rx, _logOddsX, _w4ByX;

    // Per chunk: 3 sums, then Σ w·w4 per distinct x.
    private readonly double[] _partials;

    public BgNbdObjective(SummaryGroups groups)
    {
        _groups = groups;
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
            _logOddsX[k] = x > 0 ? logA - Math.Log(b + x - 1) : double.NegativeInfinity;
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
            var w = groups.WeightByX[k];
            var digammaAbx = Digamma(a + b + x);
            value += w * (LogGamma(r + x) - logGammaR + (r * logAlpha) + logGammaA + LogGamma(b + x) - LogGamma(a + b + x) - logBetaAb);
            dr += w * (Digamma(r + x) - digammaR + logAlpha);
            dAlpha += w * r / alpha;
            da += (w * (digammaAb - digammaAbx)) + (x > 0 ? w4[k] / a : 0);
            db += (w * (digammaAb + Digamma(b + x) - digammaB - digammaAbx)) - (x > 0 ? w4[k] / (b + x - 1) : 0);
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
        for (var g = from; g < to; g++)
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
