using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// Prediction intervals from parameter draws: the draws follow the fit's asymptotic normal on the log scale, the
/// estimates are the models' own predictions, the 90 % interval of a base's expected holdout purchases covers the
/// truth about 90 % of the time, and bad requests are refused by name.
/// </summary>
public class ForecastIntervalTests
{
    internal static readonly LocalDate CalibrationEnd = new(1997, 9, 30);
    private static readonly DateInterval Acquisition = new(new LocalDate(1997, 1, 1), new LocalDate(1997, 3, 25));
    internal static readonly ClvSettings Settings = new(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.01, 0.3m);

    /// <summary>5,000 simulated customers with spend; the three purchase fits and the spend fit on them.</summary>
    internal static readonly Lazy<Fits> Fitted = new(() =>
    {
        var purchases = new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks)
            .Simulate(new PurchaseSimulation(5_000, Acquisition, CalibrationEnd, 4242) { Spend = new GammaGammaModel(6.25, 3.74, 15.44, Currency.Usd) });
        var summary = CustomerBaseSummary.FromPurchases(purchases, new SummaryOptions(CalibrationEnd));
        var repeaters = CustomerBaseSummary.FromSummaries(summary.Customers.Where(c => c.Frequency > 0), summary.Options);
        return new Fits(summary, BgNbdModel.Fit(summary), MbgNbdModel.Fit(summary), ParetoNbdModel.Fit(summary), GammaGammaModel.Fit(repeaters));
    });

    internal sealed record Fits(CustomerBaseSummary Summary, ModelFit<BgNbdModel> BgNbd, ModelFit<MbgNbdModel> MbgNbd, ModelFit<ParetoNbdModel> ParetoNbd, ModelFit<GammaGammaModel> Spend);

    [Fact]
    public void The_90_percent_interval_of_expected_holdout_purchases_covers_the_truth_in_80_to_97_percent_of_replications()
    {
        // Fixed up front: BG/NBD at CDNOW's published parameters, 1,000 customers per replication, 200 replications
        // (seeds 1..200), 200 draws each. The truth is what those same customers are expected to buy in the 39-week
        // holdout under the true parameters.
        var truth = new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);
        var horizon = ModelTime.Weeks(39);
        var covered = 0;
        for (var replication = 1; replication <= 200; replication++)
        {
            var summary = CustomerBaseSummary.FromPurchases(truth.Simulate(new PurchaseSimulation(1_000, Acquisition, CalibrationEnd, replication)), new SummaryOptions(CalibrationEnd));
            var fit = BgNbdModel.Fit(summary);
            var interval = ForecastIntervals.ForBase(fit, summary, horizon, new IntervalOptions { Draws = 200, Seed = replication });
            var expected = summary.Customers.Sum(c => truth.ExpectedPurchases(c, horizon));
            covered += interval.ExpectedPurchases.Contains(expected) ? 1 : 0;
        }

        Assert.InRange(covered, 160, 194);
    }

    [Fact]
    public void Drawn_models_follow_the_asymptotic_normal_of_the_log_parameters()
    {
        var fit = Fitted.Value.BgNbd;
        var models = fit.DrawModels(20_000, seed: 7);
        var logs = models.Select(m => new[] { Math.Log(m.R), Math.Log(m.Alpha), Math.Log(m.A), Math.Log(m.B) }).ToArray();
        for (var i = 0; i < 4; i++)
        {
            var estimate = fit.Parameters[i].Value;
            var mean = logs.Average(l => l[i]);
            for (var j = 0; j < 4; j++)
            {
                var expected = fit.Covariance![i][j] / (estimate * fit.Parameters[j].Value);
                var meanJ = logs.Average(l => l[j]);
                var covariance = logs.Sum(l => (l[i] - mean) * (l[j] - meanJ)) / (logs.Length - 1);

                // A sample covariance of 20,000 draws is within 5 % of the scale √(σ_ii σ_jj) of the truth.
                var scale = Math.Sqrt(fit.Covariance[i][i] / (estimate * estimate) * fit.Covariance[j][j] / (fit.Parameters[j].Value * fit.Parameters[j].Value));
                Assert.True(Math.Abs(covariance - expected) <= 0.05 * scale, $"cov[{i},{j}] = {covariance}, expected {expected}");
            }

            // The mean of ln θ is ln θ̂, within four standard errors of a mean of 20,000 draws.
            var sd = Math.Sqrt(fit.Covariance![i][i]) / estimate;
            Assert.InRange(mean, Math.Log(estimate) - (4 * sd / Math.Sqrt(20_000)), Math.Log(estimate) + (4 * sd / Math.Sqrt(20_000)));
        }

        // The same seed gives the same models; another seed others.
        Assert.Equal(fit.DrawModels(5, 7), models.Take(5));
        Assert.NotEqual(fit.DrawModels(5, 8), models.Take(5));
    }

    [Fact]
    public void Estimates_are_the_models_own_predictions_for_every_purchase_model()
    {
        var (summary, spend) = (Fitted.Value.Summary, Fitted.Value.Spend);
        var horizon = ModelTime.Weeks(39);
        Check(Fitted.Value.BgNbd);
        Check(Fitted.Value.MbgNbd);
        Check(Fitted.Value.ParetoNbd);

        void Check<TModel>(ModelFit<TModel> fit)
            where TModel : class, IPurchaseModel
        {
            var options = new IntervalOptions { Draws = 50 };
            var totals = ForecastIntervals.ForBase(fit, summary, horizon, options);
            Close(summary.Customers.Sum(c => fit.Model.ExpectedPurchases(c, horizon)), totals.ExpectedPurchases.Estimate);
            Close(summary.Customers.Sum(c => fit.Model.ProbabilityAlive(c)), totals.ExpectedCustomersAlive.Estimate);
            Assert.Null(totals.Value);
            Assert.Equal((5_000, 50, 0.9), (totals.Customers, totals.Draws, totals.Level));

            var forecasts = CustomerLifetimeValue.Forecast(fit.Model, spend.Model, summary, Settings);
            var value = ForecastIntervals.ValueForBase(fit, spend, summary, Settings, options);
            Close((double)forecasts.Sum(f => f.Value.Amount), (double)value.Value!.Estimate.Amount);
            Close(forecasts.Sum(f => f.ExpectedPurchases), value.ExpectedPurchases.Estimate);

            var chosen = summary.Customers.Where(c => c.Frequency > 2).Take(20).Append(summary.Customers.First(c => c.Frequency == 0)).ToList();
            var each = ForecastIntervals.ValueForCustomers(fit, spend, chosen, Settings, options);
            Assert.Equal(chosen.Select(c => c.CustomerId), each.Select(e => e.CustomerId));
            foreach (var (interval, customer) in each.Zip(chosen))
            {
                var forecast = CustomerLifetimeValue.Forecast(fit.Model, spend.Model, customer, Settings);
                Close(forecast.ProbabilityAlive, interval.ProbabilityAlive.Estimate);
                Close(forecast.ExpectedPurchases, interval.ExpectedPurchases.Estimate);
                Close((double)forecast.ExpectedMeanSpend.Amount, (double)interval.ExpectedMeanSpend!.Estimate.Amount);
                Close((double)forecast.Value.Amount, (double)interval.Value!.Estimate.Amount);
                Assert.InRange(interval.ProbabilityAlive.Lower, 0, interval.ProbabilityAlive.Upper);
                Assert.InRange(interval.ProbabilityAlive.Upper, interval.ProbabilityAlive.Lower, 1);
                Assert.True(interval.Value.Lower.Amount < interval.Value.Upper.Amount);
            }
        }
    }

    [Fact]
    public void A_base_of_one_customer_is_that_customers_interval_and_identical_customers_add_up()
    {
        var (fit, spend, summary) = (Fitted.Value.BgNbd, Fitted.Value.Spend, Fitted.Value.Summary);
        var customer = summary.Customers.First(c => c.Frequency == 3);
        var options = new IntervalOptions { Draws = 300, Seed = 11 };

        var alone = ForecastIntervals.ValueForCustomers(fit, spend, [customer], Settings, options).Single();
        var one = ForecastIntervals.ValueForBase(fit, spend, CustomerBaseSummary.FromSummaries([customer], summary.Options), Settings, options);
        Assert.Equal(alone.ExpectedPurchases, one.ExpectedPurchases);
        Assert.Equal(alone.ProbabilityAlive, one.ExpectedCustomersAlive);
        Assert.Equal(alone.Value, one.Value);

        // Seven customers with the same history (x, t_x, T) and spend: every draw's total is seven times one's, so
        // is every percentile.
        var seven = CustomerBaseSummary.FromSummaries(Enumerable.Range(0, 7).Select(i => Copy(customer, new CustomerId($"copy{i}"), customer.MeanRepeatValue)), summary.Options);
        var total = ForecastIntervals.ValueForBase(fit, spend, seven, Settings, options);
        Close(7 * alone.ExpectedPurchases.Lower, total.ExpectedPurchases.Lower);
        Close(7 * alone.ExpectedPurchases.Upper, total.ExpectedPurchases.Upper);
        Close(7 * (double)alone.Value!.Upper.Amount, (double)total.Value!.Upper.Amount);
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals_and_a_higher_level_a_wider_one()
    {
        var (fit, summary) = (Fitted.Value.BgNbd, Fitted.Value.Summary);
        var horizon = ModelTime.Weeks(26);
        var ninety = ForecastIntervals.ForBase(fit, summary, horizon, new IntervalOptions { Draws = 400, Seed = 3 });
        Assert.Equal(ninety, ForecastIntervals.ForBase(fit, summary, horizon, new IntervalOptions { Draws = 400, Seed = 3 }));
        Assert.NotEqual(ninety, ForecastIntervals.ForBase(fit, summary, horizon, new IntervalOptions { Draws = 400, Seed = 4 }));

        var half = ForecastIntervals.ForBase(fit, summary, horizon, new IntervalOptions { Draws = 400, Seed = 3, Level = 0.5 });
        Assert.True(ninety.ExpectedPurchases.Lower < half.ExpectedPurchases.Lower && half.ExpectedPurchases.Upper < ninety.ExpectedPurchases.Upper);
        Assert.True(ninety.ExpectedPurchases.Contains(ninety.ExpectedPurchases.Estimate));

        // A purchase interval does not change when a spend model joins (to rounding: the value's steps share one
        // series): the purchase draws come first in the sequence.
        var withValue = ForecastIntervals.ValueForBase(fit, Fitted.Value.Spend, summary, new ClvSettings(horizon, ModelTime.Weeks(13), 0, 1m), new IntervalOptions { Draws = 400, Seed = 3 });
        Close(ninety.ExpectedPurchases.Lower, withValue.ExpectedPurchases.Lower);
        Close(ninety.ExpectedPurchases.Upper, withValue.ExpectedPurchases.Upper);
    }

    [Fact]
    public void Bad_requests_are_refused_by_name()
    {
        var (fit, spend, summary) = (Fitted.Value.BgNbd, Fitted.Value.Spend, Fitted.Value.Summary);
        var horizon = ModelTime.Weeks(39);

        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => ForecastIntervals.ForBase(fit, summary, horizon, new IntervalOptions { Draws = 1 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => ForecastIntervals.ForBase(fit, summary, horizon, new IntervalOptions { Level = 1 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => ForecastIntervals.ForBase(fit, summary, horizon, new IntervalOptions { Level = double.NaN })).ParamName);
        Assert.Equal("summary", Assert.Throws<ArgumentException>(() => ForecastIntervals.ForBase(fit, CustomerBaseSummary.FromPurchases([], summary.Options), horizon)).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentException>(() => ForecastIntervals.ForCustomers(fit, summary.Customers, horizon, new IntervalOptions { Draws = 10_000 })).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => fit.DrawModels(0, 1)).ParamName);
        Assert.Throws<ArgumentNullException>(() => ForecastIntervals.ValueForBase(fit, null!, summary, Settings));

        // A repeat customer without a mean repeat value, or with one in another currency, cannot be valued.
        var repeater = summary.Customers.First(c => c.Frequency > 0);
        Assert.Equal("customers", Assert.Throws<ArgumentException>(() => ForecastIntervals.ValueForCustomers(fit, spend, [Copy(repeater, repeater.CustomerId, null)], Settings)).ParamName);
        Assert.Equal("summary", Assert.Throws<CurrencyMismatchException>(() => ForecastIntervals.ValueForBase(fit, spend, CustomerBaseSummary.FromSummaries([Copy(repeater, repeater.CustomerId, new Money(5m, Currency.Eur))], summary.Options), Settings)).ParamName);

        // A fit that did not converge gives no draws.
        var stopped = BgNbdModel.Fit(summary, new FitOptions { MaxIterations = 1 });
        Assert.Throws<FitNotConvergedException>(() => stopped.DrawModels(10, 1));
        Assert.Throws<FitNotConvergedException>(() => ForecastIntervals.ForBase(stopped, summary, horizon));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ForecastIntervals.ForBase(fit, summary, horizon, null, cancelled.Token));
    }

    [Fact]
    public void The_model_service_gives_the_same_intervals()
    {
        var (fit, spend, summary) = (Fitted.Value.MbgNbd, Fitted.Value.Spend, Fitted.Value.Summary);
        using var provider = new ServiceCollection().AddCrmMetrics().BuildServiceProvider();
        var models = provider.GetRequiredService<ICrmMetrics>().Models;
        var options = new IntervalOptions { Draws = 60, Seed = 5 };
        var chosen = summary.Customers.Take(4).ToList();

        Assert.Equal(ForecastIntervals.ForBase(fit, summary, ModelTime.Weeks(13), options), models.IntervalsForBase(fit, summary, ModelTime.Weeks(13), options));
        Assert.Equal(ForecastIntervals.ValueForBase(fit, spend, summary, Settings, options), models.ValueIntervalsForBase(fit, spend, summary, Settings, options));
        Assert.Equal(ForecastIntervals.ForCustomers(fit, chosen, ModelTime.Weeks(13), options), models.IntervalsForCustomers(fit, chosen, ModelTime.Weeks(13), options));
        Assert.Equal(ForecastIntervals.ValueForCustomers(fit, spend, chosen, Settings, options), models.ValueIntervalsForCustomers(fit, spend, chosen, Settings, options));
    }

    [Fact]
    public void Results_round_trip_through_json()
    {
        var (fit, spend, summary) = (Fitted.Value.BgNbd, Fitted.Value.Spend, Fitted.Value.Summary);
        var options = new IntervalOptions { Draws = 100 };
        var totals = ForecastIntervals.ValueForBase(fit, spend, summary, Settings, options);
        var each = ForecastIntervals.ValueForCustomers(fit, spend, summary.Customers.Take(3), Settings, options);

        var json = JsonSerializer.Serialize(totals, CrmJson.Options);
        Assert.Contains("\"expectedPurchases\":{\"estimate\":", json, StringComparison.Ordinal);
        Assert.Equal(totals, JsonSerializer.Deserialize<BaseForecastInterval>(json, CrmJson.Options));
        Assert.Equal(each, JsonSerializer.Deserialize<IReadOnlyList<CustomerForecastInterval>>(JsonSerializer.Serialize(each, CrmJson.Options), CrmJson.Options));

        // A horizon is written with its totals and read from its value and unit; totals that contradict them are refused.
        Assert.Contains("\"horizon\":{\"value\":52,\"unit\":\"weeks\",\"totalDays\":364,\"totalWeeks\":52}", json, StringComparison.Ordinal);
        var contradicting = json.Replace("\"totalDays\":364", "\"totalDays\":365", StringComparison.Ordinal);
        Assert.Equal("totalDays", Assert.Throws<ArgumentException>(() => JsonSerializer.Deserialize<BaseForecastInterval>(contradicting, CrmJson.Options)).ParamName);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<BaseForecastInterval>(json.Replace("\"unit\":\"weeks\",", string.Empty, StringComparison.Ordinal), CrmJson.Options));
    }

    private static CustomerSummary Copy(CustomerSummary c, CustomerId id, Money? mean) =>
        new(id, c.Frequency, c.Recency, c.Age, mean, c.HoldoutFrequency);

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{actual} is not {expected}");
}
