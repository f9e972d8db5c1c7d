using System.Runtime.Intrinsics;
using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime.ParetoNbd;

/// <summary>
/// Σ ln L of Pareto/NBD over grouped summaries, with its analytic gradient. A₀ is the difference of a term that
/// depends on (x, t_x) and one that depends on (x, T): each distinct pair's term and its four partial derivatives
/// (through ∂ln ₂F₁/∂a, ∂b, ∂z) are evaluated once per call — customers without repeat purchases share a single
/// (0, 0) term — in fixed parallel chunks summed in order, so the result does not depend on the core count.
/// </summary>
/// <remarks>Not thread-safe (scratch buffers are reused between calls): one instance per fit.</remarks>
internal sealed class ParetoNbdObjective : Numerics.IObjective
{
    private const int ChunkSize = 256;
    private readonly SummaryGroups _groups;
    private readonly (int X, double Time)[] _pairs;
    private readonly int[] _recencyPair, _agePair, _order, _rangeOf;
    private readonly (int X, int Start, int End)[] _ranges;
    private readonly SeriesCoefficients[] _coefficients;
    private readonly double[] _pairTerm, _pairGradient, _partials;

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

        // Pairs ordered by x, with the range of each x, so each x's series coefficients serve all its pairs.
        _order = [.. Enumerable.Range(0, _pairs.Length).OrderBy(i => _pairs[i].X).ThenBy(i => _pairs[i].Time)];
        var ranges = new List<(int X, int Start, int End)>();
        _rangeOf = new int[_order.Length];
        for (var position = 0; position < _order.Length; position++)
        {
            var x = _pairs[_order[position]].X;
            if (ranges.Count == 0 || ranges[^1].X != x)
            {
                ranges.Add((x, position, position));
            }

            ranges[^1] = ranges[^1] with { End = position + 1 };
            _rangeOf[position] = ranges.Count - 1;
        }

        _ranges = [.. ranges];
        _coefficients = [.. _ranges.Select(_ => new SeriesCoefficients())];
        _pairTerm = new double[_pairs.Length];
        _pairGradient = new double[4 * _pairs.Length];
        _partials = new double[5 * ((groups.Count + ChunkSize - 1) / ChunkSize)];
    }

    /// <summary>Σ ln L at (r, α, s, β) = <paramref name="p"/>, its gradient into <paramref name="gradient"/>; −∞ outside the parameter space.</summary>
    public double Evaluate(ReadOnlySpan<double> p, Span<double> gradient)
    {
        double r = p[0], alpha = p[1], s = p[2], beta = p[3];
        if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || !double.IsFinite(r + alpha + s + beta))
        {
            return double.NegativeInfinity;
        }

        EvaluatePairs(r, alpha, s, beta);
        var groups = _groups;
        var logGammaRx = new double[groups.Xs.Length];
        var digammaRx = new double[groups.Xs.Length];
        for (var k = 0; k < logGammaRx.Length; k++)
        {
            logGammaRx[k] = SpecialFunctions.LogGamma(r + groups.Xs[k]);
            digammaRx[k] = SpecialFunctions.Digamma(r + groups.Xs[k]);
        }

        // Per distinct T: ln(α+T), ln(β+T) and their reciprocals; per distinct x: ln[s/(r+s+x)] and 1/(r+s+x).
        var ages = groups.Ages;
        var logAlphaAge = new double[ages.Length];
        var logBetaAge = new double[ages.Length];
        var inverseAlphaAge = new double[ages.Length];
        var inverseBetaAge = new double[ages.Length];
        for (var i = 0; i < ages.Length; i++)
        {
            logAlphaAge[i] = Math.Log(alpha + ages[i]);
            logBetaAge[i] = Math.Log(beta + ages[i]);
            inverseAlphaAge[i] = 1 / (alpha + ages[i]);
            inverseBetaAge[i] = 1 / (beta + ages[i]);
        }

        var logShare = new double[groups.Xs.Length];
        var inverseRsx = new double[groups.Xs.Length];
        for (var k = 0; k < groups.Xs.Length; k++)
        {
            inverseRsx[k] = 1 / (r + s + groups.Xs[k]);
            logShare[k] = Math.Log(s * inverseRsx[k]);
        }

        var partials = _partials;
        var terms = _pairTerm;
        var derivatives = _pairGradient;
        Parallel.For(0, partials.Length / 5, chunk =>
        {
            double sum = 0, dr = 0, dAlpha = 0, ds = 0, dBeta = 0;
            for (var g = chunk * ChunkSize; g < Math.Min(groups.Count, (chunk + 1) * ChunkSize); g++)
            {
                var k = groups.XIndex[g];
                var x = groups.Xs[k];
                var w = groups.Weight[g];
                var t = groups.AgeIndex[g];
                int atR = _recencyPair[g], atT = _agePair[g];

                // u = ln[(α+T)^−(r+x) (β+T)^−s]; v = ln[s/(r+s+x) A₀]; the bracket is ln(e^u + e^v).
                var u = -((r + x) * logAlphaAge[t]) - (s * logBetaAge[t]);
                double pu = 1, pv = 0, bracket = u;
                double vr = 0, vAlpha = 0, vs = 0, vBeta = 0;
                if (atR != atT)
                {
                    // ln A₀ = T_R + ln(1 − w), w = e^(T_A − T_R) < 1; ∂ln A₀ = (∂T_R − w ∂T_A) / (1 − w).
                    var d = terms[atT] - terms[atR];
                    var ratio = Math.Exp(d);

                    // 1 − e^d: directly when e^d ≤ 1/2 (no cancellation), else as −expm1(d) (Kahan's form, from e^d).
                    var oneMinus = d <= -0.6931471805599453 ? 1 - ratio
                        : ratio == 1 ? -d
                        : -((ratio - 1) * d / Math.Log(ratio));

                    var v = logShare[k] + terms[atR] + Math.Log(oneMinus);
                    vr = ((derivatives[4 * atR] - (ratio * derivatives[4 * atT])) / oneMinus) - inverseRsx[k];
                    vAlpha = (derivatives[(4 * atR) + 1] - (ratio * derivatives[(4 * atT) + 1])) / oneMinus;
                    vs = ((derivatives[(4 * atR) + 2] - (ratio * derivatives[(4 * atT) + 2])) / oneMinus) + (1 / s) - inverseRsx[k];
                    vBeta = (derivatives[(4 * atR) + 3] - (ratio * derivatives[(4 * atT) + 3])) / oneMinus;

                    // ln(e^u + e^v) = max + ln(1 + e^−|u−v|), and the two shares from the same exponential.
                    var e = Math.Exp(-Math.Abs(u - v));
                    var larger = 1 / (1 + e);
                    bracket = Math.Max(u, v) + Math.Log(1 + e);
                    (pu, pv) = u >= v ? (larger, e * larger) : (e * larger, larger);
                }

                sum += w * (logGammaRx[k] + bracket);
                dr += w * (digammaRx[k] - (pu * logAlphaAge[t]) + (pv * vr));
                dAlpha += w * ((-pu * (r + x) * inverseAlphaAge[t]) + (pv * vAlpha));
                ds += w * ((-pu * logBetaAge[t]) + (pv * vs));
                dBeta += w * ((-pu * s * inverseBetaAge[t]) + (pv * vBeta));
            }

            partials[5 * chunk] = sum;
            partials[(5 * chunk) + 1] = dr;
            partials[(5 * chunk) + 2] = dAlpha;
            partials[(5 * chunk) + 3] = ds;
            partials[(5 * chunk) + 4] = dBeta;
        });

        // The terms common to every customer: −ln Γ(r) + r ln α + s ln β.
        var customers = (double)groups.Customers;
        double total = customers * (-SpecialFunctions.LogGamma(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta)));
        gradient[0] = customers * (-SpecialFunctions.Digamma(r) + Math.Log(alpha));
        gradient[1] = customers * r / alpha;
        gradient[2] = customers * Math.Log(beta);
        gradient[3] = customers * s / beta;
        for (var chunk = 0; chunk < partials.Length / 5; chunk++)
        {
            total += partials[5 * chunk];
            for (var i = 0; i < 4; i++)
            {
                gradient[i] += partials[(5 * chunk) + 1 + i];
            }
        }

        return total;
    }

    /// <summary>
    /// For each distinct (x, time): T = ln[F(a, b; z) (m + time)^−a] and ∂T/∂(r, α, s, β). Pairs with the same x share
    /// a and b, so the series coefficients cⱼ = a/(a+j) (b)ⱼ/j! and those of its derivatives are computed once per x
    /// and call; each pair then costs a few multiply-adds per term.
    /// </summary>
    private void EvaluatePairs(double r, double alpha, double s, double beta)
    {
        var pairs = _pairs;
        var alphaLarger = alpha >= beta;
        var ranges = _ranges;
        for (var k = 0; k < ranges.Length; k++)
        {
            var x = ranges[k].X;
            var a = r + s + x;
            var b = alphaLarger ? s + 1 : r + x;
            var zMax = 0.0;
            for (var i = ranges[k].Start; i < ranges[k].End; i++)
            {
                var time = pairs[_order[i]].Time;
                zMax = Math.Max(zMax, Argument(alphaLarger, alpha, beta, time));
            }

            _coefficients[k].Build(a, b, Math.Min(zMax, Hypergeometric.SeriesLimit));
        }

        var terms = _pairTerm;
        var derivatives = _pairGradient;
        Parallel.For(0, (pairs.Length + ChunkSize - 1) / ChunkSize, chunk =>
        {
            Span<double> z4 = stackalloc double[4], logF4 = stackalloc double[4], a4 = stackalloc double[4], b4 = stackalloc double[4], dz4 = stackalloc double[4];
            var end = Math.Min(pairs.Length, (chunk + 1) * ChunkSize);
            for (var position = chunk * ChunkSize; position < end;)
            {
                // Four pairs of the same x share the series coefficients: evaluate them together when possible.
                var range = _rangeOf[position];
                if (position + 4 <= end && _rangeOf[position + 3] == range)
                {
                    for (var lane = 0; lane < 4; lane++)
                    {
                        z4[lane] = Argument(alphaLarger, alpha, beta, pairs[_order[position + lane]].Time);
                    }

                    if (_coefficients[range].TryEvaluate4(z4, logF4, a4, b4, dz4))
                    {
                        for (var lane = 0; lane < 4; lane++)
                        {
                            Store(_order[position + lane], logF4[lane], a4[lane], b4[lane], dz4[lane]);
                        }

                        position += 4;
                        continue;
                    }
                }

                var i = _order[position];
                var (x, time) = pairs[i];
                var z = Argument(alphaLarger, alpha, beta, time);
                var logF = _coefficients[range].TryEvaluate(z, out var fa, out var fb, out var fz)
                    ?? Hypergeometric.LogTwoF1PlusOne(r + s + x, alphaLarger ? s + 1 : r + x, z, out fa, out fb, out fz);
                Store(i, logF, fa, fb, fz);
                position++;
            }
        });

        // T = ln F − a ln(m + time) and its derivatives for pair i, from ln F and ∂ln F/∂(a, b, z).
        void Store(int i, double logF, double fa, double fb, double fz)
        {
            var (x, time) = pairs[i];
            var a = r + s + x;
            var scale = alphaLarger ? alpha + time : beta + time;
            var logScale = Math.Log(scale);
            terms[i] = logF - (a * logScale);
            if (alphaLarger)
            {
                // a = r+s+x, b = s+1, z = (α−β)/(α+time), m = α.
                derivatives[4 * i] = fa - logScale;
                derivatives[(4 * i) + 1] = (fz * (beta + time) / (scale * scale)) - (a / scale);
                derivatives[(4 * i) + 2] = fa + fb - logScale;
                derivatives[(4 * i) + 3] = -fz / scale;
            }
            else
            {
                // a = r+s+x, b = r+x, z = (β−α)/(β+time), m = β.
                derivatives[4 * i] = fa + fb - logScale;
                derivatives[(4 * i) + 1] = -fz / scale;
                derivatives[(4 * i) + 2] = fa - logScale;
                derivatives[(4 * i) + 3] = (fz * (alpha + time) / (scale * scale)) - (a / scale);
            }
        }
    }

    /// <summary>The ₂F₁ argument of a pair: (α−β)/(α+time) when α ≥ β, else (β−α)/(β+time).</summary>
    private static double Argument(bool alphaLarger, double alpha, double beta, double time) =>
        alphaLarger ? (alpha - beta) / (alpha + time) : (beta - alpha) / (beta + time);

    /// <summary>
    /// The coefficients of ₂F₁(a, b; a+1; z) = Σ cⱼ zʲ and of its a-, b- and z-derivatives for one (a, b), up to the
    /// term where the series has converged at the largest z it will be evaluated at. For b &gt; 1 (always when α ≥ β,
    /// where b = s+1; for customers with many purchases when β &gt; α, where b = r+x) the terms of that series climb to a
    /// peak near j ≈ b z/(1−z) — hundreds of terms for z near 1 — so Euler's transformation is used instead:
    /// ₂F₁(a, b; a+1; z) = (1−z)^(1−b) ₂F₁(1, a+1−b; a+1; z), whose terms fall from the first.
    /// </summary>
    private sealed class SeriesCoefficients
    {
        private double[] _c = new double[64], _ca = new double[64], _cb = new double[64], _cz = new double[64];
        private int _count;
        private double _b, _zLimit;
        private bool _usable, _euler;

        public void Build(double a, double b, double zLimit)
        {
            _b = b;
            _zLimit = zLimit;
            _usable = false;
            _euler = Hypergeometric.UseEuler(a, b);
            if (_euler)
            {
                BuildEuler(a, b, zLimit);
                return;
            }

            var power = 1.0; // (b)ⱼ / j!
            var harmonic = 0.0;
            var zPower = 1.0;
            var sum = 1.0;
            var peak = b * zLimit / (1 - zLimit);
            Set(0, 1, 0, 0, 0);
            for (var j = 1; j < 100_000; j++)
            {
                harmonic += 1 / (b + j - 1);
                power *= (b + j - 1) / j;
                if (power > 1e250)
                {
                    return; // coefficients too large to hold: every pair takes the direct path
                }

                var c = power * a / (a + j);
                Set(j, c, c * j / (a * (a + j)), c * harmonic, c * j);
                zPower *= zLimit;
                sum += c * zPower;
                if (j > peak && c * zPower <= 1e-17 * sum)
                {
                    _count = j + 1;
                    _usable = true;
                    return;
                }
            }
        }

        /// <summary>
        /// ₂F₁(1, a+1−b; a+1; z) = Σ gⱼ zʲ with gⱼ = Π_{i&lt;j} (a+1−b+i)/(a+1+i) (falling, since 0 &lt; a+1−b &lt; a+1),
        /// and the a- and b-derivatives of gⱼ through the sums of 1/(a+1−b+i) and 1/(a+1+i).
        /// </summary>
        private void BuildEuler(double a, double b, double zLimit)
        {
            var lower = a + 1 - b;
            var g = 1.0;
            double sumLower = 0, sumUpper = 0, zPower = 1, sum = 1;
            Set(0, 1, 0, 0, 0);
            for (var j = 1; j < 100_000; j++)
            {
                sumLower += 1 / (lower + j - 1);
                sumUpper += 1 / (a + j);
                g *= (lower + j - 1) / (a + j);

                // ∂gⱼ/∂a = gⱼ (Σ 1/(a+1−b+i) − Σ 1/(a+1+i)); ∂gⱼ/∂b = −gⱼ Σ 1/(a+1−b+i).
                Set(j, g, g * (sumLower - sumUpper), -g * sumLower, g * j);
                zPower *= zLimit;
                sum += g * zPower;

                // The terms fall by at most z each: the rest is below term · z/(1−z).
                if (g * zPower / (1 - zLimit) <= 1e-17 * sum)
                {
                    _count = j + 1;
                    _usable = true;
                    return;
                }
            }
        }

        /// <summary>ln F and its derivatives at z ≤ the limit built for; null when the coefficients cannot serve.</summary>
        public double? TryEvaluate(double z, out double dA, out double dB, out double dZ)
        {
            (dA, dB, dZ) = (0, 0, 0);
            if (!_usable || z > _zLimit)
            {
                return null;
            }

            double sum = 1, sumA = 0, sumB = 0, sumZ = 0, zPower = 1;
            var peak = _euler ? 0 : _b * z / (1 - z);
            var tolerance = _euler ? 1e-17 * (1 - z) : 1e-17;
            for (var j = 1; j < _count && z > 0; j++)
            {
                zPower *= z;
                var term = _c[j] * zPower;
                sum += term;
                sumA += _ca[j] * zPower;
                sumB += _cb[j] * zPower;
                sumZ += _cz[j] * zPower;
                if (j > peak && term <= tolerance * sum)
                {
                    break;
                }
            }

            return Finish(z, sum, sumA, sumB, sumZ, out dA, out dB, out dZ);
        }

        /// <summary>
        /// <see cref="TryEvaluate"/> at four z's (pairs of the same x) at once, every lane summing until all have
        /// converged (a converged lane only gains terms below its tolerance); false when the coefficients cannot
        /// serve one of them, or vectors of four doubles are not accelerated here.
        /// </summary>
        public bool TryEvaluate4(ReadOnlySpan<double> zs, Span<double> logF, Span<double> dA, Span<double> dB, Span<double> dZ)
        {
            if (!Vector256.IsHardwareAccelerated || !_usable)
            {
                return false;
            }

            var z = Vector256.Create(zs);
            if (Vector256.GreaterThanAny(z, Vector256.Create(_zLimit)) || Vector256.LessThanOrEqualAny(z, Vector256<double>.Zero))
            {
                return false;
            }

            var one = Vector256<double>.One;
            var zLargest = Math.Max(Math.Max(zs[0], zs[1]), Math.Max(zs[2], zs[3]));
            var lastPeak = _euler ? 0 : _b * zLargest / (1 - zLargest);
            var tolerance = _euler ? Vector256.Create(1e-17) * (one - z) : Vector256.Create(1e-17);
            Vector256<double> sum = one, sumA = default, sumB = default, sumZ = default, zPower = one;
            for (var j = 1; j < _count; j++)
            {
                zPower *= z;
                var term = Vector256.Create(_c[j]) * zPower;
                sum += term;
                sumA += Vector256.Create(_ca[j]) * zPower;
                sumB += Vector256.Create(_cb[j]) * zPower;
                sumZ += Vector256.Create(_cz[j]) * zPower;
                if (j > lastPeak && Vector256.LessThanOrEqualAll(term, tolerance * sum))
                {
                    break;
                }
            }

            for (var lane = 0; lane < 4; lane++)
            {
                logF[lane] = Finish(zs[lane], sum.GetElement(lane), sumA.GetElement(lane), sumB.GetElement(lane), sumZ.GetElement(lane), out dA[lane], out dB[lane], out dZ[lane]);
            }

            return true;
        }

        /// <summary>
        /// ln F and its derivatives from the sums Σ cⱼ zʲ and those of the coefficients' derivatives; with Euler's
        /// transformation ln F = (1−b) ln(1−z) + ln G.
        /// </summary>
        private double Finish(double z, double sum, double sumA, double sumB, double sumZ, out double dA, out double dB, out double dZ)
        {
            dA = sumA / sum;
            dB = sumB / sum;
            dZ = z == 0 ? _cz[1] : sumZ / (z * sum);
            if (!_euler)
            {
                return Math.Log(sum);
            }

            var logOneMinusZ = Math.Log(1 - z);
            dB -= logOneMinusZ;
            dZ += (_b - 1) / (1 - z);
            return ((1 - _b) * logOneMinusZ) + Math.Log(sum);
        }

        private void Set(int j, double c, double ca, double cb, double cz)
        {
            if (j == _c.Length)
            {
                Array.Resize(ref _c, 2 * j);
                Array.Resize(ref _ca, 2 * j);
                Array.Resize(ref _cb, 2 * j);
                Array.Resize(ref _cz, 2 * j);
            }

            (_c[j], _ca[j], _cb[j], _cz[j]) = (c, ca, cb, cz);
        }
    }
}
