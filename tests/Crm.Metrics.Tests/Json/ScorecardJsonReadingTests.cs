using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests.Json;

/// <summary>
/// A scorecard document is untrusted when it is read: malformed text is a <see cref="JsonException"/>, a document that
/// breaks a result's rules an <see cref="ArgumentException"/> naming the member; nothing is read half-way.
/// </summary>
public class ScorecardJsonReadingTests
{
    private static readonly JsonTypeInfo<Scorecard> Contract = (JsonTypeInfo<Scorecard>)CrmJson.Options.GetTypeInfo(typeof(Scorecard));
    private static readonly string Json = JsonSerializer.Serialize(ScorecardJsonTests.Card(DataSet), Contract);

    private static Scorecard Read(Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(Json)!;
        edit(root);
        return JsonSerializer.Deserialize(root.ToJsonString(), Contract)!;
    }

    [Fact]
    public void The_unedited_document_reads()
    {
        Assert.Equal(430m, Read(_ => { }).Loyalty.Revenue.Amount);
    }

    [Fact]
    public void Malformed_values_are_json_errors_with_the_path()
    {
        var currency = Assert.Throws<JsonException>(() => Read(r => r["loyalty"]!["revenue"]!["currency"] = "EURO"));
        Assert.Equal("$.loyalty.revenue", currency.Path);
        Assert.Throws<JsonException>(() => Read(r => r["loyalty"]!["revenue"]!["amount"] = "430"));
        Assert.Throws<JsonException>(() => Read(r => r["loyalty"]!["revenue"]!.AsObject().Add("note", "x")));
        Assert.Throws<JsonException>(() => Read(r => r["computedAt"] = "2026-04-02 08:00"));
        Assert.Throws<JsonException>(() => Read(r => r["period"]!["zone"] = "Mars/Olympus"));
        Assert.Throws<JsonException>(() => Read(r => r["satisfaction"]!["csat"]!["method"] = 0)); // enums by name only
        Assert.Throws<JsonException>(() => Read(r => r["satisfaction"]!["csat"]!["method"] = "medianScore"));
        Assert.Throws<JsonException>(() => Read(r => r["cohorts"]!["rows"]![0]!["month"] = "2025-13"));
    }

    [Fact]
    public void A_period_whose_instants_disagree_with_its_days_and_zone_is_refused()
    {
        var e = Assert.Throws<JsonException>(() => Read(r => r["period"]!["start"] = "2026-03-01T00:00:00Z"));
        Assert.Contains("Europe/Berlin", e.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => Read(r => r["period"]!["lastDay"] = "2026-02-01"));
    }

    [Fact]
    public void Missing_members_are_refused()
    {
        Assert.Throws<JsonException>(() => Read(r => r.AsObject().Remove("loyalty")));
        Assert.Throws<JsonException>(() => Read(r => r["loyalty"]!.AsObject().Remove("orders")));
        Assert.Throws<JsonException>(() => Read(r => r["loyalty"] = null));
    }

    [Fact]
    public void Figures_that_break_a_results_rules_name_the_member()
    {
        Assert.Throws<ArgumentOutOfRangeException>("orders", () => Read(r => r["loyalty"]!["orders"] = -1));
        Assert.Throws<ArgumentException>("answersByScore", () => Read(r => r["satisfaction"]!["csat"]!["answersByScore"] = new JsonArray(1, 2, 3)));
        Assert.Throws<ArgumentOutOfRangeException>("answersByScore", () => Read(r => r["satisfaction"]!["nps"]!["answersByScore"]![3] = -2));
        Assert.Throws<ArgumentOutOfRangeException>("denominator", () => Read(r => r["loyalty"]!["purchaseFrequency"]!["denominator"] = -3));
        Assert.Throws<ArgumentException>("count", () => Read(r => r["customerValue"]!["revenuePerCustomer"]!["median"] = 1e9));
        Assert.Throws<ArgumentException>("slaCompliance", () => Read(r => r["serviceEfficiency"]!["slaMet"] = 2));
        Assert.Throws<ArgumentException>("stages", () => Read(r => r["conversion"]!["stages"]![1]!["name"] = "won"));
    }

    [Fact]
    public void Reasons_that_contradict_the_counts_are_refused()
    {
        // CSAT has answers, so it is defined: a reason beside it contradicts the counts.
        Assert.Throws<ArgumentException>("undefinedReason", () => Read(r => r["satisfaction"]!["csat"]!["undefinedReason"] = "no CSAT answers in the period"));

        // A defined metric value has no reason; an undefined one needs one.
        Assert.Throws<ArgumentException>("undefinedReason", () => Read(r => r["acquisitionCost"]!["grossMarginRate"]!["undefinedReason"] = "why"));
        Assert.Throws<ArgumentNullException>("undefinedReason", () => Read(r => r["acquisitionCost"]!["ltvToCac"]!.AsObject().Remove("undefinedReason")));

        // A rate over zero needs its reason.
        Assert.Throws<ArgumentNullException>("undefinedReason", () => Read(r =>
        {
            r["loyalty"]!["repeatPurchaseRate"]!["numerator"] = 0;
            r["loyalty"]!["repeatPurchaseRate"]!["denominator"] = 0;
        }));
    }
}
