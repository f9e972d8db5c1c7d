using Crm.Metrics.Lifetime.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// Near z = 1 the Pareto/NBD likelihood's ₂F₁(a, b; a+1; z) is Euler's integral a ∫₀¹ t^(a−1) (1 − z t)^(−b) dt, and
/// the fit's gradient needs ∂ln F/∂(a, b, z). Those are differentiated under the integral sign and summed on the
/// quadrature's own points: they must be the difference quotients of ln F, meet the series' derivatives where the
/// method changes, and leave ln F as the integral alone gives it.
/// </summary>
public class EulerIntegralProperties
{
    /// <summary>a and b from 0.05 to 2,000, some small and some large; z from the series' limit to within 1e-6 of 1.</summary>
    public static Arbitrary<(double A, double B, double Z)> NearOne() =>
        (from a in Gen.Frequency((3, Gen.Choose(5, 500).Select(i => i / 100.0)), (1, Gen.Choose(5, 2000).Select(i => (double)i)))
         from b in Gen.Frequency((3, Gen.Choose(5, 500).Select(i => i / 100.0)), (1, Gen.Choose(5, 2000).Select(i => (double)i)))
         from gap in Gen.Choose(0, 1000).Select(i => Math.Pow(10, -1.31 - (i * 0.00469))) // 1 − z from 0.049 down to 1e-6
         select (a, b, 1 - gap)).ToArbitrary();

    [Property(Arbitrary = [typeof(EulerIntegralProperties)], MaxTest = 300)]
    public void The_derivatives_under_the_integral_sign_are_the_difference_quotients_of_ln_F((double A, double B, double Z) c)
    {
        var value = Hypergeometric.LogTwoF1PlusOne(c.A, c.B, c.Z, out var dA, out var dB, out var dZ);

        // Five-point quotients with steps of 1e-3 of each parameter (of z's distance from 1): their error is of order
        // 1e-12 of the derivative, plus ln F's rounding over the step. A step that small in z near 1 would be lost in the
        // rounding of 1 − z itself.
        var quotientA = Quotient(a => Hypergeometric.LogIntegral(a, c.B, c.Z), c.A, 1e-3 * c.A);
        var quotientB = Quotient(b => Hypergeometric.LogIntegral(c.A, b, c.Z), c.B, 1e-3 * c.B);
        var quotientZ = Quotient(z => Hypergeometric.LogIntegral(c.A, c.B, z), c.Z, 1e-3 * (1 - c.Z));

        Assert.Equal(Hypergeometric.LogIntegral(c.A, c.B, c.Z), value, 1e-12 * Math.Max(1, Math.Abs(value)));
        Assert.True(Close(quotientA, dA), $"∂/∂a {dA:R}, quotient {quotientA:R} at a {c.A:R}, b {c.B:R}, z {c.Z:R}");
        Assert.True(Close(quotientB, dB), $"∂/∂b {dB:R}, quotient {quotientB:R} at a {c.A:R}, b {c.B:R}, z {c.Z:R}");
        Assert.True(Close(quotientZ, dZ), $"∂/∂z {dZ:R}, quotient {quotientZ:R} at a {c.A:R}, b {c.B:R}, z {c.Z:R}");
    }

    [Theory]
    [InlineData(0.8, 1.6, 0.99, 3.0195659666792275914, 1.1160658653152074334, 3.196172663220469317, 61.71983534322122784)]
    [InlineData(934.0, 1.04, 0.9999970236088811, 8.9112071105955088371, 0.00089199555256560837398, 10.036559495144673778, 69474.075953987635426)]
    [InlineData(27.2, 27.6, 0.999, 183.7685727421887255, 0.036725645959890475066, 6.8702012693694972219, 26600.023435000923139)]
    [InlineData(1.2, 0.6, 0.9999, 0.97840026415195285306, 0.40658709004044971747, 2.4318065452255279887, 112.12099572700336576)]
    [InlineData(0.5, 150.0, 0.99, 680.4833486895432658, 1.9999317428798817014, 4.5984585459777275255, 14898.986451423648241)]
    [InlineData(3.5, 0.4, 0.97, 0.72223975866581822353, 0.07175559072580140469, 1.9358503415888607021, 3.5167230092546376868)]
    public void The_value_and_its_derivatives_match_40_digit_values(double a, double b, double z, double value, double dA, double dB, double dZ)
    {
        // References: mpmath at 40 digits, ln hyp2f1(a, b, a + 1, z) and its numerical derivatives (mp.diff) at the
        // doubles given.
        var actual = Hypergeometric.LogTwoF1PlusOne(a, b, z, out var actualA, out var actualB, out var actualZ);

        Assert.Equal(value, actual, 1e-12 * Math.Max(1, Math.Abs(value)));
        Assert.Equal(dA, actualA, 1e-11 * Math.Max(1, Math.Abs(dA)));
        Assert.Equal(dB, actualB, 1e-11 * Math.Max(1, Math.Abs(dB)));
        Assert.Equal(dZ, actualZ, 1e-11 * Math.Abs(dZ));
    }

    [Theory]
    [InlineData(0.8, 1.6)]
    [InlineData(3.5, 0.4)]
    [InlineData(27.2, 27.6)]
    [InlineData(0.2, 40.0)]
    [InlineData(150.0, 2.5)]
    public void At_the_series_limit_the_integral_and_the_series_meet_with_their_derivatives(double a, double b)
    {
        // z = 0.95 is summed as a series (or after Euler's transformation); the next double above, as the integral.
        var below = Hypergeometric.SeriesLimit;
        var above = Math.BitIncrement(below);
        var series = Hypergeometric.LogTwoF1PlusOne(a, b, below, out var seriesA, out var seriesB, out var seriesZ);
        var integral = Hypergeometric.LogTwoF1PlusOne(a, b, above, out var integralA, out var integralB, out var integralZ);

        Assert.Equal(series, integral, 1e-12 * Math.Max(1, Math.Abs(series)));
        Assert.Equal(seriesA, integralA, 1e-10 * Math.Max(1, Math.Abs(seriesA)));
        Assert.Equal(seriesB, integralB, 1e-10 * Math.Max(1, Math.Abs(seriesB)));
        Assert.Equal(seriesZ, integralZ, 1e-10 * Math.Max(1, Math.Abs(seriesZ)));
    }

    [Theory]
    [InlineData(0.3, 2.0)]
    [InlineData(1.0, 0.5)]
    [InlineData(12.5, 7.0)]
    public void At_z_zero_the_weighted_integrals_are_those_of_t_to_the_a_minus_1(double a, double b)
    {
        // With z = 0 the integrand is t^(a−1): ∫ = 1/a, ∫ t^(a−1) ln t = −1/a², ∫ t^a = 1/(a+1). So ln F = ln(a · 1/a) = 0,
        // ∂/∂a = 1/a + (−1/a²)/(1/a) = 0, ∂/∂b = ∫ f · (−ln 1) = 0, and ∂/∂z = b (1/(a+1))/(1/a) = a b/(a+1), the series'
        // first coefficient.
        var value = Hypergeometric.LogIntegral(a, b, 0, out var dA, out var dB, out var dZ);

        Assert.Equal(0, value, 1e-13);
        Assert.Equal(0, dA, 1e-12);
        Assert.Equal(0, dB, 1e-12);
        Assert.Equal(a * b / (a + 1), dZ, 1e-12 * dZ);
    }

    [Fact]
    public void Weighted_integrals_of_an_integrand_zero_everywhere_are_refused_and_its_logarithm_is_minus_infinity()
    {
        // ∫ 0 = 0: ln ∫ f is −∞, and ∫ f w / ∫ f is 0/0, which no number stands for.
        var zero = default(Nothing);
        Assert.Equal(double.NegativeInfinity, DoubleExponential.LogIntegrate(ref zero));
        Assert.Throws<ArithmeticException>(() => DoubleExponential.LogIntegrate(ref zero, out _));
    }

    private static double Quotient(Func<double, double> f, double x, double h) =>
        (f(x - (2 * h)) - (8 * f(x - h)) + (8 * f(x + h)) - f(x + (2 * h))) / (12 * h);

    private static bool Close(double quotient, double derivative) =>
        Math.Abs(quotient - derivative) <= 1e-6 * Math.Max(1, Math.Abs(derivative));

    /// <summary>f = 0 at every point, with weights of 1.</summary>
    private readonly struct Nothing : DoubleExponential.IIntegrand
    {
        public double Log(double logT, double logOneMinusT) => double.NegativeInfinity;

        public double Log(double logT, double logOneMinusT, out (double First, double Second, double Third) weights)
        {
            weights = (1, 1, 1);
            return double.NegativeInfinity;
        }
    }
}
