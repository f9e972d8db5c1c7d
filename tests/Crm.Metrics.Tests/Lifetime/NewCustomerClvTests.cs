using Crm.Metrics.CustomerValue;
using Crm.Metrics.Lifetime;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// The predicted CLV of a customer just acquired, and how it feeds LTV:CAC: a value basis named for where it comes
/// from, in the scorecard's currency.
/// </summary>
public class NewCustomerClvTests
{
    // CDNOW's published BG/NBD (weeks) and a spend model with mean γ p / (q − 1) = 15 × 6 / 2 = 45 EUR.
    private static readonly BgNbdModel Purchases = new(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);
    private static readonly GammaGammaModel Spend = new(6, 3, 15, Eur);

    [Fact]
    public void Without_discounting_it_is_the_expected_repeat_purchases_times_mean_spend_times_margin()
    {
        // d = 0: the sum of the increments telescopes to E[X(52 weeks)] for a new customer.
        var settings = new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0, 0.3m);
        var expected = Purchases.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(52)) * 45 * 0.3;

        Assert.Equal(expected, (double)CustomerLifetimeValue.ForNewCustomer(Purchases, Spend, settings).Amount, 9);
        Assert.Equal(Eur, CustomerLifetimeValue.ForNewCustomer(Purchases, Spend, settings).Currency);
    }

    [Fact]
    public void One_period_is_discounted_once_and_more_discounting_lowers_it()
    {
        var one = new ClvSettings(ModelTime.Weeks(4), ModelTime.Weeks(4), 0.1, 1m);
        Assert.Equal(Purchases.ExpectedPurchasesForNewCustomer(ModelTime.Weeks(4)) * 45 / 1.1, (double)CustomerLifetimeValue.ForNewCustomer(Purchases, Spend, one).Amount, 9);

        var values = new[] { 0.0, 0.01, 0.05, 0.2 }
            .Select(d => CustomerLifetimeValue.ForNewCustomer(Purchases, Spend, new ClvSettings(ModelTime.Weeks(104), ModelTime.Weeks(4), d, 0.3m)).Amount)
            .ToList();
        Assert.Equal(values.OrderDescending(), values);
        Assert.True(values[^1] > 0);
    }

    [Fact]
    public void It_is_the_forecast_of_a_customer_with_no_history()
    {
        // x = 0, t_x = 0, T = 0: nothing is known yet, so the conditional forecast is the new-customer one.
        var settings = new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.01, 0.3m);
        var justAcquired = new CustomerSummary(new CustomerId("new"), 0, new BtydRecency(ModelTime.Weeks(0)), ModelTime.Weeks(0));
        Assert.Equal(
            (double)CustomerLifetimeValue.Predict(Purchases, Spend, justAcquired, settings).Amount,
            (double)CustomerLifetimeValue.ForNewCustomer(Purchases, Spend, settings).Amount,
            9);
    }

    [Fact]
    public void A_spend_model_without_a_population_mean_cannot_value_a_new_customer()
    {
        var heavyTail = new GammaGammaModel(6, 0.9, 15, Eur); // q ≤ 1: infinite mean
        var settings = new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.01, 0.3m);
        Assert.Throws<ArgumentException>("spend", () => CustomerLifetimeValue.ForNewCustomer(Purchases, heavyTail, settings));
        Assert.Throws<ArgumentException>("spend", () => ValueBasis.PredictedClv(Purchases, heavyTail, settings));
    }

    [Fact]
    public void The_predicted_clv_feeds_ltv_to_cac_directly()
    {
        var settings = new ClvSettings(ModelTime.Weeks(156), ModelTime.Weeks(4), 0.01, 0.3m);
        var basis = ValueBasis.PredictedClv(Purchases, Spend, settings);
        Assert.Equal((ValueBasisKind.PredictedClv, settings), (basis.Kind, basis.Clv));

        using var accumulator = new ScorecardAccumulator(March, new ScorecardSettings { ValueBasis = basis });
        accumulator.AddRange(DataSet);
        var cost = accumulator.Result(Instant.FromUtc(2026, 4, 2, 8, 0)).AcquisitionCost;

        var ltv = CustomerLifetimeValue.ForNewCustomer(Purchases, Spend, settings);
        Assert.Equal(ltv, cost.LifetimeValue.Value);
        Assert.Equal((double)(ltv.Amount / 520m), cost.LtvToCac.Value!.Value, 12); // CAC 520 EUR (the fixture's)
    }

    [Fact]
    public void A_lifetime_value_in_another_currency_is_refused_not_divided()
    {
        using var accumulator = new ScorecardAccumulator(March, new ScorecardSettings { ValueBasis = ValueBasis.Given(new Money(1040m, Currency.Usd)) });
        accumulator.AddRange(DataSet);
        Assert.Throws<CurrencyMismatchException>(() => accumulator.Result(Instant.FromUtc(2026, 4, 2, 8, 0)));

        var usdSpend = new GammaGammaModel(6, 3, 15, Currency.Usd);
        using var predicted = new ScorecardAccumulator(March, new ScorecardSettings { ValueBasis = ValueBasis.PredictedClv(Purchases, usdSpend, new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0, 0.3m)) });
        predicted.AddRange(DataSet);
        Assert.Throws<CurrencyMismatchException>(() => predicted.Result(Instant.FromUtc(2026, 4, 2, 8, 0)));
    }
}
