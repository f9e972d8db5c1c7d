using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// BG/NBD and Pareto/NBD with static covariates: known effects are recovered from simulated customers, each
/// customer's predictions use their own parameters, and bad tables are refused by name.
/// </summary>
public class CovariateModelTests
{
    private static readonly SummaryOptions Options = new(new LocalDate(1997, 9, 30));
    private static readonly DateInterval Acquisition = new(new LocalDate(1997, 1, 1), new LocalDate(1997, 3, 25));

    // Two categorical columns; the baselines (store, north) are the most common categories.
    private static readonly (string Channel, string Region, int Customers)[] Cells =
        [("store", "north", 7_000), ("web", "north", 5_000), ("store", "south", 5_000), ("web", "south", 3_000)];

    /// <summary>Simulates each cell from the model at its covariates and puts the customers together, with their categories.</summary>
    private static (CustomerBaseSummary Summary, CovariateTable Covariates) Simulate(Func<CustomerCovariates, IPurchaseModel> model, Func<IPurchaseModel, PurchaseSimulation, IReadOnlyList<Domain.Activity.Purchase>> simulate, int seed)
    {
        var customers = new List<CustomerSummary>();
        var categories = new List<KeyValuePair<CustomerId, IReadOnlyList<string>>>();
        for (var c = 0; c < Cells.Length; c++)
        {
            var (channel, region, count) = Cells[c];
            var z = new[] { channel == "web" ? 1.0 : 0, region == "south" ? 1.0 : 0 };
            var purchases = simulate(model(new CustomerCovariates(new CustomerId("any"), z, z)), new PurchaseSimulation(count, Acquisition, Options.CalibrationEnd, seed + c));
            foreach (var s in CustomerBaseSummary.FromPurchases(purchases, Options).Customers)
            {
                var id = new CustomerId($"{channel}-{region}-{s.CustomerId}");
                customers.Add(new CustomerSummary(id, s.Frequency, s.Recency, s.Age, s.MeanRepeatValue));
                categories.Add(new(id, [channel, region]));
            }
        }

        return (CustomerBaseSummary.FromSummaries(customers, Options), CovariateTable.FromCategories(["channel", "region"], categories));
    }

    [Fact]
    public void Bg_nbd_recovers_known_effects_on_purchase_and_dropout()
    {
        var truth = new BgNbdCovariateModel(0.6, 8, 0.7, 2.5, [new("channel=web", 0.5), new("region=south", -0.3)], [new("channel=web", 0.8), new("region=south", 0)], ModelTimeUnit.Weeks);
        var (summary, covariates) = Simulate(z => truth.For(z), (m, s) => ((BgNbdModel)m).Simulate(s), 100);
        Assert.Equal(["channel=web", "region=south"], covariates.PurchaseNames);

        var fit = BgNbdCovariateModel.Fit(summary, covariates);
        using (var provider = new ServiceCollection().AddCrmMetrics().BuildServiceProvider())
        {
            var models = (ICrmMetrics)provider.GetService(typeof(ICrmMetrics))!;
            Assert.Equal(fit.LogLikelihood, models.Models.FitBgNbdWithCovariates(summary, covariates).LogLikelihood);
        }

        Assert.Equal(["r", "alpha", "a", "b", "purchase:channel=web", "purchase:region=south", "dropout:channel=web", "dropout:region=south"], fit.Parameters.Select(p => p.Name));
        SimulationRecoveryTests.WithinThreeStandardErrors(fit, 0.6, 8, 0.7, 2.5, 0.5, -0.3, 0.8, 0);
        Assert.All(fit.Parameters.Skip(4), p => Assert.True(p.Unbounded));
        Assert.All(fit.Parameters.Take(4), p => Assert.False(p.Unbounded));

        // The effects are real: the channel's purchase effect is many standard errors from zero, its interval symmetric.
        var web = fit.Parameters[4];
        Assert.True(web.Value / web.StandardError!.Value > 5);
        Assert.Equal(web.Value - web.Lower95!.Value, web.Upper95!.Value - web.Value, 12);

        // Drawn models spread each effect on its own scale (any sign) by its standard error.
        var drawn = fit.DrawModels(2_000, seed: 4).Select(m => m.PurchaseEffects[0].Value).ToList();
        var mean = drawn.Average();
        var sd = Math.Sqrt(drawn.Sum(v => (v - mean) * (v - mean)) / (drawn.Count - 1));
        Assert.InRange(sd, 0.9 * web.StandardError!.Value, 1.1 * web.StandardError.Value);
        Assert.InRange(mean, web.Value - (0.1 * web.StandardError.Value), web.Value + (0.1 * web.StandardError.Value));

        // Nested models: the covariates can only raise ln L above the plain fit's, here by far more than chance.
        Assert.True(2 * (fit.LogLikelihood - BgNbdModel.Fit(summary).LogLikelihood) > 100);
        Assert.Equal(20_000, fit.Customers);
    }

    [Fact]
    public void Pareto_nbd_recovers_known_effects_on_purchase_and_dropout()
    {
        var truth = new ParetoNbdCovariateModel(0.55, 10.6, 0.61, 11.7, [new("channel=web", 0.5), new("region=south", -0.3)], [new("channel=web", 0.7), new("region=south", 0)], ModelTimeUnit.Weeks);
        var (summary, covariates) = Simulate(z => truth.For(z), (m, s) => ((ParetoNbdModel)m).Simulate(s), 200);

        var fit = ParetoNbdCovariateModel.Fit(summary, covariates);
        using (var provider = new ServiceCollection().AddCrmMetrics().BuildServiceProvider())
        {
            var models = (ICrmMetrics)provider.GetService(typeof(ICrmMetrics))!;
            Assert.Equal(fit.LogLikelihood, models.Models.FitParetoNbdWithCovariates(summary, covariates).LogLikelihood);
        }

        Assert.Equal(["r", "alpha", "s", "beta", "purchase:channel=web", "purchase:region=south", "dropout:channel=web", "dropout:region=south"], fit.Parameters.Select(p => p.Name));
        SimulationRecoveryTests.WithinThreeStandardErrors(fit, 0.55, 10.6, 0.61, 11.7, 0.5, -0.3, 0.7, 0);
    }

    [Fact]
    public void Each_customer_is_predicted_at_their_own_parameters()
    {
        var model = new BgNbdCovariateModel(0.6, 8, 0.7, 2.5, [new("web", 0.5)], [new("web", 0.4)], ModelTimeUnit.Weeks);
        var web = new CustomerCovariates(new CustomerId("w"), [1.0], [1.0]);
        var store = new CustomerCovariates(new CustomerId("s"), [0.0], [0.0]);

        // α_i = α e^(−γP z), a_i = a e^(γL z), b_i = b e^(γL z); zero covariates give the base model.
        Assert.Equal(new BgNbdModel(0.6, 8 * Math.Exp(-0.5), 0.7 * Math.Exp(0.4), 2.5 * Math.Exp(0.4), ModelTimeUnit.Weeks), model.For(web));
        Assert.Equal(model.Base, model.For(store));
        var pareto = new ParetoNbdCovariateModel(0.55, 10.6, 0.61, 11.7, [new("web", 0.5)], [new("web", 0.4)], ModelTimeUnit.Weeks);
        Assert.Equal(new ParetoNbdModel(0.55, 10.6 * Math.Exp(-0.5), 0.61, 11.7 * Math.Exp(-0.4), ModelTimeUnit.Weeks), pareto.For(web));

        // A base's forecast is each customer's, at their own model, in the summary's order.
        var customers = new[]
        {
            new CustomerSummary(new CustomerId("a"), 3, new BtydRecency(ModelTime.Weeks(20)), ModelTime.Weeks(30), new Money(20m, Currency.Usd)),
            new CustomerSummary(new CustomerId("b"), 0, new BtydRecency(ModelTime.Weeks(0)), ModelTime.Weeks(25)),
            new CustomerSummary(new CustomerId("c"), 5, new BtydRecency(ModelTime.Weeks(28)), ModelTime.Weeks(32), new Money(35m, Currency.Usd)),
        };
        var summary = CustomerBaseSummary.FromSummaries(customers, Options);
        var table = new CovariateTable(["web"], ["web"], [web with { CustomerId = new CustomerId("a") }, store with { CustomerId = new CustomerId("b") }, web with { CustomerId = new CustomerId("c") }]);
        var spend = new GammaGammaModel(6, 4, 15, Currency.Usd);
        var settings = new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.01, 1m);
        var forecasts = model.Forecast(summary, table, spend, settings);
        Assert.Equal(customers.Select(c => c.CustomerId), forecasts.Select(f => f.CustomerId));
        Assert.Equal(CustomerLifetimeValue.Forecast(model.For(web), spend, customers[0], settings), forecasts[0]);
        Assert.Equal(CustomerLifetimeValue.Forecast(model.Base, spend, customers[1], settings), forecasts[1]);
        Assert.Equal(CustomerLifetimeValue.Forecast(model.For(web), spend, customers[2], settings), forecasts[2]);
    }

    [Fact]
    public void Bad_tables_and_customers_without_covariates_are_refused_by_name()
    {
        var id = new CustomerId("a");
        Assert.Equal("purchaseNames", Assert.Throws<ArgumentException>(() => new CovariateTable([], [], [])).ParamName);
        Assert.Equal("purchaseNames", Assert.Throws<ArgumentException>(() => new CovariateTable(["x", "x"], [], [])).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentException>(() => new CovariateTable(["x"], [], [new CustomerCovariates(id, [1.0, 2.0], [])])).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentException>(() => new CovariateTable(["x"], [], [new CustomerCovariates(id, [double.NaN], [])])).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentException>(() => new CovariateTable(["x"], [], [new CustomerCovariates(id, [1.0], []), new CustomerCovariates(id, [0.0], [])])).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentException>(() => CovariateTable.FromCategories(["channel"], [new(id, ["web"])])).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentException>(() => CovariateTable.FromCategories(["channel"], [new(id, [" "])])).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentException>(() => CovariateTable.FromCategories(["channel", "region"], [new(id, ["web"])])).ParamName);

        // The values a table keeps are its own: changing the caller's array later changes nothing.
        var values = new[] { 1.0 };
        var table = new CovariateTable(["x"], [], [new CustomerCovariates(id, values, [])]);
        values[0] = 5;
        Assert.Equal([1.0], table.Find(id)!.Purchase);
        Assert.Null(table.Find(new CustomerId("nobody")));

        var summary = CustomerBaseSummary.FromSummaries([new CustomerSummary(id, 2, new BtydRecency(ModelTime.Weeks(3)), ModelTime.Weeks(5)), new CustomerSummary(new CustomerId("b"), 0, new BtydRecency(ModelTime.Weeks(0)), ModelTime.Weeks(5))], Options);
        Assert.Equal("covariates", Assert.Throws<ArgumentException>(() => BgNbdCovariateModel.Fit(summary, table)).ParamName);
        var model = new BgNbdCovariateModel(0.6, 8, 0.7, 2.5, [new("x", 0.5)], [], ModelTimeUnit.Weeks);
        Assert.Equal("covariates", Assert.Throws<ArgumentException>(() => model.For(new CustomerCovariates(id, [1.0, 2.0], []))).ParamName);
        Assert.Equal("covariates", Assert.Throws<ArgumentException>(() => model.For(new CustomerCovariates(id, [3000.0], []))).ParamName);
    }

    [Fact]
    public void A_fit_with_covariates_serialises_with_its_effects_marked_unbounded()
    {
        var truth = new BgNbdCovariateModel(0.6, 8, 0.7, 2.5, [new("channel=web", 0.5), new("region=south", -0.3)], [new("channel=web", 0.8), new("region=south", 0)], ModelTimeUnit.Weeks);
        var (summary, covariates) = Simulate(z => truth.For(z), (m, s) => ((BgNbdModel)m).Simulate(s), 300);
        var json = JsonSerializer.Serialize(BgNbdCovariateModel.Fit(summary, covariates), CrmJson.Options);
        Assert.Contains("\"name\":\"purchase:channel=web\"", json, StringComparison.Ordinal);
        Assert.Contains("\"unbounded\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"purchaseEffects\":[{\"name\":\"channel=web\",\"value\":", json, StringComparison.Ordinal);

        // A plain fit's parameters carry no such member (its documents are unchanged).
        Assert.DoesNotContain("unbounded", JsonSerializer.Serialize(BgNbdModel.Fit(summary), CrmJson.Options), StringComparison.Ordinal);
    }
}
