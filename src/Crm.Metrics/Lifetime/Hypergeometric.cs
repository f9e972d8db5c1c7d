namespace Crm.Metrics.Lifetime;

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

        return z <= SeriesLimit ? LogSeries(a, b, z) : LogIntegral(a, b, z);
    }

    /// <summary>
    /// ln F with F = ₂F₁(a, b; a + 1; z), and ∂ln F/∂a, ∂ln F/∂b, ∂ln F/∂z: from the series with its term-by-term
    /// derivatives (∂cⱼ/∂a = cⱼ j / (a (a + j)), ∂cⱼ/∂b = cⱼ Σ_{k&lt;j} 1/(b + k)) where it converges fast, by central
    /// differences of the integral form nearer z = 1.
    /// </summary>
    public static double LogTwoF1PlusOne(double a, double b, double z, out double dA, out double dB, out double dZ)
    {
        if (!(z >= 0 && z < 1) || !(a > 0) || !(b > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "ln 2F1(a, b; a + 1; z) is computed for a, b > 0 and 0 <= z < 1.");
        }

        if (z > SeriesLimit)
        {
            var ha = 1e-5 * a;
            var hb = 1e-5 * b;
            var hz = 1e-5 * Math.Min(z, 1 - z);
            dA = (LogIntegral(a + ha, b, z) - LogIntegral(a - ha, b, z)) / (2 * ha);
            dB = (LogIntegral(a, b + hb, z) - LogIntegral(a, b - hb, z)) / (2 * hb);
            dZ = (LogIntegral(a, b, z + hz) - LogIntegral(a, b, z - hz)) / (2 * hz);
            return LogIntegral(a, b, z);
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
    internal static double LogIntegral(double a, double b, double z) =>
        Math.Log(a) + DoubleExponential.LogIntegrate((logT, logQ) =>
            ((a - 1) * logT) - (b * Math.Log((1 - z) + (z * Math.Exp(logQ)))));
}
