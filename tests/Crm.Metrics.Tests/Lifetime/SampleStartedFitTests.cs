using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.BgNbd;
using Crm.Metrics.Lifetime.ParetoNbd;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// A base with many distinct summaries is fitted from the maximum of an evenly spaced sample: the fit must reach the
/// maximum a start at (1, 1, 1, 1) reaches, with the same standard errors, in fewer full-data iterations.
/// </summary>
public class SampleStartedFitTests
{
    private static readonly CustomerBaseSummary Large =
        BgNbdSimulator.Simulate(new BgNbdModel(1.5, 10, 0.3, 4, ModelTimeUnit.Weeks), customers: 60_000, seed: 11);

    private static SummaryGroups Groups => SummaryGroups.From(Large.Span, Large.TimeUnit, "summary");

    [Fact]
    public void The_base_is_large_enough_to_be_started_from_a_sample()
    {
        Assert.True(Groups.Count >= SummaryGroups.SampleFrom, $"{Groups.Count} distinct summaries");
        var sample = SummaryGroups.SampleOf(Large.Span, Groups, Large.TimeUnit);
        Assert.NotNull(sample);
        Assert.InRange(sample.Customers, SummaryGroups.SampleCustomers, 2 * SummaryGroups.SampleCustomers);
    }

    [Fact]
    public void Bg_nbd_reaches_the_maximum_of_a_cold_start()
    {
        var warm = BgNbdModel.Fit(Large);
        var cold = MaximumLikelihood.Maximise(new BgNbdObjective(Groups).Evaluate, [1, 1, 1, 1], FitOptions.Default, null, default);

        AssertSameMaximum(cold, warm);
        AssertCentralDifferenceErrors(new BgNbdObjective(Groups).Evaluate, warm);
    }

    [Fact]
    public void Pareto_nbd_reaches_the_maximum_of_a_cold_start()
    {
        var warm = ParetoNbdModel.Fit(Large);
        var cold = MaximumLikelihood.Maximise(new ParetoNbdObjective(Groups).Evaluate, [1, 1, 1, 1], FitOptions.Default, null, default);

        AssertSameMaximum(cold, warm);
    }

    /// <summary>The forward-difference standard errors agree with central differences (error O(h²)) to 1e-4.</summary>
    private static void AssertCentralDifferenceErrors<TModel>(MaximumLikelihood.LogLikelihood logLikelihood, ModelFit<TModel> fit)
        where TModel : class
    {
        var estimate = fit.Parameters.Select(p => p.Value).ToArray();
        var hessian = new double[4, 4];
        double[] up = new double[4], down = new double[4];
        for (var j = 0; j < 4; j++)
        {
            var point = (double[])estimate.Clone();
            var h = 1e-4 * estimate[j];
            point[j] = estimate[j] + h;
            logLikelihood(point, up);
            point[j] = estimate[j] - h;
            logLikelihood(point, down);
            for (var i = 0; i < 4; i++)
            {
                hessian[i, j] = -(up[i] - down[i]) / (2 * h);
            }
        }

        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < i; j++)
            {
                hessian[i, j] = hessian[j, i] = (hessian[i, j] + hessian[j, i]) / 2;
            }
        }

        var inverse = MaximumLikelihood.InvertPositiveDefinite(hessian)!;
        for (var i = 0; i < 4; i++)
        {
            var central = Math.Sqrt(inverse[i, i]);
            Assert.True(Math.Abs(fit.Parameters[i].StandardError!.Value - central) <= 1e-4 * central, $"{fit.Parameters[i]} vs {central}");
        }
    }

    private static void AssertSameMaximum<TModel>(MaximumLikelihood.Result cold, ModelFit<TModel> warm)
        where TModel : class
    {
        Assert.Equal(FitStatus.Converged, warm.Status);
        Assert.Equal(FitStatus.Converged, cold.Status);
        Assert.True(warm.Iterations < cold.Iterations / 2, $"sample-started: {warm.Iterations} iterations; cold: {cold.Iterations}");

        // Both stop at ‖∇‖ ≤ 1e-8 |ln L|: ln L agrees far closer than that, the parameters to about 1e-5.
        Assert.True(Math.Abs(warm.LogLikelihood - cold.LogLikelihood) <= 1e-10 * Math.Abs(cold.LogLikelihood), $"{warm.LogLikelihood} vs {cold.LogLikelihood}");
        for (var i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(warm.Parameters[i].Value - cold.Parameters[i]) <= 1e-5 * cold.Parameters[i], $"{warm.Parameters[i]} vs {cold.Parameters[i]}");
            Assert.True(Math.Abs(warm.Parameters[i].StandardError!.Value - cold.StandardErrors[i]!.Value) <= 1e-3 * cold.StandardErrors[i]!.Value, $"{warm.Parameters[i]} vs {cold.StandardErrors[i]}");
        }
    }
}
