using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// The batch predictions — every customer's CLV, the tracking table and curve — share work between customers; they must
/// give exactly what asking customer by customer gives.
/// </summary>
public class BatchPredictionTests
{
    private static readonly LocalDate CalibrationEnd = new(2026, 3, 31);
    private static readonly LocalDate HoldoutEnd = new(2026, 9, 30);

    /// <summary>70,000 simulated customers (more than one progress step of 65,536) with spend, summarised with a holdout.</summary>
    private static readonly Lazy<(IReadOnlyList<Purchase> Purchases, CustomerBaseSummary Summary)> Base = new(() =>
    {
        var truth = new BgNbdModel(0.6, 8, 0.7, 2.5, ModelTimeUnit.Weeks);
        var purchases = truth.Simulate(new PurchaseSimulation(70_000, new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31)), HoldoutEnd, 20261205)
        {
            Spend = new GammaGammaModel(6, 4, 15, Currency.Eur),
            Currency = Currency.Eur,
        });
        return (purchases, CustomerBaseSummary.FromPurchases(purchases, new SummaryOptions(CalibrationEnd) { HoldoutEnd = HoldoutEnd }));
    });

    public static TheoryData<string> Models() => ["BG/NBD", "MBG/NBD", "Pareto/NBD", "per-customer only"];

    private static IPurchaseModel Model(string name) => name switch
    {
        "BG/NBD" => new BgNbdModel(0.6, 8, 0.7, 2.5, ModelTimeUnit.Weeks),
        "MBG/NBD" => new MbgNbdModel(0.6, 8, 0.9, 1.8, ModelTimeUnit.Weeks),
        "Pareto/NBD" => new ParetoNbdModel(0.6, 8, 0.7, 12, ModelTimeUnit.Weeks),
        _ => new Unfactored(new BgNbdModel(0.6, 8, 0.7, 2.5, ModelTimeUnit.Weeks)),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_customers_clv_is_the_one_customer_forecast_to_the_bit(string name)
    {
        var model = Model(name);
        var (_, summary) = Base.Value;
        var eligible = CustomerBaseSummary.FromSummaries([.. summary.Customers.Where(c => c.Frequency == 0 || c.MeanRepeatValue is { Amount: > 0 })], summary.Options);
        var spend = GammaGammaModel.Fit(CustomerBaseSummary.FromSummaries([.. eligible.Customers.Where(c => c.Frequency > 0)], summary.Options)).Model;
        var settings = new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.0074, 0.3m);
        var reports = new List<long>();

        var all = CustomerLifetimeValue.Forecast(model, spend, eligible, settings, new SyncProgress(reports.Add));

        Assert.Equal(eligible.Customers.Count, all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            var one = CustomerLifetimeValue.Forecast(model, spend, eligible.Customers[i], settings);
            Assert.Equal(one, all[i]);
        }

        Assert.Equal([65_536, eligible.Customers.Count], reports);
    }

    [Fact]
    public void A_customer_the_spend_model_cannot_value_is_the_first_one_in_order()
    {
        // b and c repeat at zero value (Gamma-Gamma models positive spend); the batch names b, as b alone would.
        var at = (int day) => new LocalDate(2026, 1, day).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        Purchase[] purchases =
        [
            Purchase.Sale(new CustomerId("a"), at(2), new Money(10m, Currency.Eur)),
            Purchase.Sale(new CustomerId("b"), at(3), new Money(10m, Currency.Eur)),
            Purchase.Sale(new CustomerId("b"), at(9), new Money(0m, Currency.Eur)),
            Purchase.Sale(new CustomerId("c"), at(4), new Money(10m, Currency.Eur)),
            Purchase.Sale(new CustomerId("c"), at(8), new Money(0m, Currency.Eur)),
        ];
        var summary = CustomerBaseSummary.FromPurchases(purchases, new SummaryOptions(CalibrationEnd));
        var spend = new GammaGammaModel(6, 4, 15, Currency.Eur);
        var settings = new ClvSettings(ModelTime.Weeks(4), ModelTime.Weeks(4), 0, 1m);

        var batch = Assert.ThrowsAny<ArgumentException>(() => CustomerLifetimeValue.Forecast(Model("BG/NBD"), spend, summary, settings));
        var alone = Assert.ThrowsAny<ArgumentException>(() => CustomerLifetimeValue.Forecast(Model("BG/NBD"), spend, summary.Customers.Single(c => c.CustomerId.Value == "b"), settings));

        Assert.Equal(alone.Message, batch.Message);
        Assert.Equal("customer", batch.ParamName);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_tracking_table_and_curve_are_the_per_customer_sums(string name)
    {
        var model = Model(name);
        var (purchases, summary) = Base.Value;

        var tracking = HoldoutTracking.Compute(model, summary, purchases);

        // By calibration frequency: Σ E[Y(holdout) | x, t_x, T] customer by customer, in the same order.
        var length = summary.HoldoutLength!.Value;
        var expected = 0.0;
        foreach (var c in summary.Customers)
        {
            expected += model.ExpectedPurchases(c, length);
        }

        Assert.Equal(expected, tracking.TotalExpected);

        // The curve's actual counts: distinct repeat days after each customer's first, recounted with a plain set.
        var first = summary.Customers.ToDictionary(c => c.CustomerId, c => CalibrationEnd.PlusDays(-(int)Math.Round(c.Age.TotalDays)));
        var repeatDays = purchases
            .Where(p => p.IsSale && first.ContainsKey(p.CustomerId))
            .Select(p => (p.CustomerId, Day: p.OccurredAt.InUtc().Date))
            .Where(p => p.Day > first[p.CustomerId] && p.Day <= HoldoutEnd)
            .Distinct()
            .Select(p => p.Day)
            .ToList();
        Assert.All(tracking.Cumulative, point => Assert.Equal(repeatDays.Count(d => d <= point.Date), point.Actual));
        Assert.Equal(summary.Customers.Sum(c => c.Frequency + (long)c.HoldoutFrequency!.Value), tracking.Cumulative[^1].Actual);
    }

    /// <summary>A model the batch paths do not know: asked customer by customer.</summary>
    private sealed class Unfactored(IPurchaseModel inner) : IPurchaseModel
    {
        public ModelTimeUnit TimeUnit => inner.TimeUnit;

        public double ExpectedPurchases(in CustomerSummary customer, ModelTime t) => inner.ExpectedPurchases(customer, t);

        public double ExpectedPurchasesForNewCustomer(ModelTime t) => inner.ExpectedPurchasesForNewCustomer(t);

        public double ProbabilityAlive(in CustomerSummary customer) => inner.ProbabilityAlive(customer);
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
