using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// Discounted expected residual transactions: Pareto/NBD's closed form with Tricomi's U, and BG/NBD's and MBG/NBD's
/// quadrature, each against a plain Stieltjes sum of the discounted increments of the model's own conditional
/// expectation — a computation that shares nothing with either; then the laws every DERT obeys.
/// </summary>
public class DiscountedResidualTests
{
    private static readonly CustomerId Someone = new("someone");

    // CDNOW's published fits, weekly.
    private static readonly BgNbdModel Bg = new(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);
    private static readonly MbgNbdModel Mbg = new(0.525, 6.183, 0.891, 1.614, ModelTimeUnit.Weeks);
    private static readonly ParetoNbdModel Pareto = new(0.553, 10.578, 0.606, 11.669, ModelTimeUnit.Weeks);

    // 15 % a year, continuously, per week; a steep 5 % a week; 100 % a week.
    public static TheoryData<double> Rates => [Math.Log(1.15) / 52.18, 0.05, 1.0];

    private static CustomerSummary Weeks(int x, double tx, double t) => new(Someone, x, new BtydRecency(ModelTime.Weeks(tx)), ModelTime.Weeks(t));

    private static readonly CustomerSummary[] Customers = [Weeks(0, 0, 38.86), Weeks(2, 30.43, 38.86), Weeks(26, 30.86, 31), Weeks(7, 5, 39)];

    /// <summary>
    /// Σ e^(−δ t_mid) (E(t_k+1) − E(t_k)) over a fine grid in u = δt up to u = 40 (e^(−40) is below what the
    /// tolerance can see): the Stieltjes sum of ∫ e^(−δt) dE, with an error of the order of the step squared.
    /// </summary>
    private static double Stieltjes(Func<double, double> expected, double delta, int steps = 40_000)
    {
        var h = 40.0 / steps;
        var sum = 0.0;
        var previous = 0.0;
        for (var k = 1; k <= steps; k++)
        {
            var e = expected(k * h / delta);
            sum += Math.Exp(-(k - 0.5) * h) * (e - previous);
            previous = e;
        }

        return sum;
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Pareto_nbd_s_closed_form_is_the_discounted_sum_of_its_expected_purchases(double delta)
    {
        foreach (var model in new[] { Pareto, new ParetoNbdModel(0.553, 10.578, 1.0, 11.669, ModelTimeUnit.Weeks), new ParetoNbdModel(1.2, 4.0, 2.5, 30.0, ModelTimeUnit.Weeks) })
        {
            foreach (var customer in Customers)
            {
                var expected = Stieltjes(t => model.ExpectedPurchases(customer, ModelTime.Weeks(t)), delta, 200_000);
                Assert.Equal(1.0, model.DiscountedResidualTransactions(customer, delta) / expected, 6);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Bg_nbd_s_and_mbg_nbd_s_quadrature_is_the_discounted_sum_of_their_expected_purchases(double delta)
    {
        foreach (var customer in Customers)
        {
            Assert.Equal(1.0, Bg.DiscountedResidualTransactions(customer, delta) / Stieltjes(t => Bg.ExpectedPurchases(customer, ModelTime.Weeks(t)), delta, 20_000), 5);
            Assert.Equal(1.0, Mbg.DiscountedResidualTransactions(customer, delta) / Stieltjes(t => Mbg.ExpectedPurchases(customer, ModelTime.Weeks(t)), delta, 20_000), 5);
        }
    }

    [Fact]
    public void A_higher_rate_discounts_more_below_the_undiscounted_expectation_towards_nothing()
    {
        foreach (var customer in Customers)
        {
            foreach (var dert in new Func<double, double>[] { d => Bg.DiscountedResidualTransactions(customer, d), d => Mbg.DiscountedResidualTransactions(customer, d), d => Pareto.DiscountedResidualTransactions(customer, d) })
            {
                var previous = double.PositiveInfinity;
                foreach (var delta in new[] { 0.0005, 0.005, 0.05, 0.5, 5, 500 })
                {
                    var value = dert(delta);
                    Assert.InRange(value, 0, previous);
                    previous = value;
                }

                Assert.True(previous < 1e-2, $"{previous} purchases left at 500 a week");
            }

            // Discounting only takes away: at 5 % a week DERT is below the undiscounted expectation over 2,000 weeks,
            // a horizon after which e^(−δt) leaves nothing (e^−100).
            Assert.True(Bg.DiscountedResidualTransactions(customer, 0.05) < Bg.ExpectedPurchases(customer, ModelTime.Weeks(2000)));
            Assert.True(Pareto.DiscountedResidualTransactions(customer, 0.05) < Pareto.ExpectedPurchases(customer, ModelTime.Weeks(2000)));
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_that_is_not_positive_and_finite_is_refused_by_name(double delta)
    {
        var customer = Customers[1];
        Assert.Throws<ArgumentOutOfRangeException>("discountRate", () => Bg.DiscountedResidualTransactions(customer, delta));
        Assert.Throws<ArgumentOutOfRangeException>("discountRate", () => Mbg.DiscountedResidualTransactions(customer, delta));
        Assert.Throws<ArgumentOutOfRangeException>("discountRate", () => Pareto.DiscountedResidualTransactions(customer, delta));
    }
}
