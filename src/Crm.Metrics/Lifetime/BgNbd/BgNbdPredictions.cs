using Crm.Metrics.Lifetime.Intervals;
using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime.BgNbd;

/// <summary>
/// BG/NBD predictions (Fader, Hardie &amp; Lee 2005, eq. 9, 10 and 13) at parameters (r, α, a, b), in the time unit
/// the parameters were fitted in.
/// </summary>
internal static partial class BgNbdPredictions
{
    [ThreadStatic]
    private static PowerCache? t_powers;

    /// <summary>
    /// Where the ₂F₁ argument z = t/(s+t) is at least this, the closed form is summed by Gauss's connection formula
    /// (<see cref="GaussConnection"/>: two series in 1 − z of some 20 to 60 terms) instead of the power series in z,
    /// which needs about 36/(1 − z) terms.
    /// </summary>
    internal const double ConnectFrom = 0.85;

    /// <summary>E[X(t)]: expected purchases in (0, t] of a customer just acquired (FHL 2005, eq. 9).</summary>
    public static double ExpectedForNewCustomer(double r, double alpha, double a, double b, double t) =>
        ExpectedWhileAlive(r, alpha, a, b, t);

    /// <summary>E[Y(t) | x, t_x, T]: expected purchases in the next t of a customer with this history.</summary>
    public static double ExpectedConditional(double r, double alpha, double a, double b, RepeatSummary c, double t) =>
        ExpectedWhileAlive(r + c.X, alpha + c.T, a, b + c.X, t) * ProbabilityAlive(r, alpha, a, b, c);

    /// <summary>
    /// E[(1 − (1 + p·t/s)^−ρ) / p] for p ~ Beta(a, β): the expected purchases in t of a customer alive now, buying at a
    /// Gamma(ρ, s) rate and dropping out with probability p after each purchase. In closed form (FHL 2005 eq. 10's
    /// numerator) (a+β−1)/(a−1) · [1 − (s/(s+t))^ρ ₂F₁(ρ, β; a+β−1; t/(s+t))] — its ₂F₁ by the connection formula
    /// from <see cref="ConnectFrom"/>, by its power series below or where the connection formula would lose
    /// precision — else by quadrature.
    /// </summary>
    public static double ExpectedWhileAlive(double rho, double s, double a, double beta, double t)
    {
        var c = a + beta - 1;
        var z = t / (s + t);
        if (ClosedFormHolds(a, c))
        {
            if (z >= ConnectFrom)
            {
                Span<double> w = [s / (s + t)];
                Span<double> g = stackalloc double[1];
                if (GaussConnection.TryPowerTimesTwoF1(rho, beta, c, w, g))
                {
                    return c / (a - 1) * (1 - g[0]);
                }
            }

            if (z <= Hypergeometric.SeriesLimit)
            {
                return ExpectedWhileAliveBySeries(rho, s, a, beta, c, t);
            }
        }

        return BetaExpectation.ExpectedPurchases(rho, s, a, beta, t);
    }

    /// <summary>
    /// <see cref="ExpectedWhileAlive(double, double, double, double, double)"/> at several horizons, sharing the work:
    /// the horizons from <see cref="ConnectFrom"/> share one evaluation of the connection formula, the others one ₂F₁
    /// series — its coefficients (ρ)_j (β)_j / ((a+β−1)_j j!) do not depend on the horizon, only the powers of z do —
    /// summed until the longest of them has negligible terms.
    /// </summary>
    public static void ExpectedWhileAlive(double rho, double s, double a, double beta, ReadOnlySpan<double> horizons, Span<double> result)
    {
        const int MostShared = 64;
        var c = a + beta - 1;
        if (horizons.Length is < 2 or > MostShared || !ClosedFormHolds(a, c))
        {
            for (var k = 0; k < horizons.Length; k++)
            {
                result[k] = ExpectedWhileAlive(rho, s, a, beta, horizons[k]);
            }

            return;
        }

        // The horizons for the connection formula (far) and for the power series (near), by index.
        Span<int> far = stackalloc int[horizons.Length];
        Span<int> near = stackalloc int[horizons.Length];
        Span<double> zs = stackalloc double[horizons.Length]; // z = t/(s+t) at each horizon, computed once
        int farCount = 0, nearCount = 0;
        for (var k = 0; k < horizons.Length; k++)
        {
            zs[k] = horizons[k] / (s + horizons[k]);
            if (zs[k] >= ConnectFrom)
            {
                far[farCount++] = k;
            }
            else
            {
                near[nearCount++] = k;
            }
        }

        Span<double> values = stackalloc double[horizons.Length];
        Span<double> shares = stackalloc double[horizons.Length];
        if (farCount > 0)
        {
            for (var i = 0; i < farCount; i++)
            {
                shares[i] = s / (s + horizons[far[i]]);
            }

            if (GaussConnection.TryPowerTimesTwoF1(rho, beta, c, shares[..farCount], values[..farCount]))
            {
                for (var i = 0; i < farCount; i++)
                {
                    result[far[i]] = c / (a - 1) * (1 - values[i]);
                }
            }
            else
            {
                // Too much cancellation here: the series where it is fast enough, quadrature beyond.
                foreach (var k in far[..farCount])
                {
                    if (zs[k] <= Hypergeometric.SeriesLimit)
                    {
                        near[nearCount++] = k;
                    }
                    else
                    {
                        result[k] = BetaExpectation.ExpectedPurchases(rho, s, a, beta, horizons[k]);
                    }
                }
            }
        }

        if (nearCount == 1)
        {
            result[near[0]] = ExpectedWhileAliveBySeries(rho, s, a, beta, c, horizons[near[0]]);
        }
        else if (nearCount > 1)
        {
            Span<double> nearZ = stackalloc double[nearCount];
            for (var i = 0; i < nearCount; i++)
            {
                shares[i] = horizons[near[i]];
                nearZ[i] = zs[near[i]];
            }

            SharedSeries(rho, s, a, beta, c, shares[..nearCount], nearZ, values[..nearCount]);
            for (var i = 0; i < nearCount; i++)
            {
                result[near[i]] = values[i];
            }
        }
    }

    /// <summary>
    /// The closed form with the ₂F₁ power series (z ≤ <see cref="Hypergeometric.SeriesLimit"/>). Its bracket
    /// 1 − (1−z)^e ₂F₁ is taken as (1 − (1−z)^e) − (1−z)^e (₂F₁ − 1), neither part rounded as a number near 1: at a
    /// short horizon (z near 0) the bracket is far smaller than 1, and 1/(a − 1) magnifies what it loses when a is
    /// near 1.
    /// </summary>
    private static double ExpectedWhileAliveBySeries(double rho, double s, double a, double beta, double c, double t)
    {
        var (p, q, exponent) = SeriesForm(rho, beta, c);
        var logShare = -SpecialFunctions.LogP1(t / s); // ln(s/(s+t))
        var bracket = -SpecialFunctions.ExpM1(exponent * logShare) - (Math.Exp(exponent * logShare) * Hypergeometric2F1Tail(p, q, c, t / (s + t)));
        return c / (a - 1) * bracket;
    }

    /// <summary>₂F₁(a, b; c; z) − 1 for 0 ≤ z &lt; 1 with positive terms: the power series after its first term, summed until a term no longer counts against the tail itself.</summary>
    private static double Hypergeometric2F1Tail(double a, double b, double c, double z) => PowerSeries(a, b, c, z, first: 0);

    /// <summary>
    /// Which series to sum for (1 − z)^ρ ₂F₁(ρ, β; c; z): as it is, or after Euler's transformation
    /// (1 − z)^(c−β) ₂F₁(c − ρ, c − β; c; z), which has the same value and, where c &lt; ρ + β (a customer with repeat
    /// purchases, usually), smaller numerator parameters, so fewer terms; it is used only where its terms are all
    /// positive too (c − ρ, c − β &gt; 0).
    /// </summary>
    private static (double P, double Q, double Exponent) SeriesForm(double rho, double beta, double c) =>
        c < rho + beta && c - rho > 0 && c - beta > 0 ? (c - rho, c - beta, c - beta) : (rho, beta, rho);

    /// <summary>
    /// The closed form at several horizons (each z ≤ <see cref="Hypergeometric.SeriesLimit"/>) with one shared ₂F₁
    /// series; <paramref name="zOf"/> holds z = t/(s+t) at each horizon.
    /// </summary>
    private static void SharedSeries(double rho, double s, double a, double beta, double c, ReadOnlySpan<double> horizons, ReadOnlySpan<double> zOf, Span<double> result)
    {
        var longest = 0.0;
        foreach (var t in horizons)
        {
            longest = Math.Max(longest, t);
        }

        var zLongest = longest / (s + longest);

        // Every coefficient is positive (ρ, β, a+β−1 > 0, or c − ρ and c − β after Euler's transformation), so every
        // sum is at least 1 and the longest horizon's term bounds the others'. Up to sixteen horizons are held in four
        // registers of four (with fused multiply-adds).
        var (p, q, exponent) = SeriesForm(rho, beta, c);
        if (horizons.Length <= 16 && System.Runtime.Intrinsics.X86.Fma.IsSupported)
        {
            Span<double> sums16 = stackalloc double[16];
            SumWithFma(p, q, c, zOf, zLongest, sums16[..horizons.Length]);
            Finish(s, a, c, exponent, horizons, sums16, result);
            return;
        }

        // The powers and sums side by side in SIMD vectors (padded with z = 0, whose sums stay 1).
        var lanes = System.Numerics.Vector<double>.Count;
        var width = (horizons.Length + lanes - 1) / lanes * lanes;
        Span<double> z = stackalloc double[width];
        Span<double> power = stackalloc double[width];
        Span<double> sum = stackalloc double[width];
        z.Clear();
        power.Fill(1);
        sum.Fill(1);
        zOf.CopyTo(z);
        var zs = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(z);
        var powers = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(power);
        var sums = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(sum);
        var coefficient = 1.0;
        var powerLongest = 1.0;
        for (var j = 0; ; j++)
        {
            if (j == 100_000)
            {
                throw new ArithmeticException($"₂F₁({p}, {q}; {c}; {zLongest}) did not converge in 100,000 terms.");
            }

            coefficient *= (p + j) * (q + j) / ((c + j) * (j + 1));
            for (var v = 0; v < zs.Length; v++)
            {
                powers[v] *= zs[v];
                sums[v] += coefficient * powers[v];
            }

            powerLongest *= zLongest;
            if (coefficient * powerLongest <= 1e-16)
            {
                break;
            }
        }

        Finish(s, a, c, exponent, horizons, sum, result);
    }

    /// <summary>The closed form c/(a−1) · (1 − (s/(s+t))^e · ₂F₁) at each horizon t from its series' sum.</summary>
    private static void Finish(double s, double a, double c, double exponent, ReadOnlySpan<double> horizons, ReadOnlySpan<double> sum, Span<double> result)
    {
        var shares = Powers(s, exponent, horizons);
        for (var k = 0; k < horizons.Length; k++)
        {
            result[k] = c / (a - 1) * (1 - (shares[k] * sum[k]));
        }
    }

    /// <summary>
    /// (s/(s+t))^e at each horizon t, kept from the last call on this thread when s, e and the horizons are the same.
    /// Over a base, customers with the same age T share s = α + T, and after Euler's transformation the exponent
    /// e = a − 1 does not depend on their purchases: ordered by T, runs of (x, T) pairs reuse one set of powers.
    /// </summary>
    private static ReadOnlySpan<double> Powers(double s, double exponent, ReadOnlySpan<double> horizons)
    {
        var cache = t_powers ??= new PowerCache();
        var kept = cache.Count == horizons.Length && s == cache.S && exponent == cache.Exponent && horizons.SequenceEqual(cache.Horizons.AsSpan(0, cache.Count));
        if (!kept)
        {
            if (horizons.Length > cache.Values.Length)
            {
                (cache.Horizons, cache.Values) = (new double[horizons.Length], new double[horizons.Length]);
            }

            for (var k = 0; k < horizons.Length; k++)
            {
                cache.Values[k] = Math.Pow(s / (s + horizons[k]), exponent);
            }

            horizons.CopyTo(cache.Horizons);
            (cache.S, cache.Exponent, cache.Count) = (s, exponent, horizons.Length);
        }

        return cache.Values.AsSpan(0, horizons.Length);
    }

    /// <summary>
    /// The powers of <see cref="Powers"/> last computed on a thread, with what they were computed for; none while
    /// <see cref="Count"/> is 0.
    /// </summary>
    private sealed class PowerCache
    {
        public double S { get; set; }

        public double Exponent { get; set; }

        public int Count { get; set; }

        public double[] Horizons { get; set; } = new double[16];

        public double[] Values { get; set; } = new double[16];
    }

    /// <summary>
    /// The ₂F₁(ρ, β; c; z) series at up to sixteen z in four AVX registers (unused lanes have z = 0), each term a
    /// fused multiply-add, to the term where the largest z's (<paramref name="zLongest"/>) is below 1e-16.
    /// </summary>
    private static void SumWithFma(double rho, double beta, double c, ReadOnlySpan<double> z, double zLongest, Span<double> sums)
    {
        Span<double> padded = stackalloc double[16];
        padded.Clear();
        z.CopyTo(padded);
        var lanes = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Runtime.Intrinsics.Vector256<double>>(padded);
        System.Runtime.Intrinsics.Vector256<double> z0 = lanes[0], z1 = lanes[1], z2 = lanes[2], z3 = lanes[3];
        var one = System.Runtime.Intrinsics.Vector256.Create(1.0);
        System.Runtime.Intrinsics.Vector256<double> p0 = one, p1 = one, p2 = one, p3 = one, s0 = one, s1 = one, s2 = one, s3 = one;
        var powerLongest = 1.0;
        var coefficient = 1.0;
        for (var j = 0.0; ; j++)
        {
            if (j == 100_000)
            {
                throw new ArithmeticException($"₂F₁({rho}, {beta}; {c}; {zLongest}) did not converge in 100,000 terms.");
            }

            coefficient *= (rho + j) * (beta + j) / ((c + j) * (j + 1));
            var broadcast = System.Runtime.Intrinsics.Vector256.Create(coefficient);
            p0 *= z0;
            p1 *= z1;
            p2 *= z2;
            p3 *= z3;
            s0 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(broadcast, p0, s0);
            s1 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(broadcast, p1, s1);
            s2 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(broadcast, p2, s2);
            s3 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(broadcast, p3, s3);
            powerLongest *= zLongest;
            if (coefficient * powerLongest <= 1e-16)
            {
                break;
            }
        }

        lanes[0] = s0;
        lanes[1] = s1;
        lanes[2] = s2;
        lanes[3] = s3;
        padded[..sums.Length].CopyTo(sums);
    }

    /// <summary>P(alive | x, t_x, T); 1 for a customer with no repeat purchase.</summary>
    public static double ProbabilityAlive(double r, double alpha, double a, double b, RepeatSummary c)
    {
        if (c.X == 0)
        {
            return 1;
        }

        // 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), the power taken in logs.
        var log = Math.Log(a / (b + c.X - 1)) + ((r + c.X) * Math.Log((alpha + c.T) / (alpha + c.Tx)));
        return 1 / (1 + Math.Exp(log));
    }

    /// <summary>P(X(t) = n): the probability that a customer just acquired makes exactly n purchases in (0, t] (FHL 2005, eq. 8).</summary>
    public static double ProbabilityOfPurchases(double r, double alpha, double a, double b, double t, int n)
    {
        if (n is < 0 or > BgNbdModel.MaxPurchasesInProbability)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The number of purchases is from 0 to {BgNbdModel.MaxPurchasesInProbability:N0}."));
        }

        if (!(t >= 0) || double.IsInfinity(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The length of time must be finite and not negative.");
        }

        if (t == 0)
        {
            // Nothing can happen in no time.
            return n == 0 ? 1 : 0;
        }

        var logBetaAb = SpecialFunctions.LogBeta(a, b);
        var logShare = Math.Log(alpha / (alpha + t));
        var logRest = Math.Log(t / (alpha + t));

        // ln[Γ(r+j) / (Γ(r) j!)] for the NBD terms.
        double LogNbd(int j) => SpecialFunctions.LogGamma(r + j) - SpecialFunctions.LogGamma(r) - SpecialFunctions.LogGamma(j + 1.0);

        var alive = Math.Exp(SpecialFunctions.LogBeta(a, b + n) - logBetaAb + LogNbd(n) + (r * logShare) + (n * logRest));
        if (n == 0)
        {
            return alive;
        }

        var atMostBefore = 0.0;
        for (var j = 0; j < n; j++)
        {
            atMostBefore += Math.Exp(LogNbd(j) + (r * logShare) + (j * logRest));
        }

        return alive + (Math.Exp(SpecialFunctions.LogBeta(a + 1, b + n - 1) - logBetaAb) * (1 - atMostBefore));
    }

    /// <summary>The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1, by its power series.</summary>
    public static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "The series is summed for 0 ≤ z < 1.");
        }

        return PowerSeries(a, b, c, z, first: 1);
    }

    /// <summary>
    /// <paramref name="first"/> plus the terms j ≥ 1 of ₂F₁(a, b; c; z)'s power series, summed until a term is below
    /// 1e-16 of the sum: with <paramref name="first"/> = 1 the function, with 0 its tail.
    /// </summary>
    private static double PowerSeries(double a, double b, double c, double z, double first)
    {
        var term = 1.0;
        var sum = first;
        for (var j = 0; j < 100_000; j++)
        {
            term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-16 * Math.Abs(sum))
            {
                return sum;
            }
        }

        throw new ArithmeticException($"₂F₁({a}, {b}; {c}; {z}) did not converge in 100,000 terms.");
    }

    /// <summary>
    /// Whether the closed form is exact here: its factor 1 / (a − 1) cancels badly near a = 1 (a removable
    /// singularity), and its ₂F₁ has no positive series when c ≤ 0 (a + b ≤ 1 for a new customer). Elsewhere — and
    /// where z is beyond <see cref="Hypergeometric.SeriesLimit"/> and the connection formula would lose precision — the
    /// expectation is integrated over the dropout probability instead.
    /// </summary>
    internal static bool ClosedFormHolds(double a, double c) => Math.Abs(a - 1) > 1e-3 && c > 0;
}
