using Crm.Metrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>Laws of the per-customer intervals over generated histories, at fixed fits of each purchase model.</summary>
public class ForecastIntervalProperties
{
    /// <summary>Up to twelve histories in weeks, repeaters with a mean repeat spend in dollars.</summary>
    public static Arbitrary<CustomerSummary[]> Customers() =>
        (from count in Gen.Choose(1, 12)
         from customers in Gen.ArrayOf(LifetimeProperties.Histories, count)
         from cents in Gen.ArrayOf(Gen.Choose(1, 100_000), count)
         select customers.Select((c, i) => new CustomerSummary(new CustomerId($"c{i}"), c.Frequency, c.Recency, c.Age, c.Frequency > 0 ? new Money(cents[i] / 100m, Currency.Usd) : null)).ToArray())
        .ToArbitrary();

    [Property(Arbitrary = [typeof(ForecastIntervalProperties)], MaxTest = 60)]
    public void Estimates_are_the_one_customer_forecasts_and_intervals_stay_in_range(CustomerSummary[] customers)
    {
        var fits = ForecastIntervalTests.Fitted.Value;
        Check(fits.BgNbd);
        Check(fits.MbgNbd);
        Check(fits.ParetoNbd);

        void Check<TModel>(ModelFit<TModel> fit)
            where TModel : class, IPurchaseModel
        {
            var intervals = ForecastIntervals.ValueForCustomers(fit, fits.Spend, customers, ForecastIntervalTests.Settings, new IntervalOptions { Draws = 20 });
            foreach (var (interval, customer) in intervals.Zip(customers))
            {
                var forecast = CustomerLifetimeValue.Forecast(fit.Model, fits.Spend.Model, customer, ForecastIntervalTests.Settings);
                Assert.Equal(forecast.ProbabilityAlive, interval.ProbabilityAlive.Estimate, 1e-12);
                Assert.True(Math.Abs(forecast.ExpectedPurchases - interval.ExpectedPurchases.Estimate) <= 1e-9 * Math.Max(1, forecast.ExpectedPurchases), $"{interval.ExpectedPurchases.Estimate} is not {forecast.ExpectedPurchases}");
                Assert.True(Math.Abs(forecast.Value.Amount - interval.Value!.Estimate.Amount) <= 1e-9m * Math.Max(1, forecast.Value.Amount), $"{interval.Value.Estimate} is not {forecast.Value}");
                Assert.InRange(interval.ProbabilityAlive.Lower, 0, interval.ProbabilityAlive.Upper);
                Assert.InRange(interval.ProbabilityAlive.Upper, 0, 1);
                Assert.InRange(interval.ExpectedPurchases.Lower, 0, interval.ExpectedPurchases.Upper);
                Assert.True(interval.Value.Lower.Amount >= 0 && interval.Value.Lower.Amount <= interval.Value.Upper.Amount);
            }
        }
    }
}
