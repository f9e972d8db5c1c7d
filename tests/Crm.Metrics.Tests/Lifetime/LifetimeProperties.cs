using Crm.Metrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>Laws of the BG/NBD predictions over generated parameters and histories, and recovery of known parameters.</summary>
public class LifetimeProperties
{
    /// <summary>A valid history in weeks: x = 0 (then t_x = 0) or 1..60 purchase days within t_x, T up to 800 days, t_x ≤ T.</summary>
    internal static readonly Gen<CustomerSummary> Histories =
        from x in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 60)))
        from tDays in Gen.Choose(x, 800)
        from share in Gen.Choose(0, 1000)
        let tx = x == 0 ? 0 : (x + ((tDays - x) * share / 1000.0)) / 7
        select new CustomerSummary(new CustomerId("c"), x, new BtydRecency(ModelTime.Weeks(tx)), ModelTime.Weeks(tDays / 7.0));

    /// <summary>Parameters over the range fits produce (a ≠ 1) and a valid history (x, t_x ≤ T) in weeks.</summary>
    public static Arbitrary<(BgNbdModel Model, CustomerSummary Customer)> Cases()
    {
        var positive = Gen.Choose(1, 4000).Select(i => i / 200.0); // 0.005 .. 20
        var gen =
            from r in positive
            from alpha in positive
            from a in positive.Where(v => v != 1)
            from b in positive
            from customer in Histories
            select (new BgNbdModel(r, alpha, a, b, ModelTimeUnit.Weeks), customer);
        return gen.ToArbitrary();
    }

    [Property(Arbitrary = [typeof(LifetimeProperties)], MaxTest = 300)]
    public void P_alive_is_a_probability_and_one_without_repeat_purchases((BgNbdModel Model, CustomerSummary Customer) c)
    {
        var alive = c.Model.ProbabilityAlive(c.Customer);
        Assert.InRange(alive, 0, 1);
        if (c.Customer.Frequency == 0)
        {
            Assert.Equal(1.0, alive);
        }
    }

    [Property(Arbitrary = [typeof(LifetimeProperties)], MaxTest = 200)]
    public void Expected_purchases_are_finite_and_never_decrease_with_the_horizon((BgNbdModel Model, CustomerSummary Customer) c)
    {
        var previousConditional = 0.0;
        var previousNew = 0.0;
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

    [Property(Arbitrary = [typeof(LifetimeProperties)], MaxTest = 200)]
    public void A_customer_s_log_likelihood_is_finite_and_at_most_zero_without_repeat_purchases((BgNbdModel Model, CustomerSummary Customer) c)
    {
        var value = c.Model.LogLikelihood(c.Customer);
        Assert.True(double.IsFinite(value));
        if (c.Customer.Frequency == 0)
        {
            Assert.True(value <= 0, "a probability (x = 0 is a discrete event) has ln ≤ 0");
        }
    }

    [Theory]
    [InlineData(0.25, 4.0, 0.8, 2.5, 1)]
    [InlineData(1.5, 10.0, 0.3, 4.0, 2)]
    public void Parameters_are_recovered_from_data_simulated_with_them(double r, double alpha, double a, double b, int seed)
    {
        var truth = new[] { r, alpha, a, b };
        var summary = BgNbdSimulator.Simulate(new BgNbdModel(r, alpha, a, b, ModelTimeUnit.Weeks), customers: 20_000, seed);

        var fit = BgNbdModel.Fit(summary);

        // Each estimate within 4 of its own standard errors of the truth (and the errors themselves small).
        Assert.True(fit.IsConverged, fit.Status.ToString());
        for (var i = 0; i < 4; i++)
        {
            var estimate = fit.Parameters[i];
            Assert.True(Math.Abs(estimate.Value - truth[i]) < 4 * estimate.StandardError!.Value, $"{estimate} vs {truth[i]}");
            Assert.True(estimate.StandardError < 0.25 * truth[i], $"{estimate}");
        }
    }
}

/// <summary>Laws of Pareto/NBD over generated parameters, and recovery of known parameters.</summary>
public class ParetoNbdProperties
{
    /// <summary>Parameters in the range fits produce, and a valid history in weeks.</summary>
    public static Arbitrary<(ParetoNbdModel Model, CustomerSummary Customer)> Cases()
    {
        var positive = Gen.Choose(1, 3000).Select(i => i / 150.0); // 0.0067 .. 20
        var gen =
            from r in positive
            from alpha in positive
            from s in positive
            from beta in positive
            from customer in LifetimeProperties.Histories
            select (new ParetoNbdModel(r, alpha, s, beta, ModelTimeUnit.Weeks), customer);
        return gen.ToArbitrary();
    }

    [Property(Arbitrary = [typeof(ParetoNbdProperties)], MaxTest = 200)]
    public void P_alive_is_a_probability_and_expected_purchases_never_decrease((ParetoNbdModel Model, CustomerSummary Customer) c)
    {
        Assert.InRange(c.Model.ProbabilityAlive(c.Customer), 0, 1);
        Assert.True(double.IsFinite(c.Model.LogLikelihood(c.Customer)));
        var previous = 0.0;
        foreach (var weeks in new[] { 0, 1, 13, 52, 104 })
        {
            var e = c.Model.ExpectedPurchases(c.Customer, ModelTime.Weeks(weeks));
            Assert.True(double.IsFinite(e) && e >= previous - (1e-9 * Math.Max(1, e)), $"E[Y({weeks})] = {e} < {previous}");
            previous = e;
        }
    }

    [Fact]
    public void Parameters_are_recovered_from_data_simulated_with_them()
    {
        double[] truth = [0.55, 10.5, 0.6, 12];
        var random = new Random(3);
        var rows = new List<CustomerSummary>();
        for (var i = 0; i < 10_000; i++)
        {
            // λ ~ Gamma(r, 1/α) per week, μ ~ Gamma(s, 1/β); the customer is alive for an exponential time with rate μ.
            var lambda = BgNbdSimulator.Gamma(random, truth[0]) / truth[1];
            var mu = BgNbdSimulator.Gamma(random, truth[2]) / truth[3];
            var ageDays = random.Next(26 * 7, (52 * 7) + 1);
            var death = -Math.Log(1 - random.NextDouble()) / mu * 7;
            int x = 0, lastDay = 0;
            var t = 0.0;
            while (true)
            {
                t += -Math.Log(1 - random.NextDouble()) / lambda * 7;
                var day = (int)Math.Ceiling(t);
                if (t > death || day > ageDays)
                {
                    break;
                }

                if (day != lastDay)
                {
                    x++;
                    lastDay = day;
                }
            }

            rows.Add(new CustomerSummary(new CustomerId($"p{i}"), x, new BtydRecency(ModelTime.Days(lastDay)), ModelTime.Days(ageDays)));
        }

        var fit = ParetoNbdModel.Fit(CustomerBaseSummary.FromSummaries(rows, new SummaryOptions(new LocalDate(2025, 12, 31))));

        Assert.True(fit.IsConverged, fit.Status.ToString());
        for (var i = 0; i < 4; i++)
        {
            var estimate = fit.Parameters[i];
            Assert.True(Math.Abs(estimate.Value - truth[i]) < 4 * estimate.StandardError!.Value, $"{estimate} vs {truth[i]}");
        }
    }
}

/// <summary>
/// A seeded BG/NBD simulator: each customer's rate λ ~ Gamma(r, scale 1/α) and dropout p ~ Beta(a, b); from a first
/// purchase at 0, purchases follow a Poisson process until T, and after each repeat purchase the customer drops out
/// with probability p. T is uniform over 26–52 weeks, in whole days (as summaries from daily data are).
/// </summary>
internal static class BgNbdSimulator
{
    public static CustomerBaseSummary Simulate(BgNbdModel model, int customers, int seed)
    {
        var random = new Random(seed);
        var rows = new List<CustomerSummary>(customers);
        for (var i = 0; i < customers; i++)
        {
            var lambda = Gamma(random, model.R) / model.Alpha;
            var x1 = Gamma(random, model.A);
            var p = x1 / (x1 + Gamma(random, model.B));
            var ageDays = random.Next(26 * 7, (52 * 7) + 1);
            var t = 0.0;
            var x = 0;
            var lastDay = 0;
            while (true)
            {
                t += -Math.Log(1 - random.NextDouble()) / lambda;
                var day = (int)Math.Ceiling(t * 7);
                if (day > ageDays)
                {
                    break;
                }

                if (day != lastDay)
                {
                    x++;
                    lastDay = day;
                }

                if (random.NextDouble() < p)
                {
                    break;
                }
            }

            rows.Add(new CustomerSummary(new CustomerId($"s{i}"), x, new BtydRecency(ModelTime.Weeks(lastDay / 7.0)), ModelTime.Weeks(ageDays / 7.0)));
        }

        return CustomerBaseSummary.FromSummaries(rows, new SummaryOptions(new LocalDate(2025, 12, 31)));
    }

    /// <summary>Gamma(shape, 1) by Marsaglia &amp; Tsang (2000), with the shape &lt; 1 boost.</summary>
    internal static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Normal(random);
                v = 1 + (c * z);
            }
            while (v <= 0);

            v = v * v * v;
            var u = random.NextDouble();
            if (Math.Log(u) < (0.5 * z * z) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
