using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>Gamma-Gamma on CDNOW (REFERENCE.md §3) and CLV with typed units, against hand computations.</summary>
public class GammaGammaAndClvTests
{
    private static CustomerSummary Repeater(string id, int x, decimal mean) =>
        new(new CustomerId(id), x, new BtydRecency(ModelTime.Weeks(x)), ModelTime.Weeks(40), new Money(mean, Currency.Usd));

    [Fact]
    public void The_fit_on_the_shipped_CDNOW_summary_reproduces_the_published_values()
    {
        var summary = CdnowData.PublishedSummary();
        var fit = GammaGammaModel.Fit(summary);

        // Published (946 repeaters): p, q, γ = 6.25, 3.74, 15.44 (6.248802, 3.744588, 15.447748); ln L −4055.92.
        Assert.Equal(946, fit.Customers);
        Assert.Equal((6.2488, 3.7446, 15.4477), (Math.Round(fit.Model.P, 4), Math.Round(fit.Model.Q, 4), Math.Round(fit.Model.Gamma, 4)));
        Assert.Equal(-4055.92, Math.Round(fit.LogLikelihood, 2));
        Assert.True(fit.IsConverged);

        // Population mean γp/(q − 1) ≈ 35.17; the first ten customers' expected mean spend.
        Assert.Equal(35.17m, Math.Round(fit.Model.PopulationMeanSpend!.Value.Amount, 2));
        decimal[] published = [24.66m, 18.91m, 35.17m, 35.17m, 35.17m, 71.46m, 18.91m, 35.17m, 27.28m, 35.17m];
        Assert.Equal(published, summary.Customers.Take(10).Select(c => Math.Round(fit.Model.ExpectedMeanSpend(c).Amount, 2)));
    }

    [Fact]
    public void The_fit_on_our_own_CDNOW_summary_gives_the_published_parameters_to_two_decimals()
    {
        var fit = GammaGammaModel.Fit(CdnowData.Summary);

        Assert.Equal((6.25, 3.74, 15.44), (Math.Round(fit.Model.P, 2), Math.Round(fit.Model.Q, 2), Math.Round(fit.Model.Gamma, 2)));
        Assert.Equal(-4055.92, Math.Round(fit.LogLikelihood, 2));
        Assert.Equal(Currency.Usd, fit.Model.Currency);
        Assert.All(fit.Parameters, p => Assert.InRange(p.StandardError!.Value, 1e-3, p.Value));

        // The spend–frequency check: weakly positive on CDNOW (0.11), far from a violation.
        Assert.Equal(0.11, Math.Round(GammaGammaModel.SpendFrequencyCorrelation(CdnowData.Summary)!.Value, 2));
    }

    [Fact]
    public void Expected_spend_is_the_hand_computed_weighted_mean()
    {
        // p = 2, q = 3, γ = 10: population mean γp/(q − 1) = 10; x = 2, m̄ = 40: p(γ + x m̄)/(px + q − 1) = 2·90/6 = 30.
        var model = new GammaGammaModel(2, 3, 10, Currency.Usd);
        Assert.Equal(10m, model.PopulationMeanSpend!.Value.Amount);
        Assert.Equal(new Money(30m, Currency.Usd), model.ExpectedMeanSpend(Repeater("a", 2, 40m)));
        Assert.Equal(10m, model.ExpectedMeanSpend(new CustomerSummary(new CustomerId("new"), 0, default, ModelTime.Weeks(3))).Amount);
    }

    [Fact]
    public void Zero_or_negative_spend_and_unusable_input_are_refused_with_the_customer_named()
    {
        var options = new SummaryOptions(new LocalDate(2024, 12, 31));
        var zero = CustomerBaseSummary.FromSummaries([Repeater("a", 2, 10m), Repeater("zero", 1, 0m)], options);
        var error = Assert.Throws<ArgumentException>("summary", () => GammaGammaModel.Fit(zero));
        Assert.Contains("'zero'", error.Message, StringComparison.Ordinal);
        Assert.Contains("positive spend", error.Message, StringComparison.Ordinal);

        var negative = CustomerBaseSummary.FromSummaries([Repeater("neg", 2, -3m)], options);
        Assert.Throws<ArgumentException>("summary", () => GammaGammaModel.Fit(negative));

        var noValue = CustomerBaseSummary.FromSummaries([new CustomerSummary(new CustomerId("nv"), 2, new BtydRecency(ModelTime.Weeks(2)), ModelTime.Weeks(3))], options);
        Assert.Contains("no mean repeat value", Assert.Throws<ArgumentException>("summary", () => GammaGammaModel.Fit(noValue)).Message, StringComparison.Ordinal);

        var noRepeaters = CustomerBaseSummary.FromSummaries([new CustomerSummary(new CustomerId("one"), 0, default, ModelTime.Weeks(3))], options);
        Assert.Throws<ArgumentException>("summary", () => GammaGammaModel.Fit(noRepeaters));

        var model = new GammaGammaModel(2, 3, 10, Currency.Usd);
        Assert.Throws<CurrencyMismatchException>(() => model.ExpectedMeanSpend(new CustomerSummary(new CustomerId("eur"), 1, new BtydRecency(ModelTime.Weeks(1)), ModelTime.Weeks(2), new Money(5m, Currency.Eur))));
        var heavyTail = new GammaGammaModel(2, 0.5, 10, Currency.Usd);
        Assert.Null(heavyTail.PopulationMeanSpend);
        Assert.Contains("undefined", Assert.Throws<InvalidOperationException>(() => heavyTail.ExpectedMeanSpend(new CustomerSummary(new CustomerId("new"), 0, default, ModelTime.Weeks(2)))).Message, StringComparison.Ordinal);

        // Spend beyond the decimal range is an overflow of the amounts, not a heavy tail.
        var huge = new GammaGammaModel(3.74, 3.74, 1e30, Currency.Usd);
        var overflow = Assert.Throws<AmountOverflowException>(() => huge.PopulationMeanSpend);
        Assert.DoesNotContain("q ≤ 1", overflow.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("currency", () => new GammaGammaModel(2, 3, 10, default));
    }

    [Fact]
    public void The_spend_frequency_correlation_is_plus_or_minus_one_on_a_line_and_undefined_without_variation()
    {
        var options = new SummaryOptions(new LocalDate(2024, 12, 31));
        Assert.Equal(1.0, GammaGammaModel.SpendFrequencyCorrelation(CustomerBaseSummary.FromSummaries([Repeater("a", 1, 10m), Repeater("b", 2, 20m), Repeater("c", 3, 30m)], options))!.Value, 12);
        Assert.Equal(-1.0, GammaGammaModel.SpendFrequencyCorrelation(CustomerBaseSummary.FromSummaries([Repeater("a", 1, 30m), Repeater("b", 2, 20m), Repeater("c", 3, 10m)], options))!.Value, 12);
        Assert.Null(GammaGammaModel.SpendFrequencyCorrelation(CustomerBaseSummary.FromSummaries([Repeater("a", 1, 30m), Repeater("b", 1, 20m)], options)));
        Assert.Null(GammaGammaModel.SpendFrequencyCorrelation(CustomerBaseSummary.FromSummaries([Repeater("a", 1, 30m)], options)));
    }

    [Fact]
    public void Clv_is_the_hand_computed_discounted_sum_whatever_the_units()
    {
        // Purchases 0.5 a week; spend 10 (population mean of p = 2, q = 3, γ = 10); margin 0.5; 10 % a week; 4 weeks:
        // Σ_{k=1..4} 0.5 · 10 · 0.5 / 1.1^k = 2.5 · (0.9090909 + 0.8264463 + 0.7513148 + 0.6830135) = 2.5 · 3.1698655 = 7.924664.
        var spend = new GammaGammaModel(2, 3, 10, Currency.Usd);
        var customer = new CustomerSummary(new CustomerId("a"), 0, default, ModelTime.Weeks(3));
        var weekly = new LinearModel(0.5, ModelTimeUnit.Weeks);
        var settings = new ClvSettings(ModelTime.Weeks(4), ModelTime.Weeks(1), 0.1, 0.5m);

        var clv = CustomerLifetimeValue.Predict(weekly, spend, customer, settings);
        Assert.Equal(Currency.Usd, clv.Currency);
        Assert.Equal(7.924664, (double)clv.Amount, 1e-6);

        // The same business stated in days: a daily model (0.5 / 7 a day) with the period and horizon in days.
        var daily = new LinearModel(0.5 / 7, ModelTimeUnit.Days);
        Assert.Equal((double)clv.Amount, (double)CustomerLifetimeValue.Predict(daily, spend, customer, new ClvSettings(ModelTime.Days(28), ModelTime.Days(7), 0.1, 0.5m)).Amount, 1e-9);

        // Undiscounted, margin 1: expected purchases × spend = 2 · 10.
        var forecast = CustomerLifetimeValue.Forecast(weekly, spend, customer, new ClvSettings(ModelTime.Weeks(4), ModelTime.Weeks(4), 0, 1m));
        Assert.Equal((2.0, 20.0, 1.0), (forecast.ExpectedPurchases, (double)forecast.Value.Amount, forecast.ProbabilityAlive));
    }

    [Fact]
    public void Clv_settings_refuse_a_horizon_that_is_not_whole_periods_and_other_broken_rules()
    {
        // 30 days is not a whole number of weeks: the unit trap of reading a weekly model in "months" of 30.
        Assert.Throws<ArgumentOutOfRangeException>("horizon", () => new ClvSettings(ModelTime.Days(30), ModelTime.Weeks(1), 0.01, 1m));
        Assert.Throws<ArgumentOutOfRangeException>("horizon", () => new ClvSettings(ModelTime.Days(0), ModelTime.Weeks(1), 0.01, 1m));
        Assert.Throws<ArgumentOutOfRangeException>("discountPeriod", () => new ClvSettings(ModelTime.Weeks(4), ModelTime.Days(0), 0.01, 1m));
        Assert.Throws<ArgumentOutOfRangeException>("discountRatePerPeriod", () => new ClvSettings(ModelTime.Weeks(4), ModelTime.Weeks(1), -0.01, 1m));
        Assert.Throws<ArgumentOutOfRangeException>("margin", () => new ClvSettings(ModelTime.Weeks(4), ModelTime.Weeks(1), 0.01, 1.2m));
        Assert.Equal(52, new ClvSettings(ModelTime.Weeks(52), ModelTime.Days(7), 0, 1m).Periods);
    }

    [Fact]
    public void The_top_CDNOW_customers_by_52_week_clv_are_the_heavy_recent_buyers()
    {
        var summary = CdnowData.Summary;
        var purchases = BgNbdModel.Fit(summary).Model;
        var spend = GammaGammaModel.Fit(summary).Model;
        var settings = new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.01, 1m);

        var forecasts = CustomerLifetimeValue.Forecast(purchases, spend, summary, settings);

        Assert.Equal(summary.Customers.Count, forecasts.Count);
        Assert.All(forecasts, f => Assert.True(f.Value.Amount >= 0 && f.ProbabilityAlive is >= 0 and <= 1));
        var top = forecasts.MaxBy(f => f.Value.Amount)!;
        var c = summary.Customers.Single(s => s.CustomerId == top.CustomerId);
        Assert.True(c.Frequency >= 10 && c.RfmRecency.Days < 28, $"top customer {c}");

        // Discounting lowers the value; it never exceeds the undiscounted one.
        var undiscounted = CustomerLifetimeValue.Predict(purchases, spend, c, new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0, 1m));
        Assert.True(top.Value.Amount < undiscounted.Amount);
    }

    /// <summary>E[Y(t)] = rate · t: a purchase model simple enough to compute CLV by hand.</summary>
    private sealed class LinearModel(double rate, ModelTimeUnit unit) : IPurchaseModel
    {
        public ModelTimeUnit TimeUnit => unit;

        public double ExpectedPurchases(in CustomerSummary customer, ModelTime t) => rate * t.ToUnit(unit);

        public double ExpectedPurchasesForNewCustomer(ModelTime t) => rate * t.ToUnit(unit);

        public double ProbabilityAlive(in CustomerSummary customer) => 1;
    }
}
