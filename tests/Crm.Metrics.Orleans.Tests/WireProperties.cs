using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Crm.Metrics.States;
using Crm.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Crm.Metrics.Orleans.Tests;

/// <summary>
/// The states' binary wire form: every member of every state survives the round trip exactly (compared through the
/// states' JSON), a damaged message is an error rather than a partial state, and a state read from the wire is
/// validated on merge like one read from JSON.
/// </summary>
public class WireProperties
{
    internal static readonly ReportingPeriod Period = ReportingPeriod.Month(2020, 1, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    internal static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur, Funnel = CrmGen.Funnel };
    /// <summary>Orleans' serializer with this package's codecs, as silos and clients have it.</summary>
    internal static readonly Serializer Wire = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(ICrmClusterMetrics).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    /// <summary>Every kind of record, in EUR, around January 2020.</summary>
    public static Arbitrary<CrmDataSet> DataSets()
    {
        var near = Gen.Choose(-40 * 24, 40 * 24).Select(h => Period.Start + Duration.FromHours(h));
        var purchase = from p in CrmGen.PurchaseIn(Currency.Eur) from at in near select new Purchase(p.CustomerId, at, p.Kind, p.Amount, p.Channel, p.Cost);
        var survey = from s in CrmGen.SurveyResponse from at in near select new SurveyResponse(s.CustomerId, at, s.Kind, s.Score);
        var complaint =
            from c in CrmGen.Complaint
            from shift in Gen.Choose(-40 * 24, 40 * 24)
            let move = Period.Start - c.OpenedAt + Duration.FromHours(shift)
            select new Complaint(c.Id, c.CustomerId, c.OpenedAt + move, c.FirstResponseAt + move, c.ResolvedAt + move, c.TargetResolutionTime, c.Severity, c.Channel);
        var remark = from f in CrmGen.Feedback from at in near select new Domain.Activity.Feedback(f.CustomerId, at, f.Kind, f.Channel, f.Text);
        var lead =
            from l in CrmGen.Lead
            from shift in Gen.Choose(-40 * 24, 40 * 24)
            select new Lead(l.Id, l.Stages.Select(st => new LeadStageReached(st.Stage, st.At - (l.FirstReachedAt - Period.Start) + Duration.FromHours(shift))), l.ConvertedCustomerId);
        var data =
            from purchases in Gen.ListOf(purchase)
            from surveys in Gen.ListOf(survey)
            from complaints in Gen.ListOf(complaint)
            from feedback in Gen.ListOf(remark)
            from leads in Gen.ListOf(lead)
            from customers in Gen.ListOf(CrmGen.Customer)
            from costs in Gen.ListOf(CrmGen.CostEntryIn(Currency.Eur))
            select new CrmDataSet
            {
                Purchases = purchases,
                SurveyResponses = surveys,
                Complaints = complaints,
                Feedback = feedback,
                Leads = leads,
                Customers = customers.DistinctBy(c => c.Id).ToList(),
                Costs = costs,
            };
        return data.ToArbitrary();
    }

    [Property(Arbitrary = new[] { typeof(WireProperties) }, MaxTest = 100)]
    public void Every_state_survives_the_wire_exactly(CrmDataSet data)
    {
        using var scorecard = new ScorecardAccumulator(Period, Settings);
        scorecard.AddRange(data);
        using var summary = new CustomerBaseSummaryAccumulator(new SummaryOptions(new LocalDate(2020, 1, 15)) { HoldoutEnd = new LocalDate(2020, 2, 10), Zone = Period.Zone });
        summary.AddRange(data.Purchases!);
        using var rfm = new RfmAccumulator(new RfmOptions(new LocalDate(2020, 1, 31)) { Zone = Period.Zone, LookBackDays = 60 });
        rfm.AddRange(data.Purchases!);

        Assert.Equal(Json(scorecard.ToState(), CrmStateJson.ScorecardState), Json(RoundTrip(scorecard.ToState()), CrmStateJson.ScorecardState));
        Assert.Equal(Json(summary.ToState(), CrmStateJson.CustomerBaseSummaryState), Json(RoundTrip(summary.ToState()), CrmStateJson.CustomerBaseSummaryState));
        Assert.Equal(Json(rfm.ToState(), CrmStateJson.RfmState), Json(RoundTrip(rfm.ToState()), CrmStateJson.RfmState));
    }

    [Fact]
    public void A_cut_message_is_an_error_not_a_partial_state()
    {
        using var rfm = new RfmAccumulator(new RfmOptions(new LocalDate(2020, 1, 31)));
        rfm.Add(Purchase.Sale(new CustomerId("c1"), Instant.FromUtc(2020, 1, 10, 12, 0), new Money(10m, Currency.Eur)));
        var bytes = Wire.SerializeToArray(rfm.ToState());

        Assert.ThrowsAny<Exception>(() => Wire.Deserialize<RfmState>(bytes.AsSpan(0, bytes.Length / 2).ToArray()));
    }

    [Fact]
    public void A_state_from_the_wire_is_validated_on_merge_naming_the_field()
    {
        using var rfm = new RfmAccumulator(new RfmOptions(new LocalDate(2020, 1, 31)));
        rfm.Add(Purchase.Sale(new CustomerId("c1"), Instant.FromUtc(2020, 1, 10, 12, 0), new Money(10m, Currency.Eur)));
        var tampered = rfm.ToState() with { Customers = [new CustomerRfmState { Id = "c1", Total = -5m, Days = [18271] }] };
        var read = Wire.Deserialize<RfmState>(Wire.SerializeToArray(tampered))!;
        using var total = new RfmAccumulator(new RfmOptions(new LocalDate(2020, 1, 31)));

        var e = Assert.ThrowsAny<ArgumentException>(() => total.Merge(read));
        Assert.Contains("customers[0].total", e.Message, StringComparison.Ordinal);
    }

    private static T RoundTrip<T>(T state) => Wire.Deserialize<T>(Wire.SerializeToArray(state))!;

    private static string Json<T>(T state, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) => JsonSerializer.Serialize(state, info);
}
