using Crm.Metrics.AcquisitionCost;
using Crm.Metrics.Cohorts;
using Crm.Metrics.Conversion;
using Crm.Metrics.CostBenefit;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Experience;
using Crm.Metrics.Feedback;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using Crm.Metrics.ServiceEfficiency;

using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics;

/// <summary>
/// The CRM scorecard of a period: the metric families of the source documents, each with its evidence, in one
/// currency.
/// </summary>
public sealed class Scorecard
{
    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
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
        Cohorts = ReadBack.Present(cohorts, nameof(cohorts));
        Conversion = ReadBack.Present(conversion, nameof(conversion));
        ServiceEfficiency = ReadBack.Present(serviceEfficiency, nameof(serviceEfficiency));
        Feedback = ReadBack.Present(feedback, nameof(feedback));
        Experience = ReadBack.Present(experience, nameof(experience));
        CostBenefit = ReadBack.Present(costBenefit, nameof(costBenefit));
        Period = ReadBack.Present(period, nameof(period));
        Currency = currency;
        ComputedAt = computedAt;
        Satisfaction = ReadBack.Present(satisfaction, nameof(satisfaction));
        Loyalty = ReadBack.Present(loyalty, nameof(loyalty));
        AcquisitionCost = ReadBack.Present(acquisitionCost, nameof(acquisitionCost));
        CustomerValue = ReadBack.Present(customerValue, nameof(customerValue));
        RecordsOutsidePeriod = ReadBack.Count(recordsOutsidePeriod, nameof(recordsOutsidePeriod));
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

    /// <summary>
    /// Every metric of the scorecard as a flat row — family, key, label, value, unit, currency, numerator, denominator
    /// and why it is undefined — in a fixed order, with the keys of the report's JSON; for tables and CSV.
    /// </summary>
    /// <returns>One row per metric (24); values keep the scorecard's scale, and each row's unit says which.</returns>
    public IReadOnlyList<Results.MetricRow> ToRows() => ScorecardRows.Of(this);

    /// <summary>This scorecard with another customer-value family (the same figures with their per-customer rows).</summary>
    internal Scorecard WithCustomerValue(CustomerValueMetrics customerValue) =>
        new(Period, Currency, ComputedAt, Satisfaction, Loyalty, AcquisitionCost, customerValue, ServiceEfficiency, Feedback, Experience, CostBenefit, Conversion, Cohorts, RecordsOutsidePeriod, Supplied);
}
