using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Metrics.CustomerValue;
using Crm.Testing;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>
/// <see cref="CustomerValueMetrics.TopByRevenue"/>: the first customers of the list ordered by revenue (highest first,
/// then by id), whether the metrics were computed here or read back, and nothing when the rows were declined.
/// </summary>
public class TopByRevenueTests
{
    private static readonly ReportingPeriod January = ReportingPeriod.Month(2020, 1, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur, Funnel = CrmGen.Funnel };

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 150)]
    public void The_top_customers_are_the_first_of_the_list_ordered_by_revenue_then_id((CrmDataSet Data, int[] Parts) input)
    {
        var value = Card(input.Data, Settings).CustomerValue;
        var read = JsonSerializer.Deserialize<Scorecard>(JsonSerializer.Serialize(Card(input.Data, Settings), CrmJson.OptionsWithCustomerRows), CrmJson.OptionsWithCustomerRows)!.CustomerValue;
        var ordered = value.Customers.OrderByDescending(c => c.Revenue.Amount).ThenBy(c => c.Id).ToList();

        foreach (var count in new[] { 0, 1, 3, ordered.Count - 1, ordered.Count, ordered.Count + 5 }.Where(c => c >= 0))
        {
            Assert.Equal(Text(ordered.Take(count)), Text(value.TopByRevenue(count)));
            Assert.Equal(Text(ordered.Take(count)), Text(read.TopByRevenue(count)));
        }
    }

    [Fact]
    public void Customers_of_equal_revenue_come_in_order_of_id()
    {
        var at = January.Start + Duration.FromDays(3);
        Purchase Sale(string id, decimal amount) => Purchase.Sale(new CustomerId(id), at, new Money(amount, Currency.Eur));
        var value = Card(new CrmDataSet { Purchases = [Sale("d", 50m), Sale("b", 50m), Sale("c", 20m), Sale("a", 30m), Sale("a", 20m), Sale("e", 70m)] }, Settings).CustomerValue;

        Assert.Equal(["e", "a", "b"], value.TopByRevenue(3).Select(c => c.Id.Value));
        Assert.Equal(["e", "a", "b", "d", "c"], value.TopByRevenue(9).Select(c => c.Id.Value));
        Assert.Equal(new Money(50m, Currency.Eur), value.TopByRevenue(2)[1].Revenue);
        Assert.Empty(value.TopByRevenue(0));
    }

    [Fact]
    public void Without_rows_there_is_no_top_and_a_negative_count_is_refused()
    {
        var at = January.Start + Duration.FromDays(3);
        var data = new CrmDataSet { Purchases = [Purchase.Sale(new CustomerId("a"), at, new Money(10m, Currency.Eur))] };
        var declined = Card(data, Settings with { CustomerRows = ScorecardCustomerRows.None }).CustomerValue;
        var withoutList = JsonSerializer.Deserialize<Scorecard>(JsonSerializer.Serialize(Card(data, Settings), CrmJson.Options), CrmJson.Options)!.CustomerValue;

        Assert.Empty(declined.TopByRevenue(5));
        Assert.Empty(withoutList.TopByRevenue(5));
        Assert.Single(Card(data, Settings).CustomerValue.TopByRevenue(5));
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => declined.TopByRevenue(-1)).ParamName);
    }

    private static Scorecard Card(CrmDataSet data, ScorecardSettings settings)
    {
        using var accumulator = new ScorecardAccumulator(January, settings);
        accumulator.AddRange(data);
        return accumulator.Result(Now);
    }

    private static List<string> Text(IEnumerable<CustomerContribution> customers) =>
        [.. customers.Select(c => JsonSerializer.Serialize(c, CrmJson.Options))];
}
