using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// Every model simulates from given parameters with a seed, and a fit of 20,000 simulated customers recovers them:
/// each estimate within three standard errors of the truth, with the parameter sets and seeds fixed here (not drawn).
/// Pareto/NBD's β is weakly identified, so it is checked on the log-likelihood instead: the likelihood-ratio statistic
/// of the true parameters stays below χ²₄'s 0.999 quantile (18.47).
/// </summary>
public class SimulationRecoveryTests
{
    // CDNOW's shape: 20,000 customers acquired over the first 12 weeks of 1997, observed to the end of September 1997.
    private static readonly PurchaseSimulation Simulation = new(20_000, new DateInterval(new LocalDate(1997, 1, 1), new LocalDate(1997, 3, 25)), new LocalDate(1997, 9, 30), seed: 1997);
    private static readonly SummaryOptions Options = new(new LocalDate(1997, 9, 30));

    /// <summary>The fit converged and each of its first parameters is within three standard errors of the truth.</summary>
    internal static void WithinThreeStandardErrors<TModel>(ModelFit<TModel> fit, params double[] truth)
        where TModel : class
    {
        Assert.True(fit.IsConverged, fit.Status.ToString());
        for (var i = 0; i < truth.Length; i++)
        {
            var p = fit.Parameters[i];
            Assert.True(Math.Abs(p.Value - truth[i]) <= 3 * p.StandardError!.Value, $"{p.Name} = {p.Value} ± {p.StandardError}, true {truth[i]}");
        }
    }

    [Fact]
    public void Bg_nbd_recovers_its_parameters_and_the_simulation_is_seeded()
    {
        var truth = new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);
        var purchases = truth.Simulate(Simulation);

        WithinThreeStandardErrors(BgNbdModel.Fit(CustomerBaseSummary.FromPurchases(purchases, Options)), 0.243, 4.414, 0.793, 2.426);

        // The same seed, the same log; another seed, another; every customer's first purchase in the acquisition window.
        Assert.Equal(purchases.Select(p => (p.CustomerId, p.OccurredAt)), truth.Simulate(Simulation).Select(p => (p.CustomerId, p.OccurredAt)));
        Assert.NotEqual(purchases.Count, truth.Simulate(Simulation with { Seed = 2 }).Count);
        Assert.Equal(20_000, purchases.Select(p => p.CustomerId).Distinct().Count());
        Assert.All(purchases, p => Assert.InRange(p.OccurredAt, Instant.FromUtc(1997, 1, 1, 0, 0), Instant.FromUtc(1997, 10, 1, 0, 0)));
        Assert.Equal(purchases.OrderBy(p => p.OccurredAt).Select(p => p.OccurredAt), purchases.Select(p => p.OccurredAt));
    }

    [Fact]
    public void Mbg_nbd_recovers_its_parameters()
    {
        var truth = new MbgNbdModel(0.525, 6.183, 0.891, 1.614, ModelTimeUnit.Weeks);
        WithinThreeStandardErrors(MbgNbdModel.Fit(CustomerBaseSummary.FromPurchases(truth.Simulate(Simulation), Options)), 0.525, 6.183, 0.891, 1.614);
    }

    [Fact]
    public void Pareto_nbd_recovers_r_alpha_and_s_and_its_likelihood()
    {
        var truth = new ParetoNbdModel(0.553, 10.578, 0.606, 11.669, ModelTimeUnit.Weeks);
        var summary = CustomerBaseSummary.FromPurchases(truth.Simulate(Simulation), Options);
        var fit = ParetoNbdModel.Fit(summary);

        WithinThreeStandardErrors(fit, 0.553, 10.578, 0.606);
        var atTruth = summary.Customers.Sum(c => truth.LogLikelihood(c));
        Assert.InRange(2 * (fit.LogLikelihood - atTruth), 0, 18.47);
    }

    [Fact]
    public void Gamma_gamma_recovers_its_parameters_from_simulated_spend()
    {
        var spend = new GammaGammaModel(6.25, 3.74, 15.44, Currency.Usd);
        var purchases = new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks).Simulate(Simulation with { Customers = 20_000, Spend = spend, Seed = 5 });
        Assert.All(purchases, p => Assert.Equal(Currency.Usd, p.Amount.Currency));

        var summary = CustomerBaseSummary.FromPurchases(purchases, Options);
        var repeaters = CustomerBaseSummary.FromSummaries(summary.Customers.Where(c => c.Frequency > 0), Options);
        WithinThreeStandardErrors(GammaGammaModel.Fit(repeaters), 6.25, 3.74, 15.44);
    }

    [Fact]
    public void Bg_bb_and_sbg_recover_their_parameters()
    {
        var bgBb = new BgBbModel(1.204, 0.750, 0.657, 2.783);
        var patterns = bgBb.Simulate(customers: 20_000, occasions: 6, seed: 2010);
        Assert.Equal(20_000, patterns.Customers);
        WithinThreeStandardErrors(BgBbModel.Fit(patterns), 1.204, 0.750, 0.657, 2.783);
        Assert.Equal(patterns.Patterns, bgBb.Simulate(20_000, 6, 2010).Patterns);

        var sbg = new ShiftedBetaGeometricModel(0.704, 1.182);
        var cohort = sbg.Simulate(cohort: 20_000, periods: 7, seed: 2007);
        Assert.Equal(20_000, cohort[0]);
        Assert.True(cohort.Zip(cohort.Skip(1)).All(p => p.First >= p.Second), "a cohort only shrinks");
        WithinThreeStandardErrors(ShiftedBetaGeometricModel.Fit(cohort), 0.704, 1.182);
    }

    [Fact]
    public void Simulation_settings_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>("Customers", () => Simulation with { Customers = 0 });
        Assert.Throws<ArgumentOutOfRangeException>("observedUntil", () => new PurchaseSimulation(10, new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 3, 1)), new LocalDate(2026, 2, 1), 1));
        Assert.Throws<ArgumentOutOfRangeException>("occasions", () => new BgBbModel(1, 1, 1, 1).Simulate(10, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>("cohort", () => new ShiftedBetaGeometricModel(1, 1).Simulate(0, 5, 1));
        Assert.Throws<ArgumentNullException>("simulation", () => new BgNbdModel(1, 1, 1, 1, ModelTimeUnit.Weeks).Simulate(null!));
    }
}
