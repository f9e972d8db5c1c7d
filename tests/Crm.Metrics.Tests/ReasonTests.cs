using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests;

/// <summary>A kind of record left out of the data and a kind supplied with nothing in the period give different reasons.</summary>
public class ReasonTests
{
    private static Scorecard Card(CrmDataSet data)
    {
        using var accumulator = new ScorecardAccumulator(March, new ScorecardSettings { Funnel = SalesFunnel, Currency = Eur });
        accumulator.AddRange(data);
        return accumulator.Result(Instant.FromUtc(2026, 4, 2, 8, 0));
    }

    [Fact]
    public void Not_supplied_and_supplied_but_empty_say_different_things()
    {
        var none = Card(new CrmDataSet());
        var empty = Card(new CrmDataSet { SurveyResponses = [], Purchases = [], Complaints = [], Leads = [], Costs = [] });

        Assert.Equal("no survey data was supplied", none.Satisfaction.Csat.UndefinedReason);
        Assert.Equal("no CSAT answers in the period", empty.Satisfaction.Csat.UndefinedReason);
        Assert.Equal("no NPS answers in the period", empty.Satisfaction.Nps.UndefinedReason);
        Assert.Equal("no purchase data was supplied", none.Loyalty.RepeatPurchaseRate.UndefinedReason);
        Assert.Equal("no active customers in the period", empty.Loyalty.RepeatPurchaseRate.UndefinedReason);
        Assert.Equal("no purchase data was supplied", none.Loyalty.AverageOrderValue.UndefinedReason);
        Assert.Equal("no orders in the period", empty.Loyalty.AverageOrderValue.UndefinedReason);
        Assert.StartsWith("no customers at the start of the period", empty.Loyalty.Retention.UndefinedReason, StringComparison.Ordinal);
        Assert.Equal("no complaint data was supplied", none.ServiceEfficiency.SlaCompliance.UndefinedReason);
        Assert.Equal("no complaint with a target was decided in the period", empty.ServiceEfficiency.SlaCompliance.UndefinedReason);
        Assert.Equal("no lead data was supplied", none.Conversion.EndToEnd.UndefinedReason);
        Assert.Equal("no leads entered the funnel in the period", empty.Conversion.EndToEnd.UndefinedReason);
        Assert.Equal("no purchase or customer data was supplied", Card(new CrmDataSet { Costs = Fixture.Costs }).AcquisitionCost.CustomerAcquisitionCost.UndefinedReason);
        Assert.Equal("no customers acquired in the period", Card(new CrmDataSet { Costs = Fixture.Costs, Purchases = [] }).AcquisitionCost.CustomerAcquisitionCost.UndefinedReason);
    }

    [Fact]
    public void A_case_closed_without_a_reply_is_left_out_of_response_times_and_counted_apart()
    {
        var opened = March.Start + Duration.FromHours(30);
        Domain.Activity.Complaint[] complaints =
        [
            new(new ComplaintId("answered"), A, opened, opened + Duration.FromHours(2), opened + Duration.FromHours(10), Duration.FromHours(24)),
            new(new ComplaintId("closed"), B, opened, resolvedAt: opened + Duration.FromHours(30), targetResolutionTime: Duration.FromHours(24)),
            new(new ComplaintId("open"), C, opened),
        ];

        var service = Card(new CrmDataSet { Complaints = complaints }).ServiceEfficiency;

        Assert.Equal((3L, 1L, 1L, 1L), (service.ComplaintsOpened, service.Unanswered, service.ResolvedWithoutReply, service.Unresolved));
        Assert.Equal(1, service.FirstResponseTime.Count);
        Assert.Equal(2.0, service.FirstResponseTime.MedianHours);
        Assert.Equal(2, service.ResolutionTime.Count);
        Assert.Equal((1L, 1L), (service.SlaMet, service.SlaBreached)); // the closed case by its resolution: 30 h > 24 h
    }

    [Fact]
    public void No_reason_names_a_programming_interface()
    {
        foreach (var card in new[] { Card(new CrmDataSet()), Card(DataSet), Card(DataSet with { Purchases = [.. Purchases.Select(p => p.Cost is null ? p : new Domain.Activity.Purchase(p.CustomerId, p.OccurredAt, p.Kind, p.Amount, p.Channel))] }) })
        {
            foreach (var row in card.ToRows())
            {
                Assert.DoesNotMatch(@"[A-Z][a-z]+[A-Z]\w*\.\w+|\(\)", row.UndefinedReason ?? string.Empty);
            }

            Assert.DoesNotMatch(@"[A-Z][a-z]+[A-Z]\w*\.\w+", card.AcquisitionCost.LtvToCac.UndefinedReason ?? string.Empty);
            Assert.DoesNotMatch(@"[A-Z][a-z]+[A-Z]\w*\.\w+", card.CustomerValue.TotalMargin.UndefinedReason ?? string.Empty);
        }
    }
}
