using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.ParetoNbd;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>Pareto/NBD and its ₂F₁ against known values, and on CDNOW against the published ones (REFERENCE.md §3).</summary>
public class ParetoNbdTests
{
    private static readonly CustomerId Someone = new("someone");

    private static CustomerSummary Weeks(int x, double tx, double t) => new(Someone, x, new BtydRecency(ModelTime.Weeks(tx)), ModelTime.Weeks(t));

    [Theory]
    [InlineData(3.2, 1.6, 0.3, 0.4254958123610632362)]
    [InlineData(0.8, 1.6, 0.95, 2.0114700460457420573)] // the series at its limit
    [InlineData(0.8, 1.6, 0.96, 2.1533635388197165549)] // just beyond: the integral form
    [InlineData(27.2, 27.6, 0.999, 183.7685727421887255)] // very near 1, large parameters
    [InlineData(1.2, 0.6, 0.9999, 0.9784002641519525561)]
    [InlineData(5.5, 2.5, 0.0, 0.0)]
    [InlineData(100.5, 60.3, 0.5, 41.331402855959677879)] // large terms: the series rescales
    [InlineData(0.5, 150.0, 0.99, 680.4833486895432658)] // 2F1 ≈ e^680: only its logarithm is representable
    [InlineData(850017.64521742, 58257.27970983679, 0.9460052408371611, 170044.53757996717983)] // a line search's trial point: the plain series peaks past a million terms
    public void Log_2F1_a_b_a_plus_1_matches_30_digit_values(double a, double b, double z, double expected)
    {
        // References: mpmath hyp2f1 at 30 digits; the last, the plain series summed term by term in mpmath at 30
        // digits (1.1 million terms; mpmath's hyp2f1 returns a wrong sign there).
        Assert.Equal(expected, Hypergeometric.LogTwoF1PlusOne(a, b, z), 1e-12 * Math.Max(1, Math.Abs(expected)));
    }

    [Theory]
    [InlineData(2.5, 3.5, 0.85)]
    [InlineData(0.7, 12.0, 0.9)]
    [InlineData(40.0, 2.0, 0.6)]
    public void The_series_and_the_integral_agree_where_both_converge(double a, double b, double z) =>
        Assert.Equal(Hypergeometric.LogSeries(a, b, z), Hypergeometric.LogIntegral(a, b, z), 1e-12 * Math.Max(1, Math.Abs(Hypergeometric.LogSeries(a, b, z))));

    [Theory]
    [InlineData(3.2, 1.6, 0.3)]
    [InlineData(27.2, 27.6, 0.93)] // series
    [InlineData(0.8, 1.6, 0.99)] // integral form
    [InlineData(5.5, 2.5, 0.0)]
    [InlineData(850017.64521742, 58257.27970983679, 0.9460052408371611)] // Euler's transformation, far from the plain series' reach
    public void The_derivatives_of_ln_2F1_equal_central_differences(double a, double b, double z)
    {
        var value = Hypergeometric.LogTwoF1PlusOne(a, b, z, out var dA, out var dB, out var dZ);

        Assert.Equal(Hypergeometric.LogTwoF1PlusOne(a, b, z), value, 1e-13 * Math.Max(1, Math.Abs(value)));
        // Steps relative to the parameter: ln F reaches 10⁵ at the largest point, where an absolute 10⁻⁶ step is
        // drowned by the rounding of ln F itself.
        var ha = 1e-6 * Math.Max(1, a);
        var hb = 1e-6 * Math.Max(1, b);
        Assert.Equal((Hypergeometric.LogTwoF1PlusOne(a + ha, b, z) - Hypergeometric.LogTwoF1PlusOne(a - ha, b, z)) / (2 * ha), dA, 1e-6 * Math.Max(1, Math.Abs(dA)));
        Assert.Equal((Hypergeometric.LogTwoF1PlusOne(a, b + hb, z) - Hypergeometric.LogTwoF1PlusOne(a, b - hb, z)) / (2 * hb), dB, 1e-6 * Math.Max(1, Math.Abs(dB)));
        var hz = Math.Min(1e-7, z / 2);
        var numericZ = z == 0
            ? (Hypergeometric.LogTwoF1PlusOne(a, b, 1e-9) - Hypergeometric.LogTwoF1PlusOne(a, b, 0)) / 1e-9
            : (Hypergeometric.LogTwoF1PlusOne(a, b, z + hz) - Hypergeometric.LogTwoF1PlusOne(a, b, z - hz)) / (2 * hz);
        Assert.Equal(numericZ, dZ, 1e-5 * Math.Max(1, Math.Abs(dZ)));
    }

    [Fact]
    public void The_likelihood_is_continuous_where_alpha_crosses_beta()
    {
        // The two branches of A₀ (α ≥ β and α < β) must meet at α = β, where both ₂F₁ arguments are 0.
        var c = new RepeatSummary(3, 20, 38);
        var at = ParetoNbdLikelihood.Single(0.55, 11, 0.6, 11, c);
        Assert.Equal(at, ParetoNbdLikelihood.Single(0.55, 11 + 1e-9, 0.6, 11, c), 1e-8);
        Assert.Equal(at, ParetoNbdLikelihood.Single(0.55, 11 - 1e-9, 0.6, 11, c), 1e-8);
    }

    [Theory]
    [InlineData(0.55, 10.6, 0.6, 11.7, 20)] // α < β
    [InlineData(0.9, 14, 0.4, 0.8, 20)] // α ≫ β: ₂F₁ arguments near 1 for small t_x
    [InlineData(1.58, 9.0, 1.07, 76.8, 130)] // β ≫ α and up to 130 repeats: the Euler-transformed series
    [InlineData(0.2, 3.0, 0.3, 40, 60)] // β ≫ α, b = r + x just above a + 1 − b = s + 1 for small x
    public void The_grouped_objective_equals_the_sum_customer_by_customer(double r, double alpha, double s, double beta, int maxRepeats)
    {
        var random = new Random(11);
        var customers = Enumerable.Range(0, 3000).Select(_ =>
        {
            var t = random.Next(0, 300) / 7.0;
            var x = random.Next(0, 3) == 0 ? random.Next(1, maxRepeats) : 0;
            return new RepeatSummary(x, x == 0 ? 0 : Math.Min(t, random.Next(1, 300) / 7.0), t);
        }).ToArray();

        var objective = new ParetoNbdObjective(SummaryGroups.From(customers));
        double[] p = [r, alpha, s, beta];
        var gradient = new double[4];
        var grouped = objective.Evaluate(p, gradient);
        double Plain(double[] q) => customers.Sum(c => ParetoNbdLikelihood.Single(q[0], q[1], q[2], q[3], c));

        Assert.Equal(Plain(p), grouped, 1e-10 * Math.Abs(grouped));

        // The analytic gradient equals central differences of the plain sum.
        for (var i = 0; i < 4; i++)
        {
            var h = 1e-6 * p[i];
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[i] += h;
            down[i] -= h;
            var numeric = (Plain(up) - Plain(down)) / (2 * h);
            Assert.Equal(numeric, gradient[i], 1e-5 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    [Fact]
    public void The_fit_on_CDNOW_reproduces_the_published_values()
    {
        var summary = CdnowData.Summary;
        var fit = ParetoNbdModel.Fit(summary);
        var m = fit.Model;

        // Published: r, α, s = 0.553, 10.578, 0.606; ln L −9594.98; β ≈ 11.669, weakly identified (SE ≈ 6.2).
        Assert.True(fit.IsConverged, $"{fit.Status} after {fit.Iterations}, |g| {fit.GradientNorm}");
        Assert.Equal((0.553, 10.578, 0.606), (Math.Round(m.R, 3), Math.Round(m.Alpha, 3), Math.Round(m.S, 3)));
        Assert.Equal(-9594.98, Math.Round(fit.LogLikelihood, 2));
        Assert.Equal(11.669, m.Beta, 0.02);
        Assert.InRange(fit.Parameters[3].StandardError!.Value, 4, 9);

        // Customer 1516 E[X(52)] ≈ 25.456, P(alive) ≈ 0.9979; a new customer's E[X(52)] ≈ 1.4734; holdout ≈ 1665.5.
        var c1516 = Weeks(26, 30.85714, 31);
        Assert.Equal(25.456, m.ExpectedPurchases(c1516, ModelTime.Weeks(52)), 0.01);
        Assert.Equal(0.9979, Math.Round(m.ProbabilityAlive(c1516), 4));
        Assert.Equal(1.4734, m.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(52)), 0.001);
        Assert.Equal(1665.5, summary.Customers.Sum(c => m.ExpectedPurchases(c, ModelTime.Weeks(39))), 1.0);
    }

    [Fact]
    public void Clv_accepts_Pareto_NBD_as_its_purchase_model()
    {
        var model = new ParetoNbdModel(0.553, 10.578, 0.606, 11.669, ModelTimeUnit.Weeks);
        var spend = new GammaGammaModel(6.25, 3.74, 15.44, Currency.Usd);
        var customer = new CustomerSummary(new CustomerId("c"), 2, new BtydRecency(ModelTime.Weeks(30.43)), ModelTime.Weeks(38.86), new Money(22.35m, Currency.Usd));

        var forecast = CustomerLifetimeValue.Forecast(model, spend, customer, new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(52), 0, 1m));

        // One period, no discount, margin 1: CLV = E[Y(52)] × E[spend].
        Assert.Equal(model.ExpectedPurchases(customer, ModelTime.Weeks(52)) * (double)spend.ExpectedMeanSpend(customer).Amount, (double)forecast.Value.Amount, 1e-9);
    }

    [Fact]
    public void Predictions_are_continuous_at_s_equal_1_and_P_alive_is_a_probability()
    {
        var atOne = new ParetoNbdModel(0.5, 10, 1.0, 12, ModelTimeUnit.Weeks);
        var near = new ParetoNbdModel(0.5, 10, 1.0 + 1e-9, 12, ModelTimeUnit.Weeks);
        Assert.Equal(near.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(52)), atOne.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(52)), 1e-7);

        var model = new ParetoNbdModel(0.553, 10.578, 0.606, 11.669, ModelTimeUnit.Weeks);
        foreach (var c in new[] { Weeks(0, 0, 39), Weeks(1, 1, 39), Weeks(26, 30.857, 31), Weeks(5, 38.9, 39) })
        {
            Assert.InRange(model.ProbabilityAlive(c), 0, 1);
            var previous = 0.0;
            foreach (var t in new[] { 0.0, 1, 13, 52, 104 })
            {
                var e = model.ExpectedPurchases(c, ModelTime.Weeks(t));
                Assert.True(e >= previous, $"E[Y({t})] = {e} < {previous}");
                previous = e;
            }
        }
    }
}
