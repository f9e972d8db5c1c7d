using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Cohorts;
using Crm.Metrics.Conversion;
using Crm.Metrics.Costs;
using Crm.Metrics.Experience;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using Crm.Metrics.Service;
using Crm.Metrics.Value;

namespace Crm.Metrics;

/// <summary>
/// Accumulates a whole data set for a <see cref="Scorecard"/> in one pass over each record kind, in memory
/// proportional to customers. This is how a team with more data than one machine runs the scorecard: one
/// accumulator per partition (inside Spark, Orleans, a SQL pre-aggregation …), <see cref="Merge"/> the partial
/// states, then take <see cref="Result"/>. Merging is exact: any partition gives the same scorecard as one pass.
/// </summary>
/// <remarks>Not thread-safe: use one per thread or partition and merge them.</remarks>
public sealed class ScorecardAccumulator : IRecordSink
{
    private readonly SatisfactionAccumulator _satisfaction;
    private readonly PurchaseAccumulator _purchases;
    private readonly CostAccumulator _costs;
    private readonly ComplaintAccumulator _complaints;
    private readonly FeedbackAccumulator _feedback;
    private readonly FunnelAccumulator _funnel;
    private readonly ExperienceWeights _weights;
    private DataSources _supplied;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency, value basis); defaults when <c>null</c>.</param>
    /// <param name="options">Engine options; defaults when <c>null</c>.</param>
    /// <param name="exchangeRates">Converts other currencies; without it, a second currency is an error.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ScorecardAccumulator(ReportingPeriod period, ScorecardSettings? settings = null, CrmMetricsOptions? options = null, IExchangeRateProvider? exchangeRates = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        var o = options ?? new CrmMetricsOptions();
        o.Validate();
        Period = period;
        Settings = settings ?? new ScorecardSettings();
        var currency = new CurrencyScope(Settings.Currency, exchangeRates, period.Zone);
        _satisfaction = new SatisfactionAccumulator(period, o);
        _purchases = new PurchaseAccumulator(period, o, currency);
        _costs = new CostAccumulator(period, currency);
        _complaints = new ComplaintAccumulator(period);
        _feedback = new FeedbackAccumulator(period);
        _funnel = new FunnelAccumulator(period, Settings.Funnel);
        _weights = o.ExperienceWeights.Clone();
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The per-call settings; the result uses these (a merged accumulator's settings are not consulted).</summary>
    public ScorecardSettings Settings { get; }

    /// <summary>
    /// The kinds of record that are part of the data: those added, those of the data sets given to
    /// <see cref="AddRange"/> (their non-null sequences) and those declared with <see cref="MarkSupplied"/>.
    /// Metrics that need a kind not supplied are undefined (see <see cref="DataSources"/>).
    /// </summary>
    public DataSources Supplied => _supplied;

    /// <summary>
    /// Declares kinds of record as part of the data even if none is added: "we record complaints, and there
    /// were none this month" makes the complaint rate 0 instead of undefined.
    /// </summary>
    /// <param name="sources">The kinds; added to those already supplied.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sources"/> has a bit outside <see cref="DataSources.All"/>.</exception>
    public void MarkSupplied(DataSources sources)
    {
        if ((sources & ~DataSources.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sources), sources, "Only the kinds of DataSources.All can be supplied.");
        }

        _supplied |= sources;
    }

    /// <summary>Adds every record of a data set (one pass over each record kind); its non-null sequences become supplied.</summary>
    /// <param name="data">The data set; its leads are read against <see cref="ScorecardSettings.Funnel"/>.</param>
    public void AddRange(CrmDataSet data) => Internal.ScorecardRunner.Fill(this, data, DataSources.All, null);

    /// <summary>Adds a purchase.</summary>
    /// <param name="purchase">The sale or refund.</param>
    public void Add(Purchase purchase)
    {
        _purchases.Add(purchase);
        _supplied |= DataSources.Purchases;
    }

    /// <summary>Adds a survey answer.</summary>
    /// <param name="response">The answer.</param>
    public void Add(SurveyResponse response)
    {
        _satisfaction.Add(response);
        _supplied |= DataSources.SurveyResponses;
    }

    /// <summary>Adds a cost entry.</summary>
    /// <param name="entry">The entry.</param>
    public void Add(CostEntry entry)
    {
        _costs.Add(entry);
        _supplied |= DataSources.Costs;
    }

    /// <summary>Adds a complaint.</summary>
    /// <param name="complaint">The complaint.</param>
    public void Add(Complaint complaint)
    {
        _complaints.Add(complaint);
        _supplied |= DataSources.Complaints;
    }

    /// <summary>Adds a suggestion or praise.</summary>
    /// <param name="feedback">The feedback.</param>
    public void Add(Feedback feedback)
    {
        _feedback.Add(feedback);
        _supplied |= DataSources.Feedback;
    }

    /// <summary>Adds a lead.</summary>
    /// <param name="lead">The lead.</param>
    /// <exception cref="ArgumentException">The lead reached a stage the funnel does not have.</exception>
    public void Add(Lead lead)
    {
        _funnel.Add(lead);
        _supplied |= DataSources.Leads;
    }

    /// <summary>Adds a customer (its acquisition instant, when recorded).</summary>
    /// <param name="customer">The customer.</param>
    public void Add(Customer customer)
    {
        _purchases.Add(customer);
        _supplied |= DataSources.Customers;
    }

    /// <summary>Adds the state of another accumulator of the same period and options.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <exception cref="ArgumentException">The period or options differ, or <paramref name="other"/> is this accumulator.</exception>
    /// <exception cref="CurrencyMismatchException">The two are in different currencies.</exception>
    public void Merge(ScorecardAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _satisfaction.Merge(other._satisfaction);
        _purchases.Merge(other._purchases);
        _costs.Merge(other._costs);
        _complaints.Merge(other._complaints);
        _feedback.Merge(other._feedback);
        _funnel.Merge(other._funnel);
        _supplied |= other._supplied;
    }

    /// <summary>The scorecard over what was added.</summary>
    /// <param name="computedAt">When it is computed (from your <see cref="IClock"/>); tells whether the period is complete.</param>
    /// <returns>The scorecard.</returns>
    public Scorecard Result(Instant computedAt)
    {
        var currency = _purchases.Currency ?? _costs.Currency ?? Settings.FallbackCurrency;
        var loyalty = _purchases.LoyaltyResult(currency);
        var costs = _costs.Result(currency);
        var value = CustomerValueMetrics.From(_purchases, costs, loyalty.ActiveCustomers);
        var acquisition = AcquisitionCostMetrics.From(loyalty, costs, value, Settings.ValueBasis, Period.LengthInDays, Has(DataSources.Costs));
        var satisfaction = _satisfaction.Result();
        var service = _complaints.Result(loyalty.ActiveCustomers, loyalty.Orders, Has(DataSources.Complaints));
        var surveys = new SortedDictionary<Domain.Activity.SurveyKind, long>
        {
            [Domain.Activity.SurveyKind.Csat] = satisfaction.Csat.Answers + satisfaction.Csat.Skipped,
            [Domain.Activity.SurveyKind.Nps] = satisfaction.Nps.Promoters + satisfaction.Nps.Passives + satisfaction.Nps.Detractors + satisfaction.Nps.Skipped,
            [Domain.Activity.SurveyKind.Ces] = satisfaction.Ces.Answers + satisfaction.Ces.Skipped,
        };
        return new Scorecard(
            Period,
            currency,
            computedAt,
            satisfaction,
            loyalty,
            acquisition,
            value,
            service,
            _feedback.Result(surveys, _complaints),
            ExperienceMetrics.From(satisfaction, service, _weights),
            new CostBenefitMetrics(value, costs, Has(DataSources.Costs)),
            _funnel.Result(),
            CohortMatrix.From(_purchases),
            _satisfaction.OutsidePeriod + _purchases.RecordsAfterPeriod + _costs.EntriesOutsidePeriod + _complaints.OutsidePeriod + _feedback.OutsidePeriod + _funnel.OutsidePeriod,
            _supplied);
    }

    private bool Has(DataSources kind) => (_supplied & kind) == kind;
}
