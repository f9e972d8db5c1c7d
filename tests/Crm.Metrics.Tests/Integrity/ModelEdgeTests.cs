using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Tests.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Integrity;

/// <summary>
/// The models never return NaN, ∞ or a negative expectation: impossible summaries are refused, bases the models
/// cannot identify end at a named bound and refuse predictions, and the edge cases of each formula are exact.
/// </summary>
public class ModelEdgeTests
{
    private static readonly BgNbdModel Cdnow = new(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);

    private static CustomerSummary Summary(int x, ModelTime tx, ModelTime age) => new(new CustomerId("c1"), x, new BtydRecency(tx), age);

    [Fact]
    public void A_summary_with_more_repeat_purchases_than_days_is_refused()
    {
        var error = Assert.Throws<ArgumentException>("frequency", () => Summary(1141, ModelTime.Weeks(52), ModelTime.Weeks(52)));
        Assert.Contains("count purchase days, not orders", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("frequency", () => Summary(1, ModelTime.Days(0), ModelTime.Days(0)));
        Assert.Throws<ArgumentException>("frequency", () => Summary(int.MaxValue, ModelTime.Days(40_000), ModelTime.Days(40_000)));
        Assert.Throws<ArgumentOutOfRangeException>("age", () => Summary(0, ModelTime.Days(0), ModelTime.Days(CustomerSummary.MaxAgeDays + 1)));

        // As many repeat days as days, and published weeks rounded to two decimals (1 day = 0.14 weeks), are valid.
        Assert.Equal(364, Summary(364, ModelTime.Weeks(52), ModelTime.Weeks(52)).Frequency);
        Assert.Equal(1, Summary(1, ModelTime.Weeks(0.14), ModelTime.Weeks(38.86)).Frequency);
    }

    [Fact]
    public void A_customer_first_buying_on_the_calibration_day_is_computed_exactly()
    {
        var newcomer = Summary(0, ModelTime.Days(0), ModelTime.Days(0));
        Assert.Equal(1, Cdnow.ProbabilityAlive(newcomer));
        Assert.Equal(Cdnow.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(10)), Cdnow.ExpectedPurchases(newcomer, ModelTime.Weeks(10)), 12);
        var pareto = new ParetoNbdModel(0.553, 10.58, 0.606, 11.67, ModelTimeUnit.Weeks);
        Assert.Equal(1, pareto.ProbabilityAlive(newcomer), 12);
        Assert.True(double.IsFinite(pareto.ExpectedPurchases(newcomer, ModelTime.Weeks(10))));
    }

    [Fact]
    public void The_probability_of_purchases_in_no_time_is_exact_and_its_cost_bounded()
    {
        Assert.Equal(1, Cdnow.ProbabilityOfPurchases(0, ModelTime.Weeks(0)));
        Assert.Equal(0, Cdnow.ProbabilityOfPurchases(3, ModelTime.Weeks(0)));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => Cdnow.ProbabilityOfPurchases(BgNbdModel.MaxPurchasesInProbability + 1, ModelTime.Weeks(1)));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => Cdnow.ProbabilityOfPurchases(int.MaxValue, ModelTime.Weeks(1)));
        Assert.InRange(Cdnow.ProbabilityOfPurchases(BgNbdModel.MaxPurchasesInProbability, ModelTime.Weeks(52)), 0, 1);
    }

    [Fact]
    public void Clv_settings_bound_the_discount_rate_and_the_number_of_steps()
    {
        Assert.Throws<ArgumentOutOfRangeException>("discountRatePerPeriod", () => new ClvSettings(ModelTime.Weeks(4), ModelTime.Weeks(1), 1, 1m));
        Assert.Throws<ArgumentOutOfRangeException>("discountRatePerPeriod", () => new ClvSettings(ModelTime.Weeks(4), ModelTime.Weeks(1), double.NaN, 1m));
        Assert.Throws<ArgumentOutOfRangeException>("horizon", () => new ClvSettings(ModelTime.Days(1_000_000), ModelTime.Days(1), 0.001, 1m));
        Assert.Throws<ArgumentOutOfRangeException>("horizon", () => new ClvSettings(ModelTime.Days(7e9), ModelTime.Days(1), 0.001, 1m));
        Assert.Equal(ClvSettings.MaxPeriods, new ClvSettings(ModelTime.Days(ClvSettings.MaxPeriods), ModelTime.Days(1), 0.0001, 1m).Periods);
    }

    [Fact]
    public void A_base_without_heterogeneity_ends_at_a_named_bound_and_refuses_predictions()
    {
        foreach (var summary in new[] { Crm.Benchmarks.DegenerateBases.Identical(), Crm.Benchmarks.DegenerateBases.Poisson() })
        {
            var bg = BgNbdModel.Fit(summary);
            var pareto = ParetoNbdModel.Fit(summary);
            foreach (var (status, parameter, logLikelihood, predict) in new (FitStatus, string?, double, Action)[]
            {
                (bg.Status, bg.BoundaryParameter, bg.LogLikelihood, () => _ = bg.Model),
                (pareto.Status, pareto.BoundaryParameter, pareto.LogLikelihood, () => _ = pareto.Model),
            })
            {
                Assert.Equal(FitStatus.ParameterAtBoundary, status);
                Assert.NotNull(parameter);
                Assert.True(double.IsFinite(logLikelihood));
                var error = Assert.Throws<FitNotConvergedException>(predict);
                Assert.Contains($"parameter {parameter} ran to its bound", error.Message, StringComparison.Ordinal);
            }

            // Asked for explicitly, the model as fitted is there.
            Assert.Equal(bg.Parameters[0].Value, bg.ModelAsFitted.R);
        }
    }

    [Theory]
    [InlineData(new long[] { 1000, 1, 1 })]
    [InlineData(new long[] { 1000, 10, 10, 10 })]
    [InlineData(new long[] { 1000, 1, 1, 1, 1 })]
    [InlineData(new long[] { 1000, 0 })]
    public void The_sbg_fits_any_non_increasing_counts_with_probabilities_in_range(long[] counts)
    {
        var fit = ShiftedBetaGeometricModel.Fit(counts);
        Assert.True(fit.LogLikelihood <= 0, $"ln L {fit.LogLikelihood}");
        Assert.Equal(FitStatus.ParameterAtBoundary, fit.Status);
        Assert.NotNull(fit.BoundaryParameter);
        AssertProbabilities(fit.ModelAsFitted);
    }

    private static void AssertProbabilities(ShiftedBetaGeometricModel model)
    {
        var total = 0.0;
        foreach (var t in new[] { 1, 2, 3, 10, 100, 4096, 4097, 100_000 })
        {
            Assert.InRange(model.ChurnProbability(t), 0, 1);
            Assert.InRange(model.Survival(t), 0, 1);
            Assert.InRange(model.Retention(t), 0, 1);
        }

        for (var t = 1; t <= 50; t++)
        {
            total += model.ChurnProbability(t);
        }

        Assert.InRange(total + model.Survival(50), 1 - 1e-9, 1 + 1e-9);
    }

    [Property(MaxTest = 60)]
    public Property The_sbg_never_fails_on_survival_counts_and_stays_in_range() =>
        Prop.ForAll(
            (from size in Gen.Choose(1, 100_000)
             from shares in Gen.Choose(0, 1000).ListOf().Select(l => l.Take(8).ToList())
             where shares.Count > 0
             select Counts(size, shares)).ToArbitrary(),
            counts =>
            {
                if (counts[^1] == counts[0])
                {
                    return;
                }

                var fit = ShiftedBetaGeometricModel.Fit(counts);
                Assert.True(fit.LogLikelihood <= 0, $"ln L {fit.LogLikelihood}");
                AssertProbabilities(fit.ModelAsFitted);
            });

    /// <summary>A cohort of <paramref name="size"/> and each later count a share (per mille) of the one before.</summary>
    private static long[] Counts(int size, List<int> shares)
    {
        var counts = new long[shares.Count + 1];
        counts[0] = size;
        for (var i = 0; i < shares.Count; i++)
        {
            counts[i + 1] = counts[i] * shares[i] / 1000;
        }

        return counts;
    }

    [Fact]
    public void The_churn_warning_refuses_a_summary_of_another_date()
    {
        var summary = CdnowData.SummaryWithoutHoldout;
        var model = BgNbdModel.Fit(summary).Model;
        var error = Assert.Throws<ArgumentException>("summary", () => ChurnWarning.Assess(CdnowData.CalibrationEnd.PlusDays(30), null, CdnowData.Purchases, model: model, summary: summary));
        Assert.Contains("1997-09-30", error.Message, StringComparison.Ordinal);
    }
}
