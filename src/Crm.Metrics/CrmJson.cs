using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Crm.Domain.Activity;
using Crm.Domain.Assessments;
using Crm.Domain.Customers;
using Crm.Metrics.Care;
using Crm.Metrics.Churn;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Json;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;

namespace Crm.Metrics;

/// <summary>
/// System.Text.Json options for every public result type — the scorecard and its families, breakdowns, model fits,
/// model comparisons, summaries, CLV forecasts, RFM, value tiers, lifecycles, churn warnings, care occasions and
/// assessments — backed by
/// source-generated contracts, so they work under trimming and native AOT.
/// </summary>
/// <remarks>
/// <para>
/// The shape: member names are camelCase; money is <c>{"amount": 12.50, "currency": "EUR"}</c>; ids are strings;
/// instants, dates, year-months and zones are ISO-8601 text (<c>2026-03-01T00:00:00Z</c>, <c>2026-03-01</c>,
/// <c>2026-03</c>, <c>Europe/Berlin</c>); enums are camelCase strings; a reporting period is its zone, first and last
/// day and the instants it runs between; counts by kind or channel with no entry are left out (read back as empty). An undefined figure is <c>"value": null</c> with <c>"undefinedReason"</c>
/// beside it; a defined one has no reason member.
/// </para>
/// <para>
/// <see cref="Options"/> leaves the per-customer lists out (<see cref="CustomerValueMetrics.Customers"/>,
/// <see cref="RfmAnalysis.Customers"/>, <see cref="ValueTierAnalysis.Customers"/>,
/// <see cref="ChurnWarningResult.Customers"/>, <see cref="CustomerBaseSummary.Customers"/>,
/// <see cref="RfmClustering.Assignments"/>), so a scorecard of any size is a small document;
/// <see cref="OptionsWithCustomerRows"/> writes them (but a scorecard whose settings declined its customer-value rows,
/// <see cref="ScorecardSettings.CustomerRows"/>, has no <c>customers</c> member to write).
/// </para>
/// <para>
/// Reading: a <see cref="Scorecard"/> (and a <see cref="ScorecardBreakdown"/>) reads back with every public member
/// equal to the one written, the per-customer rows empty when the document has none; the figures a result derives
/// (values of rates, totals, shares) are recomputed from its counts, and a document whose reasons, stages or SLA
/// counts contradict its counts is refused. So are the result records with public constructors (forecasts, RFM rows,
/// churn risks and the like). The other result classes (model fits, summaries, analyses) are written, not read:
/// reading one is a <see cref="NotSupportedException"/>; keep the inputs or the mergeable states to recompute them.
/// Malformed text is a <see cref="JsonException"/> with the path of the member; a well-formed document that breaks a
/// result's rules is an <see cref="ArgumentException"/> naming the member (on .NET 9 and later a missing member is a
/// <see cref="JsonException"/> too; on .NET 8 a missing number reads as zero and is then checked like any other).
/// </para>
/// <para>
/// For AOT-safe calls pass a contract rather than the options:
/// <c>JsonSerializer.Serialize(scorecard, (JsonTypeInfo&lt;Scorecard&gt;)CrmJson.Options.GetTypeInfo(typeof(Scorecard)))</c>.
/// Both option objects are read-only; copy one (<c>new JsonSerializerOptions(CrmJson.Options) { WriteIndented = true }</c>)
/// to change a setting.
/// </para>
/// </remarks>
public static class CrmJson
{
    /// <summary>The options for result documents without per-customer lists (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create(customerRows: false);

    /// <summary>The options for result documents with their per-customer lists (read-only).</summary>
    public static JsonSerializerOptions OptionsWithCustomerRows { get; } = Create(customerRows: true);

    private static JsonSerializerOptions Create(bool customerRows)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = customerRows
                ? CrmJsonContext.Default.WithAddedModifier(LeaveOutEmptyCounts).WithAddedModifier(LeaveOutDeclinedRows)
                : CrmJsonContext.Default.WithAddedModifier(LeaveOutEmptyCounts).WithAddedModifier(LeaveOutCustomerRows),
            NumberHandling = JsonNumberHandling.Strict,
#if NET9_0_OR_GREATER
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
#endif
        };

        var converters = options.Converters;
        converters.Add(new CurrencyJsonConverter());
        converters.Add(new MoneyJsonConverter());
        converters.Add(new CustomerIdJsonConverter());
        converters.Add(new ReportingPeriodJsonConverter());
        converters.Add(new FunnelJsonConverter());
        converters.Add(new ModelTimeJsonConverter());
        converters.Add(IsoConverters.Zone);
        converters.Add(IsoConverters.Instant);
        converters.Add(IsoConverters.Date);
        converters.Add(IsoConverters.YearMonth);
        AddEnums(converters);
        options.MakeReadOnly();
        return options;
    }

    // One generic converter per enum: the non-generic JsonStringEnumConverter needs run-time code generation.
    // Integers are refused when reading, so a document says what it means.
    private static void AddEnums(IList<JsonConverter> converters)
    {
        Add<RetentionMethod>();
        Add<CsatMethod>();
        Add<NpsSkippedAnswers>();
        Add<DataSources>();
        Add<ValueBasisKind>();
        Add<ModelTimeUnit>();
        Add<FitStatus>();
        Add<ChurnRiskLevel>();
        Add<ValueTier>();
        Add<RfmMonetaryBasis>();
        Add<OccasionKind>();
        Add<LeapDayRule>();
        Add<InteractionPurpose>();
        Add<InteractionDirection>();
        Add<PurchaseKind>();
        Add<CommunicationChannel>();
        Add<SalesChannel>();
        Add<SurveyKind>();
        Add<CostKind>();
        Add<FeedbackKind>();
        Add<ComplaintSeverity>();
        Add<ConsentStatus>();
        Add<NeedStatus>();
        Add<ContactPointKind>();
        Add<OrganisationSize>();
        Add<NeedPriority>();
        Add<Gender>();
        Add<LifecycleStage>();
        Add<ImportantDateKind>();
        Add<CustomerKind>();
        Add<SubjectKind>();
        Add<ScaleDirection>();

        void Add<TEnum>()
            where TEnum : struct, Enum =>
            converters.Add(new JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    // Counts by kind or channel (feedback by channel, survey answers by kind) with no entry are left out rather than
    // written as {}: a reader reads a missing breakdown as empty.
    private static void LeaveOutEmptyCounts(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            var t = property.PropertyType;
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && t.GenericTypeArguments[0].IsEnum)
            {
                property.ShouldSerialize = static (_, value) => value is not System.Collections.ICollection { Count: 0 };
            }
        }
    }

    // A scorecard that declined its customer-value rows writes no "customers" member, so that it reads back as one
    // without rows rather than as one whose period had no customers.
    private static void LeaveOutDeclinedRows(JsonTypeInfo type)
    {
        if (type.Type != typeof(CustomerValueMetrics))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.Name == "customers")
            {
                property.ShouldSerialize = static (value, _) => ((CustomerValueMetrics)value).HasCustomerRows;
            }
        }
    }

    private static void LeaveOutCustomerRows(JsonTypeInfo type)
    {
        var member = type.Type == typeof(RfmClustering) ? "assignments"
            : type.Type == typeof(CustomerValueMetrics) || type.Type == typeof(RfmAnalysis) || type.Type == typeof(ValueTierAnalysis)
              || type.Type == typeof(ChurnWarningResult) || type.Type == typeof(CustomerBaseSummary) ? "customers"
            : null;
        if (member is null)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.Name == member)
            {
                // No getter rather than a ShouldSerialize that says no: the rows are then never built (some are built
                // on first access), and the member still binds to its constructor parameter when read.
                property.Get = null;
            }
        }
    }
}
