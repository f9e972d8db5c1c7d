using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Domain.Assessments;
using Crm.Domain.Customers;
using Crm.Metrics.Assessments;
using Crm.Metrics.Care;
using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Crm.Metrics.Tests.Lifetime;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests.Json;

/// <summary>
/// Every other public result through <see cref="CrmJson"/>: fits, summaries, forecasts, RFM, tiers, lifecycles, churn,
/// care and assessments are written without empty objects, with enums and dates as text and the per-customer lists
/// only when asked for; the result records read back equal.
/// </summary>
public class ResultJsonTests
{
    private static readonly Lazy<Results> All = new(() => new Results());

    private sealed class Results
    {
        public Results()
        {
            var summary = CdnowData.SummaryWithoutHoldout;
            BgNbd = BgNbdModel.Fit(summary);
            ParetoNbd = ParetoNbdModel.Fit(summary);
            MbgNbd = MbgNbdModel.Fit(summary);
            Comparison = PurchaseModelComparison.Of(summary, PurchaseModelFit.Of("BG/NBD", BgNbd), PurchaseModelFit.Of("MBG/NBD", MbgNbd));
            // Too few patterns to identify γ: a fit that did not converge is written all the same, with its status.
            Discrete = DiscreteSummary.FromPatterns([new DiscretePattern(0, 0, 6, 30), new DiscretePattern(2, 4, 6, 10), new DiscretePattern(5, 6, 6, 5), new DiscretePattern(6, 6, 6, 4)]);
            BgBb = BgBbModel.Fit(Discrete);
            Spend = GammaGammaModel.Fit(CustomerBaseSummary.FromSummaries(summary.Customers.Where(c => c.Frequency > 0 && c.MeanRepeatValue is { Amount: > 0 }), new SummaryOptions(CdnowData.CalibrationEnd)));
            Survival = ShiftedBetaGeometricModel.Fit([1000, 631, 468, 382, 326]);
            Summary = summary;
            var clv = new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.01, 0.3m);
            Forecasts = [.. summary.Customers.Take(50).Select(c => CustomerLifetimeValue.Forecast(BgNbd.Model, Spend.Model, c, clv))];
            Explanation = CustomerExplanation.Explain(BgNbd.Model, summary.Customers.First(c => c.Frequency > 2), ModelTime.Weeks(39), Spend.Model, clv);
            Tracking = HoldoutTracking.Compute(BgNbd.Model, CdnowData.Summary);
            var purchases = CdnowData.Purchases.Where(p => p.OccurredAt < Instant.FromUtc(1997, 10, 1, 0, 0)).ToList();
            Rfm = RfmAnalysis.Compute(purchases, new RfmOptions(CdnowData.CalibrationEnd));
            Clusters = RfmClustering.Compute(Rfm, new ClusterOptions(4));
            Tiers = ValueTierAnalysis.FromRfm(Rfm);
            Lifecycles = LifecycleDerivation.Derive(purchases.Take(2_000), CdnowData.CalibrationEnd);
            Churn = ChurnWarning.Assess(CdnowData.CalibrationEnd, null, purchases, model: BgNbd.Model, summary: summary);
            var customer = Customer.CreatePerson(new CustomerId("x"), new PersonProfile("X", birthDate: new LocalDate(1990, 4, 1)), Instant.FromUtc(2020, 1, 1, 0, 0));
            Care = CareCalendar.For([customer], new DateInterval(new LocalDate(2026, 4, 1), new LocalDate(2026, 4, 30)), [new Holiday(new LocalDate(2026, 4, 5), "Easter")]);
            Assessment = new EvidenceAssessmentScorer().Score(AssessmentFramework.SixC, new AssessmentEvidence(ScorecardJsonTests.Card(DataSet)));
        }

        public ModelFit<BgNbdModel> BgNbd { get; }

        public ModelFit<ParetoNbdModel> ParetoNbd { get; }

        public ModelFit<MbgNbdModel> MbgNbd { get; }

        public PurchaseModelComparison Comparison { get; }

        public DiscreteSummary Discrete { get; }

        public ModelFit<BgBbModel> BgBb { get; }

        public ModelFit<GammaGammaModel> Spend { get; }

        public ModelFit<ShiftedBetaGeometricModel> Survival { get; }

        public CustomerBaseSummary Summary { get; }

        public IReadOnlyList<CustomerValueForecast> Forecasts { get; }

        public CustomerExplanation Explanation { get; }

        public HoldoutTracking Tracking { get; }

        public RfmAnalysis Rfm { get; }

        public RfmClustering Clusters { get; }

        public ValueTierAnalysis Tiers { get; }

        public IReadOnlyList<DerivedLifecycle> Lifecycles { get; }

        public ChurnWarningResult Churn { get; }

        public IReadOnlyList<CareOccasion> Care { get; }

        public EvidenceAssessment Assessment { get; }
    }

    public static TheoryData<string> Names() =>
        [.. typeof(Results).GetProperties().Select(p => p.Name)];

    private static (object Value, Type Type) Get(string name)
    {
        var property = typeof(Results).GetProperty(name)!;
        return (property.GetValue(All.Value)!, property.PropertyType);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_result_is_written_without_empty_objects_and_with_text_for_enums_and_dates(string name)
    {
        var (value, type) = Get(name);
        var json = JsonSerializer.Serialize(value, CrmJson.OptionsWithCustomerRows.GetTypeInfo(type));
        Assert.DoesNotContain("{}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"NaN\"", json, StringComparison.Ordinal);
        Assert.True(json.Length > 20, json);
    }

    [Fact]
    public void Enums_dates_and_money_are_text_and_objects_of_the_documented_shape()
    {
        var r = All.Value;
        JsonNode Write(object value, Type type) => JsonNode.Parse(JsonSerializer.Serialize(value, CrmJson.OptionsWithCustomerRows.GetTypeInfo(type)))!;

        var fit = Write(r.BgNbd, typeof(ModelFit<BgNbdModel>));
        Assert.Equal("converged", (string?)fit["status"]);
        Assert.Equal("weeks", (string?)fit["modelAsFitted"]!["timeUnit"]);
        Assert.Equal(r.BgNbd.Model.R, (double)fit["modelAsFitted"]!["r"]!);
        Assert.Equal(r.BgNbd.Aic, (double)fit["aic"]!);
        Assert.False(r.BgBb.IsConverged);
        Assert.Equal("parameterAtBoundary", (string?)Write(r.BgBb, typeof(ModelFit<BgBbModel>))["status"]);
        Assert.Equal("r", (string?)fit["parameters"]![0]!["name"]);

        var summary = Write(r.Summary, typeof(CustomerBaseSummary));
        Assert.Equal("1997-09-30", (string?)summary["calibrationEnd"]);
        Assert.Equal("USD", (string?)summary["currency"]);

        var tiers = Write(r.Tiers, typeof(ValueTierAnalysis));
        Assert.Equal("a", (string?)tiers["tiers"]![0]!["tier"]);

        var churn = Write(r.Churn, typeof(ChurnWarningResult));
        Assert.Equal("1997-09-30", (string?)churn["analysisDate"]);
        Assert.Contains((string?)churn["customers"]![0]!["level"], new[] { "none", "low", "medium", "high" });
        Assert.False(churn.AsObject().ContainsKey("atRisk")); // derived from the customers

        var care = Write(r.Care, typeof(IReadOnlyList<CareOccasion>));
        Assert.Equal("birthday", (string?)care[0]!["kind"]);
        Assert.Equal("2026-04-01", (string?)care[0]!["date"]);

        var forecast = Write(r.Forecasts, typeof(IReadOnlyList<CustomerValueForecast>));
        Assert.Equal("USD", (string?)forecast[0]!["value"]!["currency"]);
        Assert.Equal((string)r.Forecasts[0].CustomerId.Value, (string?)forecast[0]!["customerId"]);
    }

    [Fact]
    public void Per_customer_lists_are_left_out_unless_asked_for()
    {
        var r = All.Value;
        foreach (var (value, type, member) in new (object, Type, string)[]
        {
            (r.Summary, typeof(CustomerBaseSummary), "customers"),
            (r.Rfm, typeof(RfmAnalysis), "customers"),
            (r.Tiers, typeof(ValueTierAnalysis), "customers"),
            (r.Churn, typeof(ChurnWarningResult), "customers"),
            (r.Clusters, typeof(RfmClustering), "assignments"),
        })
        {
            var without = JsonNode.Parse(JsonSerializer.Serialize(value, CrmJson.Options.GetTypeInfo(type)))!.AsObject();
            var with = JsonNode.Parse(JsonSerializer.Serialize(value, CrmJson.OptionsWithCustomerRows.GetTypeInfo(type)))!.AsObject();
            Assert.False(without.ContainsKey(member), type.Name);
            Assert.True(with[member]!.AsArray().Count > 100, type.Name);
        }

        // The aggregates stay: RFM bins and segments, tiers, clusters.
        var rfm = JsonNode.Parse(JsonSerializer.Serialize(r.Rfm, CrmJson.Options.GetTypeInfo(typeof(RfmAnalysis))))!;
        Assert.Equal(r.Rfm.Segments.Count, rfm["segments"]!.AsArray().Count);
    }

    [Fact]
    public void Result_records_read_back_equal()
    {
        var r = All.Value;
        foreach (var (value, type) in new (object, Type)[]
        {
            (r.Forecasts, typeof(IReadOnlyList<CustomerValueForecast>)),
            (r.Lifecycles, typeof(IReadOnlyList<DerivedLifecycle>)),
            (r.Care, typeof(IReadOnlyList<CareOccasion>)),
            (r.Explanation, typeof(CustomerExplanation)),
            (r.Churn, typeof(ChurnWarningResult)),
        })
        {
            var json = JsonSerializer.Serialize(value, CrmJson.OptionsWithCustomerRows.GetTypeInfo(type));
            Assert.Null(DeepEquality.FirstDifference(value, JsonSerializer.Deserialize(json, CrmJson.OptionsWithCustomerRows.GetTypeInfo(type))));
        }
    }

    [Fact]
    public void The_analyses_computed_from_records_are_written_not_read()
    {
        var json = JsonSerializer.Serialize(All.Value.BgNbd, CrmJson.Options.GetTypeInfo(typeof(ModelFit<BgNbdModel>)));
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize(json, CrmJson.Options.GetTypeInfo(typeof(ModelFit<BgNbdModel>))));
    }
}
