namespace Crm.Metrics.Lifetime.Numerics;

/// <summary>
/// wᴬ · ₂F₁(A, B; C; 1 − w) for small w — the argument of ₂F₁ near 1, where its power series needs hundreds or
/// thousands of terms — by Gauss's connection formula, which turns it into two series in w:
/// <code>
/// wᴬ ₂F₁(A, B; C; 1 − w) = Γ(C) Γ(m) / (Γ(C − A) Γ(C − B)) · wᴬ ₂F₁(A, B; 1 − m; w)
///                        + Γ(C) Γ(−m) / (Γ(A) Γ(B)) · w^(C − B) ₂F₁(C − A, C − B; 1 + m; w),   m = C − A − B.
/// </code>
/// (Abramowitz &amp; Stegun 15.3.6.) The two terms can cancel: where m is near an integer their gamma factors grow
/// without bound, and for large |m| with w not small the series alternate with large terms. So every evaluation
/// measures the cancellation — the sum of the terms' magnitudes over the result — and gives up, returning false,
/// where it exceeds <see cref="MaxCancellation"/>; the caller then sums ₂F₁ directly or integrates. Where it
/// succeeds the result is good to about 1e-13 relative.
/// </summary>
internal static class GaussConnection
{
    /// <summary>The most the terms' magnitudes may exceed the result by (at most about two digits lost).</summary>
    internal const double MaxCancellation = 256;

    /// <summary>The most terms either series may take before the evaluation gives up.</summary>
    private const int MaxTerms = 2_000;

    /// <summary>
    /// Computes <paramref name="result"/>[k] = w[k]ᴬ · ₂F₁(A, B; C; 1 − w[k]) for every k, with A, B, C &gt; 0 and every
    /// w in (0, 1); false (and <paramref name="result"/> unspecified) where the formula would lose precision.
    /// </summary>
    public static bool TryPowerTimesTwoF1(double a, double b, double c, ReadOnlySpan<double> w, Span<double> result)
    {
        var m = c - a - b;
        var logC = SpecialFunctions.LogAbsGamma(c, out var signC);
        var logM = SpecialFunctions.LogAbsGamma(m, out var signM);
        var logMinusM = SpecialFunctions.LogAbsGamma(-m, out var signMinusM);
        if (signM == 0 || signMinusM == 0)
        {
            return false; // m an integer: the formula has a limit with logarithms, not these terms
        }

        var logCa = SpecialFunctions.LogAbsGamma(c - a, out var signCa);
        var logCb = SpecialFunctions.LogAbsGamma(c - b, out var signCb);
        var logA = SpecialFunctions.LogAbsGamma(a, out _);
        var logB = SpecialFunctions.LogAbsGamma(b, out _);

        // 1/Γ at a pole is 0 (its sign 0): that term vanishes.
        var first = signC * signM * signCa * signCb * Math.Exp(logC + logM - logCa - logCb);
        var second = signC * signMinusM * Math.Exp(logC + logMinusM - logA - logB);
        if (!double.IsFinite(first) || !double.IsFinite(second))
        {
            return false;
        }

        var n = w.Length;
        Span<double> power = stackalloc double[n];
        Span<double> sum1 = stackalloc double[n];
        Span<double> sum2 = stackalloc double[n];
        Span<double> size1 = stackalloc double[n];
        Span<double> size2 = stackalloc double[n];
        power.Fill(1);
        sum1.Fill(1);
        sum2.Fill(1);
        size1.Fill(1);
        size2.Fill(1);
        var largest = 0.0;
        foreach (var value in w)
        {
            largest = Math.Max(largest, value);
        }

        // Coefficients of ₂F₁(A, B; 1 − m; w) and ₂F₁(C − A, C − B; 1 + m; w). Until j passes |m| a denominator can
        // change sign and the terms can shrink and grow again, so the stopping rule waits for that; then it stops
        // where the largest w's terms are below 1e-17 (each sum of magnitudes is at least 1).
        var coefficient1 = 1.0;
        var coefficient2 = 1.0;
        var powerLargest = 1.0;
        var settled = Math.Abs(m) + 2;
        for (var j = 0; ; j++)
        {
            if (j == MaxTerms)
            {
                return false;
            }

            coefficient1 *= (a + j) * (b + j) / ((1 - m + j) * (j + 1));
            coefficient2 *= (c - a + j) * (c - b + j) / ((1 + m + j) * (j + 1));
            for (var k = 0; k < n; k++)
            {
                power[k] *= w[k];
                var term1 = coefficient1 * power[k];
                var term2 = coefficient2 * power[k];
                sum1[k] += term1;
                sum2[k] += term2;
                size1[k] += Math.Abs(term1);
                size2[k] += Math.Abs(term2);
            }

            powerLargest *= largest;
            if (j >= settled && Math.Abs(coefficient1 * powerLargest) <= 1e-17 && Math.Abs(coefficient2 * powerLargest) <= 1e-17)
            {
                break;
            }
        }

        for (var k = 0; k < n; k++)
        {
            var weight1 = first * Math.Pow(w[k], a);
            var weight2 = second * Math.Pow(w[k], c - b);
            var value = (weight1 * sum1[k]) + (weight2 * sum2[k]);
            var magnitude = (Math.Abs(weight1) * size1[k]) + (Math.Abs(weight2) * size2[k]);
            if (!double.IsFinite(value) || !(magnitude <= MaxCancellation * Math.Abs(value)))
            {
                return false;
            }

            result[k] = value;
        }

        return true;
    }
}
