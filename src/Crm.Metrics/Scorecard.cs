using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Cohorts;
using Crm.Metrics.Conversion;
using Crm.Metrics.Costs;
using Crm.Metrics.Experience;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using Crm.Metrics.Service;
using Crm.Metrics.Value;

namespace Crm.Metrics;

/// <summary>Per-call settings of a scorecard.</summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed record ScorecardSettings
{
    /// <summary>The scorecard's currency. When <c>null</c>: the first currency met in the data, or <see cref="FallbackCurrency"/> with no amounts at all.</summary>
    public Currency? Currency { get; init; }

    /// <summary>The currency of money results when the data holds no amount and <see cref="Currency"/> is not set; USD by default.</summary>
    public Currency FallbackCurrency { get; init; } = Domain.Currency.Usd;

    /// <summary>The value basis for LTV:CAC; none by default (LTV:CAC undefined).</summary>
    public ValueBasis? ValueBasis { get; init; }

    /// <summary>The conversion funnel leads are read against; none by default (the funnel metrics are undefined).</summary>
    public Funnel? Funnel { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>The activity of a CRM data set, as in-memory or streamed sequences.</summary>
/// <remarks>
/// <para>Each sequence is enumerated once per scorecard.</para>
/// <para>A sequence left <c>null</c> (the default) is <em>not supplied</em>: that kind of record is unknown, and
/// the metrics that need it are undefined (no cost data: CAC undefined, not 0). An empty sequence is supplied
/// and means none happened (no complaint: complaint rate 0). See <see cref="DataSources"/>.</para>
/// </remarks>
public sealed record CrmDataSet
{
    /// <summary>Sales and refunds; <c>null</c> when not supplied.</summary>
    public IEnumerable<Purchase>? Purchases { get; init; }

    /// <summary>Survey answers; <c>null</c> when not supplied.</summary>
    public IEnumerable<SurveyResponse>? SurveyResponses { get; init; }

    /// <summary>CRM cost entries; <c>null</c> when not supplied.</summary>
    public IEnumerable<CostEntry>? Costs { get; init; }

    /// <summary>Customers, whose acquisition instants (when recorded) define when they were acquired; <c>null</c> when not supplied.</summary>
    public IEnumerable<Customer>? Customers { get; init; }

    /// <summary>Complaint cases; <c>null</c> when not supplied.</summary>
    public IEnumerable<Complaint>? Complaints { get; init; }

    /// <summary>Suggestions and praise; <c>null</c> when not supplied.</summary>
    public IEnumerable<Feedback>? Feedback { get; init; }

    /// <summary>Leads, read against <see cref="ScorecardSettings.Funnel"/>; <c>null</c> when not supplied.</summary>
    public IEnumerable<Lead>? Leads { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>The activity of a CRM data set as asynchronous streams (a database cursor, a file reader).</summary>
/// <remarks>
/// <para>Each stream is enumerated once per scorecard.</para>
/// <para>A stream left <c>null</c> (the default) is <em>not supplied</em>: the metrics that need that kind of
/// record are undefined. An empty stream is supplied and means none happened. See <see cref="DataSources"/>.</para>
/// </remarks>
public sealed record CrmAsyncDataSet
{
    /// <summary>Sales and refunds; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Purchase>? Purchases { get; init; }

    /// <summary>Survey answers; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<SurveyResponse>? SurveyResponses { get; init; }

    /// <summary>CRM cost entries; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<CostEntry>? Costs { get; init; }

    /// <summary>Customers, whose acquisition instants (when recorded) define when they were acquired; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Customer>? Customers { get; init; }

    /// <summary>Complaint cases; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Complaint>? Complaints { get; init; }

    /// <summary>Suggestions and praise; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Feedback>? Feedback { get; init; }

    /// <summary>Leads, read against <see cref="ScorecardSettings.Funnel"/>; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Lead>? Leads { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>
/// The CRM scorecard of a period: the metric families of the source documents, each with its evidence, in one
/// currency.
/// </summary>
public sealed class Scorecard
{
    internal Scorecard(
        ReportingPeriod period,
        Currency currency,
        Instant computedAt,
        SatisfactionMetrics satisfaction,
        LoyaltyMetrics loyalty,
        AcquisitionCostMetrics acquisitionCost,
        CustomerValueMetrics customerValue,
        ServiceEfficiencyMetrics serviceEfficiency,
        FeedbackMetrics feedback,
        ExperienceMetrics experience,
        CostBenefitMetrics costBenefit,
        FunnelMetrics conversion,
        CohortMatrix cohorts,
        long recordsOutsidePeriod,
        DataSources supplied)
    {
        Supplied = supplied;
        Cohorts = cohorts;
        Conversion = conversion;
        ServiceEfficiency = serviceEfficiency;
        Feedback = feedback;
        Experience = experience;
        CostBenefit = costBenefit;
        Period = period;
        Currency = currency;
        ComputedAt = computedAt;
        Satisfaction = satisfaction;
        Loyalty = loyalty;
        AcquisitionCost = acquisitionCost;
        CustomerValue = customerValue;
        RecordsOutsidePeriod = recordsOutsidePeriod;
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The currency of every money result.</summary>
    public Currency Currency { get; }

    /// <summary>
    /// The kinds of record that were part of the data. A money total of a kind not supplied (say
    /// <see cref="LoyaltyMetrics.Revenue"/> without <see cref="DataSources.Purchases"/>) is zero because nothing
    /// was known, not because nothing happened; the rates that need a missing kind are undefined.
    /// </summary>
    public DataSources Supplied { get; }

    /// <summary>When the scorecard was computed (from the injected clock).</summary>
    public Instant ComputedAt { get; }

    /// <summary>Whether the period had ended when the scorecard was computed; a period still running gives partial figures.</summary>
    public bool IsPeriodComplete => ComputedAt >= Period.End;

    /// <summary>Satisfaction: CSAT, NPS, CES.</summary>
    public SatisfactionMetrics Satisfaction { get; }

    /// <summary>Purchases and loyalty: revenue, orders, AOV, frequency, repeat rate, retention and churn, returning share, growth.</summary>
    public LoyaltyMetrics Loyalty { get; }

    /// <summary>Acquisition and cost: CAC, retention cost per customer, LTV:CAC, CAC payback.</summary>
    public AcquisitionCostMetrics AcquisitionCost { get; }

    /// <summary>Customer value: revenue, cost and margin per customer, historical CLV, profit contribution.</summary>
    public CustomerValueMetrics CustomerValue { get; }

    /// <summary>Service efficiency: response and resolution times, SLA compliance, complaint rate.</summary>
    public ServiceEfficiencyMetrics ServiceEfficiency { get; }

    /// <summary>Customer feedback: volumes by kind and channel, complaints handled.</summary>
    public FeedbackMetrics Feedback { get; }

    /// <summary>Customer experience: the composite index of CSAT, CES and the complaint rate.</summary>
    public ExperienceMetrics Experience { get; }

    /// <summary>CRM cost–benefit: margin against CRM costs, return on CRM spend.</summary>
    public CostBenefitMetrics CostBenefit { get; }

    /// <summary>Conversion: the funnel of the leads that entered it in the period.</summary>
    public FunnelMetrics Conversion { get; }

    /// <summary>Cohort retention by acquisition month, up to the period's last month.</summary>
    public CohortMatrix Cohorts { get; }

    /// <summary>
    /// Records that did not count in the period: survey answers, complaints, feedback and leads (by their entry into
    /// the funnel) outside it, purchases after it (purchases before it feed history), cost entries with no day in it.
    /// </summary>
    public long RecordsOutsidePeriod { get; }
}
