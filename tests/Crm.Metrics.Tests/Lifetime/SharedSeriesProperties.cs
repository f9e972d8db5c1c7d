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

    public static Arbitrary<AgeCase> Ages() =>
        (from r in Gen.Choose(1, 500).Select(i => i / 100.0)           // 0.01 .. 5
         from alpha in Gen.Choose(1, 2000).Select(i => i / 10.0)      // 0.1 .. 200
         from a in Gen.Frequency((6, Gen.Choose(101, 800).Select(i => i / 100.0)), (1, Gen.Choose(5, 99).Select(i => i / 100.0)), (1, Gen.Choose(-20, 20).Select(i => 1 + (i / 10_000.0))), (1, Gen.Choose(1_000, 30_000).Select(i => i / 100.0)))
         from b in Gen.Frequency((6, Gen.Choose(5, 3000).Select(i => i / 100.0)), (1, Gen.Choose(100, 10_000).Select(i => (double)i)))
         from age in Gen.Choose(0, 2000).Select(i => i / 10.0)
         from xs in Gen.Choose(0, 60).ArrayOf().Select(v => v.Append(0).Distinct().Order().ToArray())
         from steps in Gen.Choose(1, 20)
         from step in Gen.Choose(1, 200).Select(i => i / 10.0)
         from rate in Gen.Choose(0, 2000).Select(i => 1 + (i / 10_000.0))
         select new AgeCase(r, alpha, a, b, age, xs, [.. Enumerable.Range(1, steps).Select(k => k * step)], [.. Enumerable.Range(1, steps).Select(k => Math.Pow(rate, -k))])).ToArbitrary();

    [Property(Arbitrary = [typeof(SharedSeriesProperties)], MaxTest = 2000)]
    public void The_x_of_one_age_with_shared_moments_are_each_x_step_by_step(AgeCase c)
    {
        var last = new double[c.Xs.Length];
        var discounted = new double[c.Xs.Length];
        DiscountedWhileAlive.OfAge(c.R, c.Alpha, c.A, c.B, c.Xs, c.Age, c.Horizons, c.Discounts, last, discounted);
        var row = new double[c.Horizons.Length];
        for (var i = 0; i < c.Xs.Length; i++)
        {
            // W at every step from its own series (or the connection formula), then the increments discounted one by one.
            BgNbdPredictions.ExpectedWhileAlive(c.R + c.Xs[i], c.Alpha + c.Age, c.A, c.B + c.Xs[i], c.Horizons, row);
            var (expectedLast, expectedDiscounted) = IntervalEngine.Discount(row, c.Discounts);

            // Both sum in a different order through the closed form, whose factor c/(a−1) magnifies rounding near a = 1.
            var magnified = 1e-12 * Math.Max(1, Math.Abs((c.A + c.B + c.Xs[i] - 1) / (c.A - 1)));
            Assert.True(Math.Abs(last[i] - expectedLast) <= magnified * Math.Max(1, Math.Abs(expectedLast)), $"x = {c.Xs[i]}: W(t_K) = {last[i]}, step by step {expectedLast}");
            Assert.True(Math.Abs(discounted[i] - expectedDiscounted) <= magnified * Math.Max(1, Math.Abs(expectedDiscounted)), $"x = {c.Xs[i]}: discounted {discounted[i]}, step by step {expectedDiscounted}");
        }
    }

    [Property(Arbitrary = [typeof(SharedSeriesProperties)], MaxTest = 300)]
    public void A_thread_gives_each_age_and_draw_what_a_fresh_thread_gives(AgeCase first, AgeCase second)
    {
        // A thread keeps the series' coefficients of the parameters it summed last, for the next age of the same draw.
        // The first draw's parameters at the second's age and x's after the second draw, and then again: each result
        // must be exactly the one a thread that summed nothing before gives.
        AgeCase[] cases = [first, second, first with { Age = second.Age, Xs = second.Xs }, first];
        var alone = cases.Select(c => OnFreshThread(() => Sums(c))).ToArray();
        var inTurn = OnFreshThread(() => cases.Select(Sums).ToArray());
        for (var n = 0; n < cases.Length; n++)
        {
            Assert.Equal(alone[n].Last, inTurn[n].Last);
            Assert.Equal(alone[n].Discounted, inTurn[n].Discounted);
        }

        static (double[] Last, double[] Discounted) Sums(AgeCase c)
        {
            var last = new double[c.Xs.Length];
            var discounted = new double[c.Xs.Length];
            DiscountedWhileAlive.OfAge(c.R, c.Alpha, c.A, c.B, c.Xs, c.Age, c.Horizons, c.Discounts, last, discounted);
            return (last, discounted);
        }
    }

    [Fact]
    public void A_thread_keeps_a_bounded_table_of_coefficients_between_draws()
    {
        // Three thousand distinct x's of a young age fill more than the bound; the next draw's parameters find no
        // more than the bound kept, and their sums are as on a fresh thread.
        int[] xs = [.. Enumerable.Range(0, 3000)];
        double[] horizons = [.. Enumerable.Range(1, 13).Select(k => k * 4.0)];
        double[] discounts = [.. Enumerable.Range(1, 13).Select(k => Math.Pow(1.0074, -k))];
        var (filled, kept, next) = OnFreshThread(() =>
        {
            DiscountedWhileAlive.OfAge(0.4, 2.0, 2.2, 8.0, xs, 0.5, horizons, discounts, new double[xs.Length], new double[xs.Length]);
            var filled = EulerCoefficients.For(0.4, 2.2, 8.0).Kept;
            var kept = EulerCoefficients.For(0.5, 2.2, 8.0).Kept;
            var next = new double[xs.Length];
            DiscountedWhileAlive.OfAge(0.5, 2.0, 2.2, 8.0, xs, 0.5, horizons, discounts, new double[xs.Length], next);
            return (filled, kept, next);
        });
        var fresh = OnFreshThread(() =>
        {
            var discounted = new double[xs.Length];
            DiscountedWhileAlive.OfAge(0.5, 2.0, 2.2, 8.0, xs, 0.5, horizons, discounts, new double[xs.Length], discounted);
            return discounted;
        });

        Assert.True(filled > EulerCoefficients.MostKept, $"{filled} coefficients: the case does not reach the bound");
        Assert.True(kept <= EulerCoefficients.MostKept, $"{kept} coefficients kept");
        Assert.Equal(fresh, next);
    }

    /// <summary>The work's result on a thread of its own (nothing kept on it from before); its exception, if any, rethrown here.</summary>
    private static T OnFreshThread<T>(Func<T> work)
    {
        var result = default(T)!;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    [Fact]
    public void Customers_whose_euler_series_would_not_converge_are_summed_as_before()
    {
        // A fit of a small demo base (a ≈ 257, b ≈ 8,345): at x = 0 Euler's coefficients grow like j^254, and summing
        // them failed after 100,000 terms. Such x's keep the plain series.
        double r = 1.08, alpha = 3.2, a = 257.47, b = 8345.2;
        int[] xs = [0, 1, 2, 3, 5, 8, 13];
        double[] horizons = [.. Enumerable.Range(1, 13).Select(k => k * 4.0)];
        double[] discounts = [.. Enumerable.Range(1, 13).Select(k => Math.Pow(1.0074, -k))];
        var last = new double[xs.Length];
        var discounted = new double[xs.Length];
        DiscountedWhileAlive.OfAge(r, alpha, a, b, xs, 20, horizons, discounts, last, discounted);
        var row = new double[horizons.Length];
        for (var i = 0; i < xs.Length; i++)
        {
            BgNbdPredictions.ExpectedWhileAlive(r + xs[i], alpha + 20, a, b + xs[i], horizons, row);
            var (expectedLast, expectedDiscounted) = IntervalEngine.Discount(row, discounts);
            Assert.True(double.IsFinite(discounted[i]), $"x = {xs[i]}");
            Assert.Equal(expectedLast, last[i], 1e-9 * Math.Max(1, expectedLast));
            Assert.Equal(expectedDiscounted, discounted[i], 1e-9 * Math.Max(1, expectedDiscounted));
        }
    }

    [Theory]
    [InlineData("BG/NBD")]
    [InlineData("MBG/NBD")]
    public void Each_model_hands_its_own_parameters_to_the_shared_sums(string name)
    {
        // a > 1, as the report's logs fit: every x shares the moments; MBG/NBD's β is b + x + 1.
        IFactoredPurchaseModel model = name == "BG/NBD" ? new BgNbdModel(0.38, 1.74, 2.2, 7.9, ModelTimeUnit.Weeks) : new MbgNbdModel(0.38, 1.74, 2.2, 7.9, ModelTimeUnit.Weeks);
        int[] xs = [0, 1, 2, 4, 7, 12];
        double[] horizons = [.. Enumerable.Range(1, 13).Select(k => k * 4.0)];
        double[] discounts = [.. Enumerable.Range(1, 13).Select(k => Math.Pow(1.0074, -k))];
        foreach (var age in new[] { 0.0, 3.5, 30, 70 })
        {
            var last = new double[xs.Length];
            var discounted = new double[xs.Length];
            model.DiscountedWhileAlive(xs, age, horizons, discounts, last, discounted);
            var row = new double[horizons.Length];
            for (var i = 0; i < xs.Length; i++)
            {
                for (var k = 0; k < horizons.Length; k++)
                {
                    row[k] = model.ExpectedWhileAlive(xs[i], age, horizons[k]);
                }

                var (expectedLast, expectedDiscounted) = IntervalEngine.Discount(row, discounts);
                Assert.Equal(expectedLast, last[i], 1e-12 * Math.Max(1, expectedLast));
                Assert.Equal(expectedDiscounted, discounted[i], 1e-12 * Math.Max(1, expectedDiscounted));
            }
        }
    }

    [Property(Arbitrary = [typeof(LifetimeProperties)], MaxTest = 200)]
    public void P_alive_with_shared_logarithms_is_each_customers((BgNbdModel Model, CustomerSummary Customer) c)
    {
        // Customers sharing some of their x, t_x and T with the generated one, so that pairs (x, T) and (x, t_x) repeat;
        // and x up to 4,000 beside ages 300 units apart, whose odds are too large to factor (and are computed whole).
        var unit = c.Model.TimeUnit;
        var one = c.Customer.In(unit);
        var cases = new List<RepeatSummaryCase>();
        foreach (var x in new[] { one.X, one.X + 1, 0, 1, 400, 4000 })
        {
            foreach (var age in new[] { one.T, one.T + 1, one.T + 300 })
            {
                foreach (var recency in new[] { one.Tx, one.Tx / 2, 0, age })
                {
                    cases.Add(new(x, x == 0 ? 0 : recency, age));
                }
            }
        }

        var groups = GroupIndex.Of([.. cases.Select(k => new Crm.Metrics.Lifetime.Summaries.RepeatSummary(k.X, k.Tx, k.T))]);
        var shared = new double[cases.Count];
        BgNbdPredictions.ProbabilityAlive(c.Model.R, c.Model.Alpha, c.Model.A, c.Model.B, shift: 1, groups, shared);
        var modified = new double[cases.Count];
        BgNbdPredictions.ProbabilityAlive(c.Model.R, c.Model.Alpha, c.Model.A, c.Model.B, shift: 0, groups, modified);
        for (var g = 0; g < cases.Count; g++)
        {
            // Within 1e-12 (not "to 12 decimal places": two values 1e-15 apart can round to different twelfth digits).
            Assert.Equal(BgNbdPredictions.ProbabilityAlive(c.Model.R, c.Model.Alpha, c.Model.A, c.Model.B, groups.Groups[g]), shared[g], 1e-12);
            Assert.Equal(MbgNbdPredictions.ProbabilityAlive(c.Model.R, c.Model.Alpha, c.Model.A, c.Model.B, groups.Groups[g]), modified[g], 1e-12);
        }
    }

    private sealed record RepeatSummaryCase(int X, double Tx, double T);

    /// <summary>BG/NBD's parameters, one age, the x's of its customers, and the CLV's horizon steps with their discount factors.</summary>
    public sealed record AgeCase(double R, double Alpha, double A, double B, double Age, int[] Xs, double[] Horizons, double[] Discounts)
    {
        public override string ToString() => FormattableString.Invariant($"r={R} alpha={Alpha} a={A} b={B} T={Age} x=[{string.Join(",", Xs)}] steps={Horizons.Length}x{Horizons[0]} d1={Discounts[0]}");
    }
}
