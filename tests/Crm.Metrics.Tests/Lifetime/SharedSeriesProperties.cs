using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.BgNbd;
using Crm.Metrics.Lifetime.Intervals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// The shortcuts a forecast at many parameter draws takes give what the one-value calls give: W(x, T, t) at every CLV
/// step from one shared ₂F₁ series, and P(alive) with its logarithms once per distinct value — over generated
/// parameters, ages and horizons, including a near 1 and arguments near the closed form's limit.
/// </summary>
public class SharedSeriesProperties
{
    public static Arbitrary<(double Rho, double S, double A, double Beta, double[] Horizons)> Series() =>
        (from rho in Gen.Choose(1, 6000).Select(i => i / 100.0)       // r + x: 0.01 .. 60
         from s in Gen.Choose(1, 2000).Select(i => i / 10.0)          // α + T: 0.1 .. 200
         from a in Gen.Frequency((5, Gen.Choose(5, 800).Select(i => i / 100.0)), (1, Gen.Choose(-20, 20).Select(i => 1 + (i / 10_000.0))))
         from beta in Gen.Choose(5, 3000).Select(i => i / 100.0)
         from steps in Gen.Choose(1, 20)
         from step in Gen.Choose(1, 200).Select(i => i / 10.0)
         select (rho, s, a, beta, Enumerable.Range(1, steps).Select(k => k * step).ToArray())).ToArbitrary();

    [Property(Arbitrary = [typeof(SharedSeriesProperties)], MaxTest = 400)]
    public void W_at_every_step_from_one_series_is_W_at_each_step((double Rho, double S, double A, double Beta, double[] Horizons) c)
    {
        var shared = new double[c.Horizons.Length];
        BgNbdPredictions.ExpectedWhileAlive(c.Rho, c.S, c.A, c.Beta, c.Horizons, shared);
        for (var k = 0; k < c.Horizons.Length; k++)
        {
            var one = BgNbdPredictions.ExpectedWhileAlive(c.Rho, c.S, c.A, c.Beta, c.Horizons[k]);
            Assert.True(Math.Abs(shared[k] - one) <= 1e-9 * Math.Max(1, Math.Abs(one)), $"W({c.Horizons[k]}) = {shared[k]}, one at a time {one}");
        }
    }

    [Property(Arbitrary = [typeof(LifetimeProperties)], MaxTest = 200)]
    public void P_alive_with_shared_logarithms_is_each_customers((BgNbdModel Model, CustomerSummary Customer) c)
    {
        // Three customers sharing some of their x, t_x and T with the generated one.
        var unit = c.Model.TimeUnit;
        var one = c.Customer.In(unit);
        RepeatSummaryCase[] cases = [new(one.X, one.Tx, one.T), new(one.X, one.Tx / 2, one.T), new(one.X + 1, one.Tx, one.T + 1)];
        var groups = GroupIndex.Of([.. cases.Select(k => new Crm.Metrics.Lifetime.Summaries.RepeatSummary(k.X, k.Tx, k.T))]);
        var shared = new double[cases.Length];
        BgNbdPredictions.ProbabilityAlive(c.Model.R, c.Model.Alpha, c.Model.A, c.Model.B, shift: 1, groups, shared);
        var modified = new double[cases.Length];
        BgNbdPredictions.ProbabilityAlive(c.Model.R, c.Model.Alpha, c.Model.A, c.Model.B, shift: 0, groups, modified);
        for (var g = 0; g < cases.Length; g++)
        {
            // Within 1e-12 (not "to 12 decimal places": two values 1e-15 apart can round to different twelfth digits).
            Assert.Equal(BgNbdPredictions.ProbabilityAlive(c.Model.R, c.Model.Alpha, c.Model.A, c.Model.B, groups.Groups[g]), shared[g], 1e-12);
            Assert.Equal(MbgNbdPredictions.ProbabilityAlive(c.Model.R, c.Model.Alpha, c.Model.A, c.Model.B, groups.Groups[g]), modified[g], 1e-12);
        }
    }

    private sealed record RepeatSummaryCase(int X, double Tx, double T);
}
