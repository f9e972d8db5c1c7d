using Crm.Metrics.Lifetime.BgNbd;
using Crm.Metrics.Lifetime.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// The expected purchases while alive, W = (a+β−1)/(a−1) · [1 − (s/(s+t))^ρ ₂F₁(ρ, β; a+β−1; t/(s+t))], is summed
/// three ways — the ₂F₁ series as it is, after Euler's transformation, and by Gauss's connection formula for arguments
/// near 1 — and integrated where none is exact. Whichever is taken, W equals the integral over the dropout
/// probability, an independent method; and the connection formula, where it accepts, equals the plain series.
/// </summary>
public class ConnectionFormulaProperties
{
    public static Arbitrary<(double Rho, double S, double A, double Beta, double T)> WhileAlive() =>
        (from x in Gen.Frequency((3, Gen.Choose(0, 5)), (2, Gen.Choose(6, 40)))
         from r in Gen.Choose(2, 500).Select(i => i / 100.0)          // r: 0.02 .. 5
         from s in Gen.Frequency((2, Gen.Choose(1, 100).Select(i => i / 10.0)), (1, Gen.Choose(10, 200).Select(i => (double)i)))
         from a in Gen.Frequency((5, Gen.Choose(101, 800).Select(i => i / 100.0)), (1, Gen.Choose(30, 99).Select(i => i / 100.0)))
         from b in Gen.Choose(5, 3000).Select(i => i / 100.0)
         from t in Gen.Frequency((1, Gen.Choose(1, 100).Select(i => i / 10.0)), (2, Gen.Choose(10, 400).Select(i => (double)i)))
         select (r + x, s, a, b + x, t)).ToArbitrary();

    [Property(Arbitrary = [typeof(ConnectionFormulaProperties)], MaxTest = 400)]
    public void W_by_any_route_is_the_integral_over_the_dropout_probability((double Rho, double S, double A, double Beta, double T) c)
    {
        var w = BgNbdPredictions.ExpectedWhileAlive(c.Rho, c.S, c.A, c.Beta, c.T);
        var integral = BetaExpectation.ExpectedPurchases(c.Rho, c.S, c.A, c.Beta, c.T);
        Assert.True(Math.Abs(w - integral) <= 1e-10 * Math.Max(1e-3, Math.Abs(integral)), $"W = {w:R}, the integral {integral:R}");
    }

    [Property(Arbitrary = [typeof(ConnectionFormulaProperties)], MaxTest = 400)]
    public void The_connection_formula_where_it_accepts_is_the_plain_series((double Rho, double S, double A, double Beta, double T) c)
    {
        var cParameter = c.A + c.Beta - 1;
        var share = c.S / (c.S + c.T);
        var z = c.T / (c.S + c.T);
        var g = new double[1];
        if (cParameter > 0 && z <= 0.95 && GaussConnection.TryPowerTimesTwoF1(c.Rho, c.Beta, cParameter, [share], g))
        {
            var series = Math.Pow(share, c.Rho) * BgNbdPredictions.Hypergeometric2F1(c.Rho, c.Beta, cParameter, z);
            Assert.True(Math.Abs(g[0] - series) <= 1e-11 * Math.Abs(series), $"connection {g[0]:R}, series {series:R}");
        }
    }

    [Theory]
    [InlineData(1.81, 110.0, 0.98, 30.41, 0.1)]  // a near 1, a short horizon: z ≈ 0.0009, the bracket ≈ 1e-6
    [InlineData(0.5, 200.0, 1.02, 5.0, 0.01)]    // the same from above a = 1, z = 0.00005
    public void Short_horizons_near_a_equal_to_one_keep_their_digits(double rho, double s, double a, double beta, double t)
    {
        // 1/(a − 1) magnifies what the bracket 1 − (1−z)^ρ ₂F₁ loses: taken as one number near 1, 1e-10 of W.
        var integral = BetaExpectation.ExpectedPurchases(rho, s, a, beta, t);
        Assert.Equal(integral, BgNbdPredictions.ExpectedWhileAlive(rho, s, a, beta, t), 1e-12 * integral);
    }

    [Theory]
    [InlineData(0.4, 1.7, 2.2, 7.9, 52.0)]   // a new customer, a year ahead: z = 0.97
    [InlineData(5.4, 1.7, 2.2, 12.9, 52.0)]  // five repeat purchases (Euler's form would apply below z = 0.85)
    [InlineData(0.4, 30.0, 2.2, 7.9, 400.0)] // z = 0.93
    [InlineData(2.0, 0.5, 3.5, 4.0, 300.0)]  // z = 0.998, where the plain series needs about 20,000 terms
    public void Far_horizons_are_the_integral(double rho, double s, double a, double beta, double t)
    {
        var integral = BetaExpectation.ExpectedPurchases(rho, s, a, beta, t);
        Assert.Equal(integral, BgNbdPredictions.ExpectedWhileAlive(rho, s, a, beta, t), 1e-10 * integral);
    }

    [Theory]
    [InlineData(0.4, 7.9, 2.2, 0.05)]  // a new customer a year ahead, z = 0.95
    [InlineData(5.4, 12.9, 2.2, 0.10)] // five repeat purchases, z = 0.90
    [InlineData(0.4, 7.9, 2.2, 0.14)]  // z = 0.86, just past where the formula is taken
    public void The_connection_formula_accepts_young_customers_and_is_the_plain_series(double rho, double beta, double a, double share)
    {
        // The property above checks only where the formula accepts; these are cases it must accept.
        var c = a + beta - 1;
        var g = new double[1];
        Assert.True(GaussConnection.TryPowerTimesTwoF1(rho, beta, c, [share], g));
        var series = Math.Pow(share, rho) * BgNbdPredictions.Hypergeometric2F1(rho, beta, c, 1 - share);
        Assert.Equal(series, g[0], 1e-11 * series);
    }

    [Fact]
    public void An_integer_m_is_refused_not_divided_by_zero()
    {
        // m = C − A − B = 0 and −2: Γ(m) has a pole; the formula's limit has logarithms, so it declines.
        var g = new double[1];
        Assert.False(GaussConnection.TryPowerTimesTwoF1(1.5, 2.5, 4.0, [0.1], g));
        Assert.False(GaussConnection.TryPowerTimesTwoF1(3.0, 2.5, 3.5, [0.1], g));
    }

    [Fact]
    public void Heavy_cancellation_is_refused()
    {
        // m = −18.41 with w = 0.47: the terms are some 1e14 times the result.
        var g = new double[1];
        Assert.False(GaussConnection.TryPowerTimesTwoF1(34.37, 56.65, 72.61, [0.47], g));
    }

    [Theory]
    [InlineData(-0.5, -3.5449077018110320546)]   // Γ(−1/2) = −2√π
    [InlineData(-1.5, 2.3632718012073547031)]    // Γ(−3/2) = 4√π/3
    [InlineData(-2.25, -1.7428148657282526509)]  // Γ(−9/4) = Γ(3/4) / (−9/4 · −5/4 · −1/4)
    [InlineData(0.5, 1.7724538509055160273)]     // √π
    public void Gamma_of_negative_arguments_by_reflection(double x, double gamma)
    {
        var log = SpecialFunctions.LogAbsGamma(x, out var sign);
        Assert.Equal(gamma, sign * Math.Exp(log), 1e-13 * Math.Abs(gamma));
    }

    [Fact]
    public void Gamma_at_a_pole_has_no_sign()
    {
        Assert.True(double.IsPositiveInfinity(SpecialFunctions.LogAbsGamma(-3, out var sign)));
        Assert.Equal(0, sign);
    }
}
