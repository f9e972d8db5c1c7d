using Microsoft.Extensions.DependencyInjection;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests;

/// <summary>The family calculators compute their family alone, over plain records, and agree with the scorecard.</summary>
public class FamilyCalculatorTests
{
    private static readonly ServiceProvider Provider = new ServiceCollection().AddCrmMetrics().BuildServiceProvider();
    private static readonly ICrmMetrics Metrics = Provider.GetRequiredService<ICrmMetrics>();

    [Fact]
    public void Loyalty_over_purchases_is_the_scorecards_loyalty()
    {
        var card = Metrics.ComputeScorecard(new CrmDataSet { Purchases = Purchases }, March, new ScorecardSettings { Currency = Eur });

        var loyalty = Metrics.Loyalty.Compute(Purchases, March, currency: Eur);

        Assert.Equal(Snapshot.Of(card.Loyalty), Snapshot.Of(loyalty));
    }

    [Fact]
    public async Task Loyalty_over_a_stream_and_through_an_accumulator_is_the_same()
    {
        var expected = Snapshot.Of(Metrics.Loyalty.Compute(Purchases, March));
        var accumulator = Metrics.Loyalty.CreateAccumulator(March);
        foreach (var purchase in Purchases)
        {
            accumulator.Add(purchase);
        }

        Assert.Equal(expected, Snapshot.Of(await Metrics.Loyalty.ComputeAsync(Purchases.ToAsyncEnumerable(), March)));
        Assert.Equal(expected, Snapshot.Of(accumulator.LoyaltyResult(Currency.Usd)));
        Assert.Equal("purchases", Assert.Throws<ArgumentException>(() => Metrics.Loyalty.Compute([Purchases[0], null!], March)).ParamName);
    }

    [Fact]
    public void Satisfaction_over_answers_is_the_scorecards_satisfaction()
    {
        var card = Metrics.ComputeScorecard(new CrmDataSet { SurveyResponses = Surveys }, March);

        Assert.Equal(Snapshot.Of(card.Satisfaction), Snapshot.Of(Metrics.Satisfaction.Compute(Surveys, March)));
        Assert.Equal("responses", Assert.Throws<ArgumentException>(() => Metrics.Satisfaction.Compute([Surveys[0], null!], March)).ParamName);
    }
}
