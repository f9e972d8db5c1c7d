using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>The shifted-beta-geometric model against Fader &amp; Hardie (2007) and 25-digit references (REFERENCE.md §3).</summary>
public class ShiftedBetaGeometricTests
{
    // % alive at the start of years 0..7 of a cohort of 1,000 (Fader & Hardie 2007).
    private static readonly long[] Regular = [1000, 631, 468, 382, 326, 289, 262, 241];
    private static readonly long[] HighEnd = [1000, 869, 743, 653, 593, 551, 517, 491];

    [Theory]
    [InlineData(0, 0.704, 1.182, -1680.27)]
    [InlineData(1, 0.668, 3.806, -1611.16)]
    public void The_fit_reproduces_the_published_maximum_likelihood_estimates(int cohort, double alpha, double beta, double logLikelihood)
    {
        var fit = ShiftedBetaGeometricModel.Fit(cohort == 0 ? Regular : HighEnd);

        Assert.True(fit.IsConverged, fit.Status.ToString());
        Assert.Equal((alpha, beta), (Math.Round(fit.Model.Alpha, 3), Math.Round(fit.Model.Beta, 3)));
        Assert.Equal(logLikelihood, Math.Round(fit.LogLikelihood, 2));
        Assert.Equal(1000, fit.Customers);
        Assert.All(fit.Parameters, p => Assert.True(p.StandardError > 0));
    }

    [Fact]
    public void Projections_match_the_closed_forms_computed_independently()
    {
        var model = new ShiftedBetaGeometricModel(0.704, 1.182);

        // mpmath (25 digits): S(t) = B(α, β+t)/B(α, β).
        Assert.Equal(0.626723223754, model.Survival(1), 1e-11);
        Assert.Equal(0.239050641693, model.Survival(7), 1e-11);
        Assert.Equal(0.170062576806, model.Survival(12), 1e-11);
        Assert.Equal(0.12142545651, model.Survival(20), 1e-10);
        Assert.Equal(1.0, model.Survival(0));

        // r_t = S(t)/S(t−1); P(T = t) = S(t−1) − S(t); the cancellation probabilities sum to 1 − S(last).
        for (var t = 1; t <= 20; t++)
        {
            Assert.Equal(model.Survival(t) / model.Survival(t - 1), model.Retention(t), 1e-12);
            Assert.Equal(model.Survival(t - 1) - model.Survival(t), model.ChurnProbability(t), 1e-12);
            Assert.True(t == 1 || model.Retention(t) > model.Retention(t - 1), "retention rises with tenure");
        }

        // DERL at d = 10 %: B(α, β+n)/B(α, β+n−1) · 2F1(1, β+n; α+β+n; 1/1.1), equal to the direct discounted sum.
        Assert.Equal(2.96466214613203, model.DiscountedExpectedResidualLifetime(0, 0.1), 1e-12);
        Assert.Equal(5.89442285984416, model.DiscountedExpectedResidualLifetime(4, 0.1), 1e-12);

        // α < 1: infinite mean lifetime, said as null; α > 1: (α+β−1)/(α−1).
        Assert.Null(model.ExpectedLifetime);
        Assert.Equal(4.0, new ShiftedBetaGeometricModel(2, 3).ExpectedLifetime);
    }

    [Fact]
    public void Bad_counts_are_refused_with_the_rule_named()
    {
        Assert.Throws<ArgumentException>("aliveAtStart", () => ShiftedBetaGeometricModel.Fit([1000]));
        Assert.Throws<ArgumentException>("aliveAtStart", () => ShiftedBetaGeometricModel.Fit([0, 0]));
        Assert.Contains("period 2", Assert.Throws<ArgumentException>("aliveAtStart", () => ShiftedBetaGeometricModel.Fit([1000, 600, 700])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("aliveAtStart", () => ShiftedBetaGeometricModel.Fit([1000, 1000, 1000]));
        Assert.Throws<ArgumentOutOfRangeException>("t", () => new ShiftedBetaGeometricModel(1, 1).Retention(0));
        Assert.Throws<ArgumentOutOfRangeException>("discountRate", () => new ShiftedBetaGeometricModel(1, 1).DiscountedExpectedResidualLifetime(0, 0));
    }
}
