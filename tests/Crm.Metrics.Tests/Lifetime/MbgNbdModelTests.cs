using Crm.Metrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Crm.Metrics.Lifetime.BgNbd;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007) on the CDNOW sample: the published parameters and predictions,
/// recovery of known parameters from simulated data, and the laws the other models keep.
/// </summary>
public class MbgNbdModelTests
{
    // The MLE on the two-decimal summary file (lifetimes 0.11.3): r, α, a, b and ln L −9582.1327.
    private static readonly MbgNbdModel AtMle = new(0.524838, 6.182992, 0.891356, 1.613999, ModelTimeUnit.Weeks);
    private static readonly CustomerId Someone = new("someone");

    private static CustomerSummary Weeks(int x, double tx, double t) => new(Someone, x, new BtydRecency(ModelTime.Weeks(tx)), ModelTime.Weeks(t));

    [Fact]
    public void The_fit_on_the_CDNOW_summary_file_reproduces_the_published_parameters_and_likelihood()
    {
        var fit = MbgNbdModel.Fit(CdnowData.PublishedSummary());

        // Published (BTYDplus, 3 d.p.): r 0.525, α 6.183, a 0.891, b 1.614; ln L −9582.13.
        var m = fit.Model;
        Assert.Equal((0.525, 6.183, 0.891, 1.614), (Math.Round(m.R, 3), Math.Round(m.Alpha, 3), Math.Round(m.A, 3), Math.Round(m.B, 3)));
        Assert.Equal(-9582.13, Math.Round(fit.LogLikelihood, 2));
        Assert.True(fit.IsConverged, $"{fit.Status} after {fit.Iterations}, |g| = {fit.GradientNorm}");
        Assert.Equal(["r", "alpha", "a", "b"], fit.Parameters.Select(p => p.Name));
        Assert.All(fit.Parameters, p => Assert.InRange(p.StandardError!.Value, 1e-4, p.Value));

        // MBG/NBD nests nothing of BG/NBD, but on CDNOW it fits slightly better (−9582.13 against −9582.43).
        Assert.True(fit.LogLikelihood > BgNbdModel.Fit(CdnowData.PublishedSummary()).LogLikelihood);
    }

    [Fact]
    public void Predictions_match_the_published_values()
    {
        // E[X(39) | x = 2, t_x = 30.43, T = 38.86] = 1.2627 (BG/NBD: 1.226); P(alive | x = 0, T = 38.86) = 0.3897;
        // a new customer's E[X(52)] = 1.4189.
        Assert.Equal(1.2627, Math.Round(AtMle.ExpectedPurchases(Weeks(2, 30.43, 38.86), ModelTime.Weeks(39)), 4));
        Assert.Equal(0.3897, Math.Round(AtMle.ProbabilityAlive(Weeks(0, 0, 38.86)), 4));
        Assert.Equal(1.4189, Math.Round(AtMle.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(52)), 4));

        // In days the same predictions.
        var days = new MbgNbdModel(AtMle.R, AtMle.Alpha * 7, AtMle.A, AtMle.B, ModelTimeUnit.Days);
        Assert.Equal(AtMle.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(52)), days.ExpectedPurchasesForNewCustomer(ModelTime.Days(364)), 1e-12);
    }

    [Fact]
    public void A_customer_who_never_came_back_may_be_gone_and_the_hand_computed_likelihood_holds()
    {
        // x = 0: alive with probability b/(a+b) · (α/(α+T))^r / [that + a/(a+b)] — hand-computed from the formula.
        const double r = 0.5, alpha = 6, a = 0.9, b = 1.6, t = 39;
        var model = new MbgNbdModel(r, alpha, a, b, ModelTimeUnit.Weeks);
        var stay = b / (a + b) * Math.Pow(alpha / (alpha + t), r);
        Assert.Equal(stay / (stay + (a / (a + b))), model.ProbabilityAlive(Weeks(0, 0, t)), 1e-12);
        Assert.Equal(Math.Log(stay + (a / (a + b))), model.LogLikelihood(Weeks(0, 0, t)), 1e-12);

        // The closed forms agree with quadrature over the dropout probability, where the closed form is also exact.
        var c = Weeks(3, 20, 39).In(ModelTimeUnit.Weeks);
        var alive = MbgNbdPredictions.ProbabilityAlive(r, alpha, a, b, c);
        var quadrature = BetaExpectation.ExpectedPurchases(r + 3, alpha + 39, a, b + 4, 26) * alive;
        Assert.Equal(quadrature, model.ExpectedPurchases(Weeks(3, 20, 39), ModelTime.Weeks(26)), 1e-9);
        Assert.Equal(b / (a + b) * BetaExpectation.ExpectedPurchases(r, alpha, a, b + 1, 52), model.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(52)), 1e-9);
    }

    [Fact]
    public void The_predicted_clv_uses_the_existing_clv_code()
    {
        var spend = new GammaGammaModel(6.25, 3.74, 15.44, Currency.Usd);
        var settings = new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.01, 0.3m);
        var customer = new CustomerSummary(Someone, 2, new BtydRecency(ModelTime.Weeks(30.43)), ModelTime.Weeks(38.86), new Money(40m, Currency.Usd));

        var forecast = CustomerLifetimeValue.Forecast(AtMle, spend, customer, settings);
        Assert.Equal(AtMle.ProbabilityAlive(customer), forecast.ProbabilityAlive);
        Assert.Equal(AtMle.ExpectedPurchases(customer, ModelTime.Weeks(52)), forecast.ExpectedPurchases, 1e-12);
        Assert.True(forecast.Value.Amount > 0);
        Assert.True(CustomerLifetimeValue.ForNewCustomer(AtMle, spend, settings).Amount > 0);
    }

    [Theory]
    [InlineData(0.25, 4.0, 0.8, 2.5, 1)]
    [InlineData(0.5, 6.0, 0.9, 1.6, 1)]
    public void Parameters_are_recovered_from_data_simulated_with_them(double r, double alpha, double a, double b, int seed)
    {
        // 20,000 customers simulated with fixed parameters and seeds (MbgNbdModel.Simulate, summarised by purchase
        // day); each estimate within three standard errors. Summaries count purchase days: at r = 1.5, α = 10 that
        // rounding shifted α by up to 3.4 standard errors in some seeds, so the sets keep CDNOW-like rates.
        var simulation = new PurchaseSimulation(20_000, new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 3, 31)), new LocalDate(2025, 12, 31), seed);
        var summary = CustomerBaseSummary.FromPurchases(new MbgNbdModel(r, alpha, a, b, ModelTimeUnit.Weeks).Simulate(simulation), new SummaryOptions(new LocalDate(2025, 12, 31)));
        var fit = MbgNbdModel.Fit(summary);

        Assert.True(fit.IsConverged, fit.Status.ToString());
        double[] truth = [r, alpha, a, b];
        for (var i = 0; i < truth.Length; i++)
        {
            var p = fit.Parameters[i];
            Assert.True(Math.Abs(p.Value - truth[i]) <= 3 * p.StandardError!.Value, $"{p.Name} = {p.Value} ± {p.StandardError}, true {truth[i]}");
        }
    }

    [Fact]
    public void Progress_cancellation_and_degenerate_data_behave_as_for_the_other_models()
    {
        var reports = 0;
        var fit = MbgNbdModel.Fit(CdnowData.Summary, progress: new Synchronous(() => reports++));
        Assert.Equal(fit.Iterations, reports);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => MbgNbdModel.Fit(CdnowData.Summary, cancellationToken: cancelled.Token));

        var options = new SummaryOptions(new LocalDate(2024, 12, 31));
        var noRepeaters = CustomerBaseSummary.FromSummaries(Enumerable.Range(1, 10).Select(i => new CustomerSummary(new CustomerId($"c{i}"), 0, default, ModelTime.Weeks(i))), options);
        Assert.Contains("repeat purchase", Assert.Throws<ArgumentException>("summary", () => MbgNbdModel.Fit(noRepeaters)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("a", () => new MbgNbdModel(1, 1, double.NaN, 1, ModelTimeUnit.Weeks));
        Assert.Equal("MBG/NBD(r = 0.524838, alpha = 6.18299, a = 0.891356, b = 1.614; per week)", AtMle.ToString());
    }

    /// <summary>Parameters over the range fits produce and a valid history, in weeks.</summary>
    public static Arbitrary<(MbgNbdModel Model, CustomerSummary Customer)> Cases()
    {
        var positive = Gen.Choose(1, 4000).Select(i => i / 200.0); // 0.005 .. 20
        var gen =
            from r in positive
            from alpha in positive
            from a in positive.Where(v => v != 1)
            from b in positive
            from customer in LifetimeProperties.Histories
            select (new MbgNbdModel(r, alpha, a, b, ModelTimeUnit.Weeks), customer);
        return gen.ToArbitrary();
    }

    [Property(Arbitrary = [typeof(MbgNbdModelTests)], MaxTest = 300)]
    public void P_alive_is_a_probability_below_one_and_the_likelihood_is_finite((MbgNbdModel Model, CustomerSummary Customer) c)
    {
        var alive = c.Model.ProbabilityAlive(c.Customer);
        Assert.InRange(alive, 0, 1);
        Assert.True(alive < 1 || c.Customer.Frequency > 0, "a customer without a repeat purchase may have dropped out at the first");
        var value = c.Model.LogLikelihood(c.Customer);
        Assert.True(double.IsFinite(value));
        // ln L ≤ 0 for a probability; at age 0 it is exactly 0 (b/(a+b) + a/(a+b)), which rounding may put an ulp above.
        Assert.True(c.Customer.Frequency > 0 || value <= 1e-12, $"ln L = {value}");
    }

    [Property(Arbitrary = [typeof(MbgNbdModelTests)], MaxTest = 200)]
    public void Expected_purchases_are_finite_and_never_decrease_with_the_horizon((MbgNbdModel Model, CustomerSummary Customer) c)
    {
        double previousConditional = 0, previousNew = 0;
        foreach (var weeks in new[] { 0, 0.5, 1, 4, 13, 39, 52, 104 })
        {
            var t = ModelTime.Weeks(weeks);
            var conditional = c.Model.ExpectedPurchases(c.Customer, t);
            var fresh = c.Model.ExpectedPurchasesForNewCustomer(t);
            Assert.True(double.IsFinite(conditional) && conditional >= previousConditional - (1e-9 * Math.Max(1, conditional)), $"E[Y({weeks})] = {conditional} < {previousConditional}");
            Assert.True(double.IsFinite(fresh) && fresh >= previousNew - (1e-9 * Math.Max(1, fresh)), $"E[X({weeks})] = {fresh} < {previousNew}");
            previousConditional = conditional;
            previousNew = fresh;
        }
    }

    [Fact]
    public void The_grouped_objective_equals_the_customer_by_customer_likelihood_with_its_gradient()
    {
        var summary = CdnowData.Summary;
        var groups = SummaryGroups.From(summary.Span, ModelTimeUnit.Weeks, "summary");
        double[] p = [0.5, 6, 0.9, 1.6];
        Span<double> grouped = stackalloc double[4];
        var value = new BgNbdObjective(groups, modified: true).Evaluate(p, grouped);

        var customers = summary.Customers.Select(c => c.In(ModelTimeUnit.Weeks)).ToArray();
        var weights = Enumerable.Repeat(1, customers.Length).ToArray();
        Span<double> single = stackalloc double[4];
        Span<double> unused = stackalloc double[4];
        Assert.Equal(BgNbdLikelihood.Sum(p[0], p[1], p[2], p[3], customers, weights, single, modified: true), value, 1e-7);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(single[i], grouped[i], 1e-6 * Math.Max(1, Math.Abs(single[i])));

            // And the analytic gradient is the derivative: a central difference agrees.
            var h = 1e-6 * p[i];
            double[] up = [.. p], down = [.. p];
            up[i] += h;
            down[i] -= h;
            var numeric = (BgNbdLikelihood.Sum(up[0], up[1], up[2], up[3], customers, weights, unused, modified: true)
                - BgNbdLikelihood.Sum(down[0], down[1], down[2], down[3], customers, weights, unused, modified: true)) / (2 * h);
            Assert.Equal(numeric, single[i], 1e-4 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    private sealed class Synchronous(Action report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report();
    }
}
