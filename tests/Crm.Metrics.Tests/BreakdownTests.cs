using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests;

public class BreakdownTests
{
    private static ICrmMetrics Metrics() => new ServiceCollection()
        .AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 4, 2, 8, 0)))
        .AddCrmMetrics()
        .BuildServiceProvider()
        .GetRequiredService<ICrmMetrics>();

    private static string Segment(CustomerId id) => id == A || id == C ? "gold" : "silver";

    [Fact]
    public void Retention_by_segment_matches_the_hand_computation()
    {
        var breakdown = Metrics().ComputeBreakdown(DataSet, March, Segment, cost => cost.Channel == "search" ? "gold" : null);

        Assert.Equal(["gold", "silver"], breakdown.Groups.Keys);
        var gold = breakdown.Groups["gold"];
        var silver = breakdown.Groups["silver"];

        // Gold = A, C: S = {A} (B is silver), retained A → 1; revenue A 150 + C 80 = 230.
        Assert.Equal(1.0, gold.Loyalty.Retention.RetentionRate);
        Assert.Equal(Eu(230), gold.Loyalty.Revenue);

        // Silver = B, D, E: S = {B}, nobody retained → 0; revenue E 200 (D's sale is in April).
        Assert.Equal(0.0, silver.Loyalty.Retention.RetentionRate);
        Assert.Equal(Eu(200), silver.Loyalty.Revenue);

        // Costs: the search campaign (310) is gold's → CAC 310 / 1 new (C). Silver acquired nobody: undefined.
        Assert.Equal(Eu(310), gold.AcquisitionCost.CustomerAcquisitionCost.Value);
        Assert.Null(silver.AcquisitionCost.CustomerAcquisitionCost.Value);

        // Unattributed: acquisition 300 × 21/30 = 210, retention 90, other 32.9375 (April's entry is outside).
        Assert.Equal((Eu(210), Eu(90), Eu(32.9375m)), (breakdown.UnattributedCosts.Acquisition, breakdown.UnattributedCosts.Retention, breakdown.UnattributedCosts.Other));
    }

    [Fact]
    public void Rule_based_segments_break_the_scorecard_down_through_their_first_match()
    {
        // The same split as above, written as segment rules over a facts snapshot: A and C are tier A ("gold").
        Crm.Domain.Segments.CustomerFacts Tier(string tier) => new() { ValueTier = tier };
        var customers = new[] { A, B, C, D, E }.Select(id => (
            Customer: Crm.Domain.Customers.Customer.CreatePerson(id, new Crm.Domain.Customers.PersonProfile($"Person {id}"), Instant.FromUtc(2025, 1, 1, 0, 0)),
            Facts: (Crm.Domain.Segments.CustomerFacts?)Tier(id == A || id == C ? "A" : "B"))).ToList();
        var groupOf = Crm.Domain.Segments.Segment.FirstMatch([new("gold", Crm.Domain.Segments.SegmentRule.ValueTierIs("A"))], customers, others: "silver");

        var bySegment = Metrics().ComputeBreakdown(DataSet, March, groupOf, cost => cost.Channel == "search" ? "gold" : null);
        var byFunction = Metrics().ComputeBreakdown(DataSet, March, Segment, cost => cost.Channel == "search" ? "gold" : null);

        Assert.Equal(Snapshot.Of(byFunction.Groups["gold"]), Snapshot.Of(bySegment.Groups["gold"]));
        Assert.Equal(Snapshot.Of(byFunction.Groups["silver"]), Snapshot.Of(bySegment.Groups["silver"]));
    }

    [Fact]
    public void Group_counts_add_up_to_the_whole()
    {
        var metrics = Metrics();
        var whole = metrics.ComputeScorecard(DataSet, March);
        var groups = metrics.ComputeBreakdown(DataSet, March, Segment, _ => null).Groups.Values.ToList();

        Assert.Equal(whole.Loyalty.Revenue, groups.Select(g => g.Loyalty.Revenue).Sum(Eur));
        Assert.Equal(whole.Loyalty.Orders, groups.Sum(g => g.Loyalty.Orders));
        Assert.Equal(whole.Loyalty.ActiveCustomers, groups.Sum(g => g.Loyalty.ActiveCustomers));
        Assert.Equal(whole.Satisfaction.Nps.Respondents, groups.Sum(g => g.Satisfaction.Nps.Respondents));
        Assert.Equal(whole.ServiceEfficiency.ComplaintsOpened, groups.Sum(g => g.ServiceEfficiency.ComplaintsOpened));
    }

    [Fact]
    public async Task The_async_breakdown_equals_the_synchronous_one()
    {
        var metrics = Metrics();
        var asyncData = new CrmAsyncDataSet
        {
            Purchases = Purchases.ToAsyncEnumerable(),
            SurveyResponses = Surveys.ToAsyncEnumerable(),
            Costs = Fixture.Costs.ToAsyncEnumerable(),
            Complaints = Complaints.ToAsyncEnumerable(),
            Feedback = Fixture.Feedback.ToAsyncEnumerable(),
            Leads = Leads.ToAsyncEnumerable(),
        };
        static string? Cost(Domain.Activity.CostEntry c) => c.Channel;

        var expected = metrics.ComputeBreakdown(DataSet, March, Segment, Cost);
        var actual = await metrics.ComputeBreakdownAsync(asyncData, March, Segment, Cost);
        Assert.Equal(Snapshot.Of(expected), Snapshot.Of(actual));
        Assert.Equal(["gold", "search", "silver", "social"], actual.Groups.Keys);
    }

    [Fact]
    public async Task Every_group_sees_the_kinds_the_data_set_supplies_sync_and_async()
    {
        // Complaints supplied but none in the silver group: its complaint rate is a real 0, not undefined.
        var data = new CrmDataSet { Purchases = Purchases, Complaints = Complaints.Where(c => Segment(c.CustomerId) == "gold").ToList() };
        var silver = Metrics().ComputeBreakdown(data, March, Segment, _ => null).Groups["silver"];
        Assert.Equal(DataSources.Purchases | DataSources.Complaints, silver.Supplied);
        Assert.Equal(0.0, silver.ServiceEfficiency.ComplaintRate.Value);

        // Not supplied at all (null): undefined, in the async path too.
        var card = await Metrics().ComputeScorecardAsync(new CrmAsyncDataSet { Purchases = Purchases.ToAsyncEnumerable() }, March);
        Assert.Equal(DataSources.Purchases, card.Supplied);
        Assert.Null(card.ServiceEfficiency.ComplaintRate.Value);
        Assert.Equal("no complaint data was supplied", card.ServiceEfficiency.ComplaintRate.UndefinedReason);
    }

    [Fact]
    public void A_grouping_that_returns_no_name_fails_naming_the_customer()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Metrics().ComputeBreakdown(DataSet, March, id => id == E ? null! : "x", _ => null));
        Assert.Contains("customer E", ex.Message, StringComparison.Ordinal);
    }
}
