using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.BgNbd;
using Crm.Metrics.Lifetime.Covariates;
using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.ParetoNbd;
using Crm.Metrics.Lifetime.Summaries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// The analytic gradient of a fit with covariates — the plain models' gradients carried to the effects by the chain
/// rule — equals central differences of its ln L, at generated parameters and effects, for BG/NBD and Pareto/NBD.
/// </summary>
public class CovariateGradientProperties
{
    private static readonly SummaryOptions Options = new(new LocalDate(2026, 3, 31));

    /// <summary>Three cells of a few customers each, with two purchase and one dropout covariate.</summary>
    private static readonly Lazy<List<CovariateFit.Cell>> Cells = new(() =>
    {
        var random = new Random(7);
        CustomerSummary Customer(int i)
        {
            var x = random.Next(0, 6);
            var t = 5 + (random.NextDouble() * 40);
            return new CustomerSummary(new CustomerId($"c{i}"), x, new BtydRecency(ModelTime.Weeks(x == 0 ? 0 : t * random.NextDouble())), ModelTime.Weeks(t));
        }

        return
        [
            new([0.0, 0.0], [0.0], [.. Enumerable.Range(0, 30).Select(Customer)]),
            new([1.0, 0.0], [1.0], [.. Enumerable.Range(30, 25).Select(Customer)]),
            new([0.5, 1.0], [-0.7], [.. Enumerable.Range(55, 20).Select(Customer)]),
        ];
    });

    /// <summary>Base parameters in [0.2, 5] and effects in [−1, 1].</summary>
    public static Arbitrary<double[]> Points() =>
        (from bases in Gen.ArrayOf(Gen.Choose(20, 500).Select(i => i / 100.0), 4)
         from effects in Gen.ArrayOf(Gen.Choose(-100, 100).Select(i => i / 100.0), 3)
         select (double[])[.. bases, .. effects]).ToArbitrary();

    [Property(Arbitrary = [typeof(CovariateGradientProperties)], MaxTest = 60)]
    public void The_gradient_over_parameters_and_effects_is_the_derivative_of_ln_L(double[] point)
    {
        Check(BgNbdCovariateModel.Links, groups => new BgNbdObjective(groups), point);
        Check(ParetoNbdCovariateModel.Links, groups => new ParetoNbdObjective(groups), point);
    }

    private static void Check(CovariateFit.Link[] links, Func<SummaryGroups, IObjective> cellLikelihood, double[] point)
    {
        var cells = Cells.Value;
        var groups = cells.Select(c => SummaryGroups.From(c.Customers, ModelTimeUnit.Weeks, "summary")).ToList();
        var logLikelihood = CovariateFit.Objective(cells, groups, links, cellLikelihood, 2, 1, CancellationToken.None);
        var gradient = new double[point.Length];
        var value = logLikelihood(point, gradient);
        Assert.True(double.IsFinite(value));
        var scratch = new double[point.Length];
        for (var i = 0; i < point.Length; i++)
        {
            var h = 1e-5 * Math.Max(1, Math.Abs(point[i]));
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[i] += h;
            down[i] -= h;
            var numeric = (logLikelihood(up, scratch) - logLikelihood(down, scratch)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)), $"∂/∂θ{i}: analytic {gradient[i]}, numeric {numeric}");
        }
    }
}
