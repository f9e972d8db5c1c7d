using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Crm.Metrics.Lifetime.Intervals;

namespace Crm.Metrics.Lifetime.BgNbd;

/// <summary>
/// What a CLV needs of W(x, T, t), BG/NBD's expected purchases while alive, over ascending horizons t_1 … t_K with
/// discount factors d_1 … d_K: W(t_K), and the discounted increments Σ_k (W(t_k) − W(t_{k−1})) d_k, which equal
/// Σ_k δ_k W(t_k) with δ_k = d_k − d_{k+1} (d_{K+1} = 0) — for every x of one age T at once.
/// </summary>
/// <remarks>
/// <para>After Euler's transformation W(t) = c/(a−1) · [1 − (s/(s+t))^(a−1) Σ_j C_j z^j], with s = α + T, z = t/(s+t),
/// c = a + β − 1 and C_j = (p)_j (q)_j / ((c)_j j!), where p = c − ρ and q = a − 1 do not depend on x (ρ = r + x and
/// β = b + x grow together). So over the horizons where the power series is summed,
/// Σ_k δ_k W(t_k) = c/(a−1) · [Σ_k δ_k − Σ_j C_j M_j] with moments M_j = Σ_k δ_k (s/(s+t_k))^(a−1) z_k^j that depend
/// on the age alone: each x sums one series instead of one per horizon, and the customers of one age share the
/// moments. The coefficients depend on the parameters and x but not on the age: a thread computes them once for all
/// the ages of one parameter draw (<see cref="EulerCoefficients"/>), each as
/// <see cref="BgNbdPredictions.ExpectedWhileAlive(double, double, double, double, ReadOnlySpan{double}, Span{double})"/>
/// computes it. Each x's sums then take four terms at a time, up to its first term at the largest z summed below 1e-16
/// (that method's rule for one x). The figures differ from that method's in rounding only; a property test bounds the
/// difference.</para>
/// <para>The series is summed up to z = <see cref="Numerics.Hypergeometric.SeriesLimit"/>, beyond
/// <see cref="BgNbdPredictions.ConnectFrom"/>, from which that method takes the connection formula per x and horizon:
/// hundreds of terms shared by the x's of an age cost less than the connection formula's gamma functions and two series
/// per x and horizon. The horizons beyond are summed as that method sums them, per x. Euler's form has positive terms wherever a &gt; 1 and a + b − 1 &gt; r, for every x — also where it needs more
/// terms than the plain series (x ≤ a − 1 − r), which the shared moments repay. Elsewhere (a ≤ 1, a near 1), and for
/// every x of an age with fewer than <see cref="LeastShared"/> x's, W is summed per x and the increments step by step.</para>
/// </remarks>
internal static class DiscountedWhileAlive
{
    private const int MostHorizons = 64;
    private const int Lanes = 4;

    /// <summary>
    /// The fewest x's of one age that share moments: computing them costs about one x's series, so one or two x's are
    /// summed faster alone.
    /// </summary>
    private const int LeastShared = 3;

    /// <summary>The most terms a series is summed to before it is declared not to converge.</summary>
    private const int MostTerms = 100_000;

    [ThreadStatic]
    private static double[]? t_moments;

    [ThreadStatic]
    private static double[]? t_powers;

    /// <summary>
    /// W(t_K) into <paramref name="last"/> and the discounted increments into <paramref name="discounted"/>, for each x
    /// of <paramref name="xs"/> at age <paramref name="age"/>, under BG/NBD's (r, α, a, b) — MBG/NBD passes b + 1.
    /// </summary>
    public static void OfAge(double r, double alpha, double a, double b, ReadOnlySpan<int> xs, double age, ReadOnlySpan<double> horizons, ReadOnlySpan<double> discounts, Span<double> last, Span<double> discounted)
    {
        var steps = horizons.Length;
        var s = alpha + age;
        Span<int> shared = xs.Length <= 256 ? stackalloc int[xs.Length] : new int[xs.Length];
        var sharedCount = 0;
        if (steps is >= 1 and <= MostHorizons && a - 1 > 1e-3 && a + b - 1 - r > 0 && Ascending(horizons))
        {
            for (var i = 0; i < xs.Length; i++)
            {
                // Euler's form has positive terms for every x here (c − ρ = a + b − 1 − r, c − β = a − 1 and c are
                // positive). Its coefficients fall in the tail where p + q − c − 1 = a − r − x − 2 < 0: for the x's the
                // transformation serves (x > a − 1 − r) and the next one below, whose few extra terms the shared moments
                // repay. Below that they grow like a power of j and the series may not converge in a double.
                if (xs[i] > a - 2 - r)
                {
                    shared[sharedCount++] = i;
                }
                else
                {
                    Single(r, s, a, b, xs[i], horizons, discounts, out last[i], out discounted[i]);
                }
            }
        }
        else
        {
            for (var i = 0; i < xs.Length; i++)
            {
                Single(r, s, a, b, xs[i], horizons, discounts, out last[i], out discounted[i]);
            }

            return;
        }

        if (sharedCount >= LeastShared)
        {
            Shared(r, s, a, b, xs, shared[..sharedCount], horizons, discounts, last, discounted);
            return;
        }

        foreach (var i in shared[..sharedCount])
        {
            Single(r, s, a, b, xs[i], horizons, discounts, out last[i], out discounted[i]);
        }
    }

    /// <summary>One x as before: W at each horizon, then the increments discounted step by step.</summary>
    private static void Single(double r, double s, double a, double b, int x, ReadOnlySpan<double> horizons, ReadOnlySpan<double> discounts, out double last, out double discounted)
    {
        Span<double> row = horizons.Length <= MostHorizons ? stackalloc double[horizons.Length] : new double[horizons.Length];
        BgNbdPredictions.ExpectedWhileAlive(r + x, s, a, b + x, horizons, row);
        (last, discounted) = IntervalEngine.Discount(row, discounts);
    }

    /// <summary>The x's at <paramref name="which"/> (each summed in Euler's form, see <see cref="OfAge"/>) with shared moments.</summary>
    private static void Shared(double r, double s, double a, double b, ReadOnlySpan<int> xs, ReadOnlySpan<int> which, ReadOnlySpan<double> horizons, ReadOnlySpan<double> discounts, Span<double> last, Span<double> discounted)
    {
        var steps = horizons.Length;
        Span<double> z = stackalloc double[steps];
        Span<double> delta = stackalloc double[steps];
        var near = 0;
        for (var k = 0; k < steps; k++)
        {
            z[k] = horizons[k] / (s + horizons[k]);
            delta[k] = discounts[k] - (k + 1 < steps ? discounts[k + 1] : 0);
            if (z[k] <= Numerics.Hypergeometric.SeriesLimit)
            {
                near = k + 1; // z grows with t: the series' horizons come first
            }
        }

        if (near == 0)
        {
            foreach (var i in which)
            {
                Single(r, s, a, b, xs[i], horizons, discounts, out last[i], out discounted[i]);
            }

            return;
        }

        // The moments' terms, each horizon's weight δ_k (s/(s+t_k))^(a−1) times z_k^j, and W(t_K)'s own (z_K^j) when
        // the last horizon is summed by the series.
        var q = a - 1;
        Span<double> term = stackalloc double[near];
        var deltaNear = 0.0;
        for (var k = 0; k < near; k++)
        {
            term[k] = delta[k] * Math.Pow(s / (s + horizons[k]), q);
            deltaNear += delta[k];
        }

        var lastNear = near == steps;
        var lastShare = lastNear ? Math.Pow(s / (s + horizons[^1]), q) : 0;
        var zLast = z[near - 1];
        var vectors = (near + 3) / 4;
        Span<Vector256<double>> termVectors = stackalloc Vector256<double>[vectors];
        Span<Vector256<double>> zVectors = stackalloc Vector256<double>[vectors];
        var moments = new Moments(termVectors, zVectors, term, z[..near], zLast);

        // About the terms the series needs (36/(1 − z) at most), so that the sums rarely stop to ask for more.
        moments.Extend(Math.Min(1 + (int)(36 / (1 - zLast)), 4_096));

        Span<double> far = stackalloc double[steps - near];
        var coefficients = EulerCoefficients.For(r, a, b);
        foreach (var i in which)
        {
            var x = xs[i];
            var (series, lastSeries) = Sum(coefficients, x, zLast, ref moments);
            var scale = (a + b + x - 1) / (a - 1);
            var sum = scale * (deltaNear - series);
            if (lastNear)
            {
                last[i] = scale * (1 - (lastShare * lastSeries));
            }
            else
            {
                // The horizons beyond the series' limit, per x, as before (the connection formula, or the integral).
                BgNbdPredictions.ExpectedWhileAlive(r + x, s, a, b + x, horizons[near..], far);
                for (var k = 0; k < far.Length; k++)
                {
                    sum += far[k] * delta[near + k];
                }

                last[i] = far[^1];
            }

            discounted[i] = sum;
        }

        (t_moments, t_powers) = (moments.Moment, moments.Power);
    }

    /// <summary>
    /// Σ_j C_j M_j and Σ_j C_j z_K^j for one x, to the first term where C_j z^j of the largest z summed,
    /// <paramref name="zLast"/>, is below 1e-16; the thread's coefficients and the moments are extended as the sums ask.
    /// </summary>
    private static (double Series, double Last) Sum(EulerCoefficients coefficients, int x, double zLast, ref Moments moments)
    {
        var slot = coefficients.Slot(x);
        if (coefficients.Count(slot) < Math.Min(moments.Count, EulerCoefficients.FirstRoom))
        {
            // A first block; more as the sums ask (an x of many purchases needs few terms, whatever the age).
            coefficients.Extend(slot, Math.Min(moments.Count, EulerCoefficients.FirstRoom));
        }

        var sums = new SeriesSums();
        while (true)
        {
            var available = Math.Min(coefficients.Count(slot), moments.Count);
            if (Terms(coefficients.Values(slot), moments.Moment, moments.Power, available, ref sums))
            {
                return (Vector256.Sum(sums.Series), Vector256.Sum(sums.Last));
            }

            if (sums.Term >= MostTerms)
            {
                throw new ArithmeticException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The series of W at x = {x} (z = {zLast}) did not converge in {MostTerms:N0} terms."));
            }

            // Both as far as the next terms need, at least doubling what is there so that the sums rarely stop to ask.
            var needed = sums.Term + Moments.Block;
            if (coefficients.Count(slot) < needed)
            {
                coefficients.Extend(slot, Math.Min(Math.Max(needed, 2 * coefficients.Count(slot)), MostTerms + Lanes));
            }

            if (moments.Count < needed)
            {
                moments.Extend(Math.Min(Math.Max(needed, 2 * moments.Count), MostTerms + Lanes));
            }
        }
    }

    /// <summary>
    /// The terms of <see cref="Sum"/> from <see cref="SeriesSums.Term"/> on, four at a time, while both the
    /// coefficients and the moments are computed (fewer than <paramref name="available"/>); true when the sums are done.
    /// The term that ends the sums is the first below 1e-16; the terms after it in its four are left out.
    /// </summary>
    private static bool Terms(double[] coefficients, double[] moment, double[] power, int available, ref SeriesSums sums)
    {
        var (series, last) = (sums.Series, sums.Last);
        var small = Vector256.Create(1e-16);
        var lane = Vector256.Create(0.0, 1, 2, 3);
        ref var c = ref MemoryMarshal.GetArrayDataReference(coefficients);
        ref var m = ref MemoryMarshal.GetArrayDataReference(moment);
        ref var z = ref MemoryMarshal.GetArrayDataReference(power);
        var j = sums.Term;
        for (; j + Lanes <= available; j += Lanes)
        {
            var coefficient = Vector256.LoadUnsafe(ref c, (nuint)j);
            var lastTerm = coefficient * Vector256.LoadUnsafe(ref z, (nuint)j);
            var term = coefficient * Vector256.LoadUnsafe(ref m, (nuint)j);
            var ends = Vector256.LessThanOrEqual(lastTerm, small).ExtractMostSignificantBits();
            if (ends != 0)
            {
                // The first term below the bound is the last one summed.
                var kept = Vector256.LessThanOrEqual(lane, Vector256.Create((double)BitOperations.TrailingZeroCount(ends)));
                (sums.Series, sums.Last, sums.Term) = (series + (term & kept), last + (lastTerm & kept), j + Lanes);
                return true;
            }

            series += term;
            last += lastTerm;
        }

        (sums.Series, sums.Last, sums.Term) = (series, last, j);
        return false;
    }

    /// <summary>The running sums of <see cref="Sum"/> between calls of <see cref="Terms"/>, four terms to a vector.</summary>
    private struct SeriesSums
    {
        public Vector256<double> Series;
        public Vector256<double> Last;
        public int Term;
    }

    private static bool Ascending(ReadOnlySpan<double> horizons)
    {
        for (var k = 1; k < horizons.Length; k++)
        {
            if (!(horizons[k] > horizons[k - 1]))
            {
                return false;
            }
        }

        return horizons[0] >= 0;
    }

    /// <summary>
    /// The moments M_j = Σ_k w_k z_k^j and the powers z_K^j of one age, computed as far as the series ask (a block at
    /// a time, the horizons four to a vector), in a buffer kept on the thread.
    /// </summary>
    private ref struct Moments
    {
        /// <summary>How many moments are computed past the one asked for.</summary>
        public const int Block = 16;
        private readonly Span<Vector256<double>> _terms; // w_k z_k^j at the last j computed, four horizons to a vector
        private readonly ReadOnlySpan<Vector256<double>> _z;
        private readonly double _zLast;
        private double _powerLast;
        private int _count;

        /// <param name="terms">Room for the terms: one vector per four horizons.</param>
        /// <param name="z">As many vectors for the z's.</param>
        /// <param name="weights">w_k.</param>
        /// <param name="zs">z_k.</param>
        /// <param name="zLast">z_K.</param>
        public Moments(Span<Vector256<double>> terms, Span<Vector256<double>> z, ReadOnlySpan<double> weights, ReadOnlySpan<double> zs, double zLast)
        {
            // Missing lanes have weight 0 and stay 0.
            var flatTerms = System.Runtime.InteropServices.MemoryMarshal.Cast<Vector256<double>, double>(terms);
            var flatZ = System.Runtime.InteropServices.MemoryMarshal.Cast<Vector256<double>, double>(z);
            flatTerms.Clear();
            flatZ.Clear();
            weights.CopyTo(flatTerms);
            zs.CopyTo(flatZ);
            _terms = terms;
            _z = z;
            _zLast = zLast;
            _powerLast = 1;
            (Moment, Power) = t_moments is { Length: >= 4 * Block } kept && t_powers is { } keptPowers && keptPowers.Length == kept.Length
                ? (kept, keptPowers)
                : (new double[4 * Block], new double[4 * Block]);
            var sum = 0.0;
            foreach (var w in weights)
            {
                sum += w;
            }

            Moment[0] = sum;
            Power[0] = 1;
            _count = 1;
        }

        /// <summary>M_j.</summary>
        public double[] Moment { get; private set; }

        /// <summary>z_K^j.</summary>
        public double[] Power { get; private set; }

        /// <summary>How many moments are computed.</summary>
        public readonly int Count => _count;

        /// <summary>The moments up to <paramref name="j"/> (exclusive).</summary>
        public void Extend(int j)
        {
            if (j > Moment.Length)
            {
                var length = Math.Max(j, 2 * Moment.Length);
                var (moment, power) = (new double[length], new double[length]);
                Array.Copy(Moment, moment, _count);
                Array.Copy(Power, power, _count);
                (Moment, Power) = (moment, power);
            }

            var (moments, powers) = (Moment, Power);
            var powerLast = _powerLast;
            if (_terms.Length <= 4)
            {
                // Up to sixteen horizons in registers (missing vectors are zeros and stay zeros).
                var t0 = _terms[0];
                var z0 = _z[0];
                var (t1, z1) = _terms.Length > 1 ? (_terms[1], _z[1]) : (Vector256<double>.Zero, Vector256<double>.Zero);
                var (t2, z2) = _terms.Length > 2 ? (_terms[2], _z[2]) : (Vector256<double>.Zero, Vector256<double>.Zero);
                var (t3, z3) = _terms.Length > 3 ? (_terms[3], _z[3]) : (Vector256<double>.Zero, Vector256<double>.Zero);
                for (var n = _count; n < j; n++)
                {
                    t0 *= z0;
                    t1 *= z1;
                    t2 *= z2;
                    t3 *= z3;
                    powerLast *= _zLast;
                    moments[n] = Vector256.Sum((t0 + t1) + (t2 + t3));
                    powers[n] = powerLast;
                }

                _terms[0] = t0;
                if (_terms.Length > 1)
                {
                    _terms[1] = t1;
                }

                if (_terms.Length > 2)
                {
                    _terms[2] = t2;
                }

                if (_terms.Length > 3)
                {
                    _terms[3] = t3;
                }
            }
            else
            {
                for (var n = _count; n < j; n++)
                {
                    var sum = Vector256<double>.Zero;
                    for (var v = 0; v < _terms.Length; v++)
                    {
                        _terms[v] *= _z[v];
                        sum += _terms[v];
                    }

                    powerLast *= _zLast;
                    moments[n] = Vector256.Sum(sum);
                    powers[n] = powerLast;
                }
            }

            (_powerLast, _count) = (powerLast, j);
        }
    }
}
