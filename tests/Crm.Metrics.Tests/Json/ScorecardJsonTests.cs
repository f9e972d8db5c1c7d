using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Crm.Domain.Activity;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests.Json;

/// <summary>A scorecard through <see cref="CrmJson"/>: the documented shape, a small document, and read back equal.</summary>
public class ScorecardJsonTests
{
    private static readonly JsonTypeInfo<Scorecard> Contract = (JsonTypeInfo<Scorecard>)CrmJson.Options.GetTypeInfo(typeof(Scorecard));
    private static readonly JsonTypeInfo<Scorecard> WithRows = (JsonTypeInfo<Scorecard>)CrmJson.OptionsWithCustomerRows.GetTypeInfo(typeof(Scorecard));
    private static readonly JsonSerializerOptions Indented = new(CrmJson.Options) { WriteIndented = true };
    private static readonly Instant ComputedAt = Instant.FromUtc(2026, 4, 2, 8, 0);

    internal static Scorecard Card(CrmDataSet data, ReportingPeriod? period = null)
    {
        using var accumulator = new ScorecardAccumulator(period ?? March, new ScorecardSettings { Funnel = SalesFunnel, Currency = Eur });
        accumulator.AddRange(data);
        return accumulator.Result(ComputedAt);
    }

    // A document without the rows reads back with none, and says so.
    private static bool CustomerRows(string path) => path is "$.CustomerValue.Customers" or "$.CustomerValue.HasCustomerRows";

    [Fact]
    public void The_fixture_reads_back_with_every_member_equal()
    {
        var card = Card(DataSet);

        var json = JsonSerializer.Serialize(card, Contract);
        Assert.Null(DeepEquality.FirstDifference(card, JsonSerializer.Deserialize(json, Contract), skip: CustomerRows));
        Assert.Empty(JsonSerializer.Deserialize(json, Contract)!.CustomerValue.Customers); // left out, so read back as none
        Assert.False(JsonSerializer.Deserialize(json, Contract)!.CustomerValue.HasCustomerRows);
        Assert.True(card.CustomerValue.HasCustomerRows);

        var full = JsonSerializer.Serialize(card, WithRows);
        Assert.Null(DeepEquality.FirstDifference(card, JsonSerializer.Deserialize(full, WithRows)));
        Assert.Equal(full, JsonSerializer.Serialize(JsonSerializer.Deserialize(full, WithRows)!, WithRows));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 100)]
    public void Any_scorecard_reads_back_equal((CrmDataSet Data, int[] Parts) input)
    {
        var card = Card(input.Data, ReportingPeriod.Month(2020, 1, Berlin));
        Assert.Null(DeepEquality.FirstDifference(card, JsonSerializer.Deserialize(JsonSerializer.Serialize(card, WithRows), WithRows)));
        Assert.Null(DeepEquality.FirstDifference(card, JsonSerializer.Deserialize(JsonSerializer.Serialize(card, Contract), Contract), skip: CustomerRows));
    }

    [Fact]
    public void The_document_has_the_documented_shape()
    {
        var card = Card(DataSet);
        var json = JsonSerializer.Serialize(card, Contract);
        var root = JsonNode.Parse(json)!;

        // The period knows its zone; instants and dates are ISO-8601 text.
        Assert.Equal("Europe/Berlin", (string?)root["period"]!["zone"]);
        Assert.Equal("2026-03-01", (string?)root["period"]!["firstDay"]);
        Assert.Equal("2026-03-31", (string?)root["period"]!["lastDay"]);
        Assert.Equal("2026-02-28T23:00:00Z", (string?)root["period"]!["start"]);
        Assert.Equal("2026-04-02T08:00:00Z", (string?)root["computedAt"]);
        Assert.Equal("EUR", (string?)root["currency"]);

        // Money is an amount with its currency; enums are camelCase names.
        Assert.Equal(430m, (decimal)root["loyalty"]!["revenue"]!["amount"]!);
        Assert.Equal("EUR", (string?)root["loyalty"]!["revenue"]!["currency"]);
        Assert.Equal("topTwoBox", (string?)root["satisfaction"]!["csat"]!["method"]);
        Assert.Equal(2, (long)root["feedback"]!["complaintsByChannel"]!["email"]!);
        Assert.Equal("2025-04", (string?)root["cohorts"]!["rows"]![0]!["month"]);

        // A defined figure has its value and no reason; an undefined one is null with its reason beside it.
        var retentionCost = root["acquisitionCost"]!["retentionCostPerActiveCustomer"]!.AsObject();
        Assert.Equal(30m, (decimal)retentionCost["value"]!["amount"]!);
        Assert.False(retentionCost.ContainsKey("undefinedReason"));
        var ltv = root["acquisitionCost"]!["ltvToCac"]!.AsObject();
        Assert.True(ltv.ContainsKey("value"));
        Assert.Null(ltv["value"]);
        Assert.Equal(card.AcquisitionCost.LtvToCac.UndefinedReason, (string?)ltv["undefinedReason"]);

        // No empty objects (nothing silently lost), no per-customer rows unless asked for.
        Assert.DoesNotContain("{}", json, StringComparison.Ordinal);
        Assert.False(root["customerValue"]!.AsObject().ContainsKey("customers"));
        Assert.Equal(card.CustomerValue.Customers.Count, JsonNode.Parse(JsonSerializer.Serialize(card, WithRows))!["customerValue"]!["customers"]!.AsArray().Count);
        Assert.Equal("C", (string?)JsonNode.Parse(JsonSerializer.Serialize(card, WithRows))!["customerValue"]!["customers"]![1]!["id"]);
    }

    [Fact]
    public void Breakdowns_with_no_entry_are_left_out_and_read_back_empty()
    {
        var card = Card(new CrmDataSet { Purchases = Purchases }); // no feedback, complaints or surveys
        Assert.Empty(card.Feedback.ComplaintsByChannel);

        var json = JsonSerializer.Serialize(card, Contract);
        Assert.DoesNotContain("{}", json, StringComparison.Ordinal);
        Assert.False(JsonNode.Parse(json)!["feedback"]!.AsObject().ContainsKey("complaintsByChannel"));
        Assert.Null(DeepEquality.FirstDifference(card, JsonSerializer.Deserialize(json, Contract), skip: CustomerRows));
    }

    [Fact]
    public void A_scorecard_of_two_thousand_customers_is_a_small_document()
    {
        // 2,000 customers, each with a sale in March and two to six more in the year before it.
        var random = new Random(7);
        var purchases = new List<Purchase>();
        for (var c = 0; c < 2_000; c++)
        {
            var id = new CustomerId("C" + c.ToString(System.Globalization.CultureInfo.InvariantCulture));
            purchases.Add(Purchase.Sale(id, March.Start + Duration.FromMinutes(random.Next((int)(March.End - March.Start).TotalMinutes)), Eu(random.Next(1, 500)), cost: Eu(random.Next(0, 100))));
            for (var k = random.Next(2, 7); k > 0; k--)
            {
                purchases.Add(Purchase.Sale(id, March.Start - Duration.FromMinutes(random.Next(1, 365 * 1440)), Eu(random.Next(1, 500)), cost: Eu(random.Next(0, 100))));
            }
        }

        var data = new CrmDataSet { Purchases = purchases, SurveyResponses = Surveys, Complaints = Complaints, Costs = Fixture.Costs, Feedback = Fixture.Feedback, Leads = Leads };
        var card = Card(data);
        Assert.Equal(2_000, card.CustomerValue.Customers.Count);

        var json = JsonSerializer.SerializeToUtf8Bytes(card, Contract);
        Assert.True(json.Length <= 20 * 1024, $"{json.Length} bytes");
        Assert.Null(DeepEquality.FirstDifference(card, JsonSerializer.Deserialize(json, Contract), skip: CustomerRows));
    }

    [Fact]
    public void A_breakdown_reads_back_equal()
    {
        using var provider = new ServiceCollection().AddSingleton<IClock>(new FakeClock(ComputedAt)).AddCrmMetrics().BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var breakdown = metrics.ComputeBreakdown(DataSet, March, id => id == A || id == C ? "gold" : "silver", cost => cost.Channel == "search" ? "gold" : null);
        var contract = CrmJson.OptionsWithCustomerRows.GetTypeInfo(typeof(ScorecardBreakdown));

        var json = JsonSerializer.Serialize(breakdown, contract);
        Assert.Equal(["gold", "silver"], JsonNode.Parse(json)!["groups"]!.AsObject().Select(g => g.Key).Order());
        Assert.Null(DeepEquality.FirstDifference(breakdown, JsonSerializer.Deserialize(json, contract)));
    }

    [Fact]
    public void The_options_are_read_only()
    {
        Assert.True(CrmJson.Options.IsReadOnly);
        Assert.True(CrmJson.OptionsWithCustomerRows.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => CrmJson.Options.WriteIndented = true);
        Assert.Contains("\n", JsonSerializer.Serialize(Card(DataSet), Indented), StringComparison.Ordinal);
    }
}
