using System.Text.Json.Serialization;
using Crm.Metrics.Assessments;
using Crm.Metrics.Care;
using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Results;
using Crm.Metrics.Segments;

namespace Crm.Metrics;

/// <summary>
/// The source-generated contracts of every public result type, so that <see cref="CrmJson"/> needs no reflection and
/// works under trimming and native AOT. Names are camelCase; the converters for money, ids, NodaTime values, periods
/// and enums are added by <see cref="CrmJson"/>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Scorecard))]
[JsonSerializable(typeof(IReadOnlyList<Scorecard>))]
[JsonSerializable(typeof(ScorecardBreakdown))]
[JsonSerializable(typeof(IReadOnlyList<MetricRow>))]
[JsonSerializable(typeof(ModelFit<BgNbdModel>))]
[JsonSerializable(typeof(ModelFit<MbgNbdModel>))]
[JsonSerializable(typeof(ModelFit<ParetoNbdModel>))]
[JsonSerializable(typeof(ModelFit<BgNbdCovariateModel>))]
[JsonSerializable(typeof(ModelFit<ParetoNbdCovariateModel>))]
[JsonSerializable(typeof(ModelFit<BgBbModel>))]
[JsonSerializable(typeof(DiscreteSummary))]
[JsonSerializable(typeof(ModelFit<GammaGammaModel>))]
[JsonSerializable(typeof(ModelFit<ShiftedBetaGeometricModel>))]
[JsonSerializable(typeof(CustomerBaseSummary))]
[JsonSerializable(typeof(PurchaseModelComparison))]
[JsonSerializable(typeof(HoldoutTracking))]
[JsonSerializable(typeof(IReadOnlyList<CustomerValueForecast>))]
[JsonSerializable(typeof(BaseForecastInterval))]
[JsonSerializable(typeof(IReadOnlyList<CustomerForecastInterval>))]
[JsonSerializable(typeof(IntervalOptions))]
[JsonSerializable(typeof(CustomerExplanation))]
[JsonSerializable(typeof(RfmAnalysis))]
[JsonSerializable(typeof(RfmClustering))]
[JsonSerializable(typeof(ValueTierAnalysis))]
[JsonSerializable(typeof(IReadOnlyList<DerivedLifecycle>))]
[JsonSerializable(typeof(ChurnWarningResult))]
[JsonSerializable(typeof(IReadOnlyList<CareOccasion>))]
[JsonSerializable(typeof(EvidenceAssessment))]
[JsonSerializable(typeof(LoyaltyProgrammes.LoyaltyProgrammeMetrics))]
[JsonSerializable(typeof(Money))]
[JsonSerializable(typeof(Currency))]
[JsonSerializable(typeof(CustomerId))]
[JsonSerializable(typeof(ReportingPeriod))]
[JsonSerializable(typeof(Instant))]
[JsonSerializable(typeof(LocalDate))]
[JsonSerializable(typeof(YearMonth))]
[JsonSerializable(typeof(DateTimeZone))]
[JsonSerializable(typeof(ModelTimeUnit))]
internal sealed partial class CrmJsonContext : JsonSerializerContext
{
}
