namespace Crm.Metrics.Lifetime.Numerics;

/// <summary>
/// The Gauss hypergeometric function in the form the Pareto/NBD likelihood needs, ₂F₁(a, b; a + 1; z) for a &gt; 0,
/// b &gt; 0 and 0 ≤ z &lt; 1, as a logarithm (it grows like (1 − z)^(1−b) near z = 1).
/// </summary>
internal static class Hypergeometric
{
    /// <summary>Above this argument the series needs more than about 800 terms; the integral form is used instead.</summary>
    internal const double SeriesLimit = 0.95;

    /// <summary>ln ₂F₁(a, b; a + 1; z).</summary>
    public static double LogTwoF1PlusOne(double a, double b, double z)
    {
        if (!(z >= 0 && z < 1) || !(a > 0) || !(b > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "ln 2F1(a, b; a + 1; z) is computed for a, b > 0 and 0 <= z < 1.");
        }

        return z > SeriesLimit ? LogIntegral(a, b, z)
            : UseEuler(a, b, z) ? LogEulerSeries(a, b, z)
            : LogSeries(a, b, z);
    }

    /// <summary>
    /// ln F with F = ₂F₁(a, b; a + 1; z), and ∂ln F/∂a, ∂ln F/∂b, ∂ln F/∂z: from the series with its term-by-term
    /// derivatives (∂cⱼ/∂a = cⱼ j / (a (a + j)), ∂cⱼ/∂b = cⱼ Σ_{k&lt;j} 1/(b + k)) where it converges fast; nearer z = 1,
    /// from the integral form differentiated under the integral sign
    /// (<see cref="LogIntegral(double, double, double, out double, out double, out double)"/>).
    /// </summary>
    public static double LogTwoF1PlusOne(double a, double b, double z, out double dA, out double dB, out double dZ)
    {
        if (!(z >= 0 && z < 1) || !(a > 0) || !(b > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "ln 2F1(a, b; a + 1; z) is computed for a, b > 0 and 0 <= z < 1.");
        }

        if (z > SeriesLimit)
        {
            return LogIntegral(a, b, z, out dA, out dB, out dZ);
        }

        if (UseEuler(a, b, z))
        {
            return LogEulerSeries(a, b, z, out dA, out dB, out dZ);
        }

        // Sums of cⱼ zʲ and of its derivatives, all divided by e^logScale.
        var logScale = 0.0;
        var power = 1.0; // (b)ⱼ zʲ / j!
        double sum = 1, sumA = 0, sumB = 0, sumZ = 0, harmonic = 0;
        var peak = b * z / (1 - z);
        for (var j = 1; j < 1_000_000; j++)
        {
            harmonic += 1 / (b + j - 1);
            power *= (b + j - 1) * z / j;
            var term = power * a / (a + j);
            sum += term;
            sumA += term * j / (a * (a + j));
            sumB += term * harmonic;
            sumZ += j * power * a / (a + j);
            if (sum > 1e250)
            {
                logScale += Math.Log(sum);
                power /= sum;
                sumA /= sum;
                sumB /= sum;
                sumZ /= sum;
                sum = 1;
            }

            if (j > peak && term <= 1e-17 * sum)
            {
                dA = sumA / sum;
                dB = sumB / sum;

                // Σ j cⱼ z^(j−1) = (Σ j cⱼ zʲ) / z; at z = 0 it is c₁ = a b / (a + 1).
                dZ = z > 0 ? sumZ / (z * sum) : a * b / (a + 1);
                return logScale + Math.Log(sum);
            }
        }

        throw new ArithmeticException($"2F1({a}, {b}; {a + 1}; {z}) did not converge.");
    }

    /// <summary>
    /// Whether to sum Euler's transformation: for b &gt; 1 the terms (b)ⱼ zʲ / j! climb to a peak near
    /// j ≈ b z/(1 − z) (beyond a million terms for b in the tens of thousands), while the transformed terms fall
    /// from the first by at least z each, and stay positive as long as a + 1 − b &gt; 0. A single evaluation takes
    /// it once the climb is longer than the geometric tail either form has (about 64 terms); precomputed
    /// coefficients (<paramref name="z"/> = the largest argument they serve) take it for any b &gt; 1.
    /// </summary>
    internal static bool UseEuler(double a, double b, double z = 1) => b > 1 && a + 1 - b > 0 && b * z > 64 * (1 - z);

    /// <summary>ln F by Euler's transformation, without the derivatives.</summary>
    private static double LogEulerSeries(double a, double b, double z)
    {
        var lower = a + 1 - b;
        double term = 1, sum = 1;
        for (var j = 1; j < 1_000_000; j++)
        {
            term *= (lower + j - 1) / (a + j) * z;
            sum += term;
            if (term <= 1e-17 * (1 - z) * sum)
            {
                return ((1 - b) * Math.Log(1 - z)) + Math.Log(sum);
            }
        }

        throw new ArithmeticException($"2F1({a}, {b}; {a + 1}; {z}) did not converge.");
    }

    /// <summary>
    /// ln F by Euler's transformation F = (1 − z)^(1−b) ₂F₁(1, a+1−b; a+1; z) = (1 − z)^(1−b) Σ gⱼ zʲ with
    /// gⱼ = Π_{i&lt;j} (a+1−b+i)/(a+1+i): for b &gt; a + 1 − b &gt; 0 each term is below z times the one before, so the sum
    /// converges geometrically from the first term; and ∂ln F/∂a, ∂ln F/∂b, ∂ln F/∂z from the term-by-term derivatives.
    /// </summary>
    private static double LogEulerSeries(double a, double b, double z, out double dA, out double dB, out double dZ)
    {
        var lower = a + 1 - b;
        double term = 1, sum = 1, sumA = 0, sumB = 0, sumZ = 0, sumLower = 0, sumUpper = 0;
        for (var j = 1; j < 1_000_000; j++)
        {
            sumLower += 1 / (lower + j - 1);
            sumUpper += 1 / (a + j);
            term *= (lower + j - 1) / (a + j) * z; // gⱼ zʲ
            sum += term;
            sumA += term * (sumLower - sumUpper);
            sumB -= term * sumLower;
            sumZ += j * term;

            // The rest is below term · z/(1 − z).
            if (term <= 1e-17 * (1 - z) * sum)
            {
                var logOneMinusZ = Math.Log(1 - z);
                dA = sumA / sum;
                dB = (sumB / sum) - logOneMinusZ;
                dZ = ((b - 1) / (1 - z)) + (z > 0 ? sumZ / (z * sum) : lower / (a + 1));
                return ((1 - b) * logOneMinusZ) + Math.Log(sum);
            }
        }

        throw new ArithmeticException($"2F1({a}, {b}; {a + 1}; {z}) did not converge.");
    }

    /// <summary>Σⱼ a/(a + j) · (b)ⱼ zʲ / j!: positive terms, rescaled so that large b cannot overflow.</summary>
    internal static double LogSeries(double a, double b, double z)
    {
        var logScale = 0.0;
        var power = 1.0; // (b)ⱼ zʲ / j!, divided by e^logScale
        var sum = 1.0;
        var peak = b * z / (1 - z);
        for (var j = 1; j < 1_000_000; j++)
        {
            power *= (b + j - 1) * z / j;
            var term = power * a / (a + j);
            sum += term;
            if (sum > 1e250)
            {
                logScale += Math.Log(sum);
                power /= sum;
                sum = 1;
            }

            if (j > peak && term <= 1e-17 * sum)
            {
                return logScale + Math.Log(sum);
            }
        }

        throw new ArithmeticException($"2F1({a}, {b}; {a + 1}; {z}) did not converge.");
    }

    /// <summary>Euler's integral: ₂F₁(a, b; a + 1; z) = a ∫₀¹ t^(a−1) (1 − z t)^(−b) dt, with 1 − z t = (1 − z) + z (1 − t).</summary>
    internal static double LogIntegral(double a, double b, double z)
    {
        var integrand = new EulerIntegrand(a, b, z);
        return Math.Log(a) + DoubleExponential.LogIntegrate(ref integrand);
    }

    /// <summary>
    /// ln F by Euler's integral, with ∂ln F/∂a, ∂ln F/∂b, ∂ln F/∂z differentiated under the integral sign: with
    /// f = t^(a−1) (1 − z t)^(−b) and I = ∫ f, ln F = ln a + ln I, and ∂ln I/∂θ = ∫ f ∂ln f/∂θ / I, where ∂ln f/∂a = ln t,
    /// ∂ln f/∂b = −ln(1 − z t) and ∂ln f/∂z = b t / (1 − z t). The three weighted integrals come from the points of I
    /// itself (<see cref="DoubleExponential.LogIntegrate{T}(ref T, out ValueTuple{double, double, double})"/>).
    /// </summary>
    internal static double LogIntegral(double a, double b, double z, out double dA, out double dB, out double dZ)
    {
        var integrand = new EulerIntegrand(a, b, z);
        var log = Math.Log(a) + DoubleExponential.LogIntegrate(ref integrand, out var ratios);
        dA = (1 / a) + ratios.First;
        dB = ratios.Second;
        dZ = b * ratios.Third;
        return log;
    }

    /// <summary>
    /// Euler's integrand t^(a−1) (1 − z t)^(−b), and the weights that give its logarithm's derivatives in a, b and z.
    /// </summary>
    private readonly struct EulerIntegrand(double a, double b, double z) : DoubleExponential.IIntegrand
    {
        public double Log(double logT, double logOneMinusT) => ((a - 1) * logT) - (b * Math.Log(Remainder(logOneMinusT)));

        public double Log(double logT, double logOneMinusT, out (double First, double Second, double Third) weights)
        {
            var remainder = Remainder(logOneMinusT);
            var logRemainder = Math.Log(remainder);
            weights = (logT, -logRemainder, Math.Exp(logT) / remainder);
            return ((a - 1) * logT) - (b * logRemainder);
        }

        // 1 − z t as (1 − z) + z (1 − t): exact near t = 1, where 1 − z t is smallest.
        private double Remainder(double logOneMinusT) => (1 - z) + (z * Math.Exp(logOneMinusT));
    }
}
