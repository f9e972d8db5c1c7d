using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.BgNbd;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>BG/NBD through the public API, on the real CDNOW sample: the published values of REFERENCE.md §3.</summary>
public class BgNbdModelTests
{
    private static readonly BgNbdModel Published = new(0.242593, 4.413532, 0.792886, 2.425752, ModelTimeUnit.Weeks);
    private static readonly CustomerId Someone = new("someone");

    private static CustomerSummary Weeks(int x, double tx, double t) => new(Someone, x, new BtydRecency(ModelTime.Weeks(tx)), ModelTime.Weeks(t));

    [Fact]
    public void The_fit_on_the_raw_CDNOW_sample_reproduces_the_published_parameters()
    {
        var fit = BgNbdModel.Fit(CdnowData.Summary);

        // Published r, α, a, b = 0.243, 4.414, 0.793, 2.426; ln L −9582.4292 from the unrounded raw data.
        var m = fit.Model;
        Assert.Equal((0.243, 4.414, 0.793, 2.426), (Math.Round(m.R, 3), Math.Round(m.Alpha, 3), Math.Round(m.A, 3), Math.Round(m.B, 3)));
        Assert.Equal(-9582.4292, fit.LogLikelihood, 5e-5);
        Assert.True(fit.IsConverged, $"{fit.Status} after {fit.Iterations}, |g| = {fit.GradientNorm}");
        Assert.Equal(ModelTimeUnit.Weeks, m.TimeUnit);
        Assert.Equal(2357, fit.Customers);
        Assert.True(fit.DistinctSummaries < 2357, "identical summaries are grouped");

        // The maximum: no published parameter set has a higher likelihood.
        Assert.True(fit.LogLikelihood >= CdnowData.Summary.Customers.Sum(c => Published.LogLikelihood(c)) - 1e-9);

        // Standard errors exist and are plausible: positive, and smaller than the estimates on 2,357 customers.
        Assert.Equal(["r", "alpha", "a", "b"], fit.Parameters.Select(p => p.Name));
        Assert.All(fit.Parameters, p => Assert.InRange(p.StandardError!.Value, 1e-4, p.Value));
    }

    [Fact]
    public void The_fit_on_the_two_decimal_summary_file_gives_its_published_log_likelihood()
    {
        var fit = BgNbdModel.Fit(CdnowData.PublishedSummary());

        Assert.Equal(-9582.4256, fit.LogLikelihood, 5e-5);
        Assert.Equal((0.243, 4.414, 0.793, 2.426), (Math.Round(fit.Model.R, 3), Math.Round(fit.Model.Alpha, 3), Math.Round(fit.Model.A, 3), Math.Round(fit.Model.B, 3)));
    }

    [Fact]
    public void The_same_data_in_days_gives_the_same_model_restated()
    {
        var weeks = BgNbdModel.Fit(CdnowData.Summary).Model;
        var daily = CustomerBaseSummary.FromPurchases(CdnowData.Purchases, new SummaryOptions(CdnowData.CalibrationEnd) { TimeUnit = ModelTimeUnit.Days });
        var days = BgNbdModel.Fit(daily).Model;

        // α is a time scale: α_days = 7 α_weeks; r, a, b have no unit. Predictions agree whatever the unit.
        Assert.Equal(weeks.Alpha * 7, days.Alpha, 1e-4 * days.Alpha);
        Assert.Equal(weeks.R, days.R, 1e-5);
        var c = daily.Customers[0];
        Assert.Equal(weeks.ExpectedPurchases(c, ModelTime.Weeks(39)), days.ExpectedPurchases(c, ModelTime.Days(273)), 1e-5);
    }

    [Fact]
    public void Predictions_match_the_published_values()
    {
        // E[X(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226; new customer E[X(52)] = 1.444.
        Assert.Equal(1.226, Math.Round(Published.ExpectedPurchases(Weeks(2, 30.43, 38.86), ModelTime.Weeks(39)), 3));
        Assert.Equal(1.444, Math.Round(Published.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(52)), 3));

        // The same horizon in days is the same prediction: the unit is part of the value.
        Assert.Equal(Published.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(52)), Published.ExpectedPurchasesForNewCustomer(ModelTime.Days(364)), 1e-12);

        // Customer 1516 (x = 26, t_x = 30.85714, T = 31): P(alive) 0.96885 published.
        Assert.Equal(0.9689, Math.Round(Published.ProbabilityAlive(Weeks(26, 30.85714, 31)), 4));

        // P(X(2) = 10) and P(X(39) = 0) at the rounded parameters.
        var rounded = new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);
        Assert.Equal(1.07869e-07, rounded.ProbabilityOfPurchases(10, ModelTime.Weeks(2)), 0.000005e-07);
        Assert.Equal(0.5737864, rounded.ProbabilityOfPurchases(0, ModelTime.Weeks(39)), 5e-8);

        // One customer's ln L at r = 0.25, α = 4, a = 0.8, b = 2.5, T = 40.
        var model = new BgNbdModel(0.25, 4, 0.8, 2.5, ModelTimeUnit.Weeks);
        Assert.Equal(-0.59947382, model.LogLikelihood(Weeks(0, 0, 40)), 1e-8);
        Assert.Equal(100.7957, model.LogLikelihood(Weeks(200, 38, 40)), 1e-4);
    }

    [Fact]
    public void The_CDNOW_holdout_has_1882_repeat_purchases_against_about_1653_expected()
    {
        var summary = CdnowData.Summary;
        var model = BgNbdModel.Fit(summary).Model;

        // Holdout 1997-10-01 .. 1998-06-30 = 273 days = 39 weeks; expected = Σ E[Y(39) | x, t_x, T].
        Assert.Equal(ModelTime.Weeks(39), summary.HoldoutLength);
        var expected = summary.Customers.Sum(c => model.ExpectedPurchases(c, summary.HoldoutLength!.Value));
        Assert.Equal(1653.4, Math.Round(expected, 1), 0.15);
        Assert.Equal(1882, summary.HoldoutRepeatTransactions);
    }

    [Fact]
    public void Progress_is_reported_each_iteration_and_cancellation_stops_the_fit()
    {
        var reports = new List<FitProgress>();
        var fit = BgNbdModel.Fit(CdnowData.Summary, progress: new Synchronous<FitProgress>(reports.Add));

        Assert.Equal(fit.Iterations, reports.Count);
        Assert.Equal(Enumerable.Range(1, fit.Iterations), reports.Select(r => r.Iteration));
        Assert.Equal(fit.LogLikelihood, reports[^1].LogLikelihood, 1e-9);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.LogLikelihood > p.First.LogLikelihood), "every iteration raises ln L");

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => BgNbdModel.Fit(CdnowData.Summary, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void An_iteration_limit_is_reported_not_hidden()
    {
        var fit = BgNbdModel.Fit(CdnowData.Summary, new FitOptions { MaxIterations = 3 });

        Assert.Equal(FitStatus.IterationLimit, fit.Status);
        Assert.False(fit.IsConverged);
        Assert.Equal(3, fit.Iterations);
    }

    [Fact]
    public void Degenerate_data_gives_a_clear_error_or_a_result_with_its_status()
    {
        var options = new SummaryOptions(new LocalDate(2024, 12, 31));

        // No customers, or nobody with a repeat purchase: not identified.
        Assert.Throws<ArgumentException>("customers", () => CustomerBaseSummary.FromSummaries([], options));
        var noRepeaters = CustomerBaseSummary.FromSummaries(Enumerable.Range(1, 10).Select(i => new CustomerSummary(new CustomerId($"c{i}"), 0, default, ModelTime.Weeks(i))), options);
        var error = Assert.Throws<ArgumentException>("summary", () => BgNbdModel.Fit(noRepeaters));
        Assert.Contains("repeat purchase", error.Message, StringComparison.Ordinal);

        // One customer, and customers who all have the same T: finite parameters and a status, never NaN.
        var one = CustomerBaseSummary.FromSummaries([new CustomerSummary(Someone, 3, new BtydRecency(ModelTime.Weeks(20)), ModelTime.Weeks(30))], options);
        var sameT = CustomerBaseSummary.FromSummaries(Enumerable.Range(0, 40).Select(i => new CustomerSummary(new CustomerId($"c{i}"), i % 4, new BtydRecency(ModelTime.Weeks(i % 4 == 0 ? 0 : 5 + (i % 7))), ModelTime.Weeks(26))), options);
        foreach (var fit in new[] { BgNbdModel.Fit(one), BgNbdModel.Fit(sameT) })
        {
            Assert.True(double.IsFinite(fit.LogLikelihood));
            Assert.All(fit.Parameters, p => Assert.True(double.IsFinite(p.Value) && p.Value > 0));
            Assert.True(Enum.IsDefined(fit.Status));
        }
    }

    [Fact]
    public void Invalid_parameters_and_options_are_refused_with_the_parameter_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>("alpha", () => new BgNbdModel(1, 0, 1, 1, ModelTimeUnit.Weeks));
        Assert.Throws<ArgumentOutOfRangeException>("r", () => new BgNbdModel(double.NaN, 1, 1, 1, ModelTimeUnit.Weeks));
        Assert.Throws<ArgumentOutOfRangeException>("timeUnit", () => new BgNbdModel(1, 1, 1, 1, (ModelTimeUnit)9));
        Assert.Throws<ArgumentOutOfRangeException>("options", () => BgNbdModel.Fit(CdnowData.Summary, new FitOptions { MaxIterations = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => Published.ProbabilityOfPurchases(-1, ModelTime.Weeks(1)));
    }

    [Theory]
    [InlineData(12.535, 0.025, 5.425, 3.965, 104, 1.89604519774011297931)] // ₂F₁ argument 0.99976: the series would need 10⁵ terms
    [InlineData(0.243, 4.414, 1.0000001, 2.426, 52, 1.28998818723212925830)] // a ≈ 1: the closed form's 1/(a − 1) cancels
    [InlineData(0.243, 4.414, 1.0, 2.426, 52, 1.28998825248406882400)] // a = 1 exactly: the removable singularity
    [InlineData(0.5, 0.1, 0.3, 0.7, 500, 221.389391854214795142)] // a + b < 1: no ₂F₁ series at all
    public void Expected_purchases_are_exact_where_the_closed_form_is_not(double r, double alpha, double a, double b, double weeks, double expected)
    {
        // References: mpmath at 30 digits (hyp2f1 of the closed form, or the integral over p where that is undefined).
        var model = new BgNbdModel(r, alpha, a, b, ModelTimeUnit.Weeks);
        Assert.Equal(expected, model.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(weeks)), 1e-10 * expected);
    }

    [Theory]
    [InlineData(0, 0.0, 38.86)]
    [InlineData(2, 30.43, 38.86)]
    [InlineData(26, 30.85714, 31)]
    public void The_integral_form_agrees_with_the_closed_form_where_both_apply(int x, double tx, double t)
    {
        var c = Weeks(x, tx, t).In(ModelTimeUnit.Weeks);
        foreach (var horizon in new[] { 1.0, 13, 39, 52 })
        {
            var closed = BgNbdPredictions.ExpectedConditional(Published.R, Published.Alpha, Published.A, Published.B, c, horizon);
            var integral = BetaExpectation.ExpectedPurchases(Published.R + x, Published.Alpha + t, Published.A, Published.B + x, horizon) * Published.ProbabilityAlive(Weeks(x, tx, t));
            Assert.Equal(closed, integral, 1e-11 * closed);
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class Synchronous<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
