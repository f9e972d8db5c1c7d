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
}

/// <summary>The activity of a CRM data set, as in-memory or streamed sequences; any may be empty.</summary>
/// <remarks>Each sequence is enumerated once per scorecard.</remarks>
public sealed record CrmDataSet
{
    /// <summary>Sales and refunds.</summary>
    public IEnumerable<Purchase> Purchases { get; init; } = [];

    /// <summary>Survey answers.</summary>
    public IEnumerable<SurveyResponse> SurveyResponses { get; init; } = [];

    /// <summary>CRM cost entries.</summary>
    public IEnumerable<CostEntry> Costs { get; init; } = [];

    /// <summary>Customers; their acquisition instants (when recorded) define when they were acquired.</summary>
    public IEnumerable<Customer> Customers { get; init; } = [];

    /// <summary>Complaint cases.</summary>
    public IEnumerable<Complaint> Complaints { get; init; } = [];

    /// <summary>Suggestions and praise.</summary>
    public IEnumerable<Feedback> Feedback { get; init; } = [];

    /// <summary>Leads, read against <see cref="ScorecardSettings.Funnel"/>.</summary>
    public IEnumerable<Lead> Leads { get; init; } = [];
}

/// <summary>The activity of a CRM data set as asynchronous streams (a database cursor, a file reader); any may be empty.</summary>
/// <remarks>Each stream is enumerated once per scorecard.</remarks>
public sealed record CrmAsyncDataSet
{
    /// <summary>Sales and refunds.</summary>
    public IAsyncEnumerable<Purchase> Purchases { get; init; } = AsyncEnumerable<Purchase>.Empty;

    /// <summary>Survey answers.</summary>
    public IAsyncEnumerable<SurveyResponse> SurveyResponses { get; init; } = AsyncEnumerable<SurveyResponse>.Empty;

    /// <summary>CRM cost entries.</summary>
    public IAsyncEnumerable<CostEntry> Costs { get; init; } = AsyncEnumerable<CostEntry>.Empty;

    /// <summary>Customers; their acquisition instants (when recorded) define when they were acquired.</summary>
    public IAsyncEnumerable<Customer> Customers { get; init; } = AsyncEnumerable<Customer>.Empty;

    /// <summary>Complaint cases.</summary>
    public IAsyncEnumerable<Complaint> Complaints { get; init; } = AsyncEnumerable<Complaint>.Empty;

    /// <summary>Suggestions and praise.</summary>
    public IAsyncEnumerable<Feedback> Feedback { get; init; } = AsyncEnumerable<Feedback>.Empty;

    /// <summary>Leads, read against <see cref="ScorecardSettings.Funnel"/>.</summary>
    public IAsyncEnumerable<Lead> Leads { get; init; } = AsyncEnumerable<Lead>.Empty;
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
        long recordsOutsidePeriod)
    {
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
