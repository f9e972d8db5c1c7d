using Crm.Domain.Activity;
using Crm.Metrics.Costs;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using Crm.Metrics.Value;
using static Crm.Metrics.Engine.ScorecardRunner;
using Crm.Metrics.Engine;

namespace Crm.Metrics;

/// <summary>Computes the satisfaction family (CSAT, NPS, CES) on its own.</summary>
/// <remarks>Implementations are stateless and thread-safe.</remarks>
public interface ISatisfactionCalculator
{
    /// <summary>Computes CSAT, NPS and CES over the answers given in the period.</summary>
    /// <param name="responses">The survey answers.</param>
    /// <param name="period">The reporting period.</param>
    /// <returns>The satisfaction metrics.</returns>
    SatisfactionMetrics Compute(IEnumerable<SurveyResponse> responses, ReportingPeriod period);

    /// <summary>Computes CSAT, NPS and CES over a stream of answers.</summary>
    /// <param name="responses">The survey answers.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <returns>The satisfaction metrics.</returns>
    ValueTask<SatisfactionMetrics> ComputeAsync(IAsyncEnumerable<SurveyResponse> responses, ReportingPeriod period, CancellationToken cancellationToken = default);

    /// <summary>An empty accumulator with the registered options, for partitioned computation.</summary>
    /// <param name="period">The reporting period.</param>
    /// <returns>The accumulator.</returns>
    SatisfactionAccumulator CreateAccumulator(ReportingPeriod period);
}

/// <summary>Computes the purchase and loyalty family (revenue, orders, AOV, frequency, repeat rate, retention, growth) on its own.</summary>
/// <remarks>Implementations are stateless and thread-safe.</remarks>
public interface ILoyaltyCalculator
{
    /// <summary>Computes the family from the purchases (and customers' acquisition instants) of a data set.</summary>
    /// <param name="data">The data set; purchases and customers are read.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency).</param>
    /// <returns>The loyalty metrics.</returns>
    LoyaltyMetrics Compute(CrmDataSet data, ReportingPeriod period, ScorecardSettings? settings = null);

    /// <summary>Computes the family from streamed purchases and customers.</summary>
    /// <param name="data">The data set; purchases and customers are read.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency).</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <returns>The loyalty metrics.</returns>
    ValueTask<LoyaltyMetrics> ComputeAsync(CrmAsyncDataSet data, ReportingPeriod period, ScorecardSettings? settings = null, CancellationToken cancellationToken = default);
}

/// <summary>Computes the acquisition and cost family (CAC, retention cost per customer, LTV:CAC, CAC payback) on its own.</summary>
/// <remarks>Implementations are stateless and thread-safe.</remarks>
public interface IAcquisitionCostCalculator
{
    /// <summary>Computes the family from the purchases, costs and customers of a data set.</summary>
    /// <param name="data">The data set; purchases, costs and customers are read.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency, value basis).</param>
    /// <returns>The acquisition and cost metrics.</returns>
    AcquisitionCostMetrics Compute(CrmDataSet data, ReportingPeriod period, ScorecardSettings? settings = null);

    /// <summary>Computes the family from streamed purchases, costs and customers.</summary>
    /// <param name="data">The data set; purchases, costs and customers are read.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency, value basis).</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <returns>The acquisition and cost metrics.</returns>
    ValueTask<AcquisitionCostMetrics> ComputeAsync(CrmAsyncDataSet data, ReportingPeriod period, ScorecardSettings? settings = null, CancellationToken cancellationToken = default);
}

/// <summary>Computes the customer-value family (revenue, cost, margin per customer, historical CLV, contribution) on its own.</summary>
/// <remarks>Implementations are stateless and thread-safe.</remarks>
public interface ICustomerValueCalculator
{
    /// <summary>Computes the family from the purchases and costs of a data set.</summary>
    /// <param name="data">The data set; purchases and costs are read.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency).</param>
    /// <returns>The customer-value metrics.</returns>
    CustomerValueMetrics Compute(CrmDataSet data, ReportingPeriod period, ScorecardSettings? settings = null);

    /// <summary>Computes the family from streamed purchases and costs.</summary>
    /// <param name="data">The data set; purchases and costs are read.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">Per-call settings (currency).</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <returns>The customer-value metrics.</returns>
    ValueTask<CustomerValueMetrics> ComputeAsync(CrmAsyncDataSet data, ReportingPeriod period, ScorecardSettings? settings = null, CancellationToken cancellationToken = default);
}

/// <summary>The default <see cref="ISatisfactionCalculator"/>.</summary>
public sealed class SatisfactionCalculator : ISatisfactionCalculator
{
    private readonly ScorecardEngine _engine;

    /// <summary>Creates the calculator.</summary>
    /// <param name="options">The options.</param>
    /// <param name="clock">The clock.</param>
    public SatisfactionCalculator(CrmMetricsOptions options, IClock clock) => _engine = new ScorecardEngine(options, clock, null);

    /// <inheritdoc />
    public SatisfactionMetrics Compute(IEnumerable<SurveyResponse> responses, ReportingPeriod period) =>
        _engine.Run(new CrmDataSet { SurveyResponses = responses ?? throw new ArgumentNullException(nameof(responses)) }, period, null, DataSources.SurveyResponses, parameterName: nameof(responses)).Satisfaction;

    /// <inheritdoc />
    public async ValueTask<SatisfactionMetrics> ComputeAsync(IAsyncEnumerable<SurveyResponse> responses, ReportingPeriod period, CancellationToken cancellationToken = default) =>
        (await _engine.RunAsync(new CrmAsyncDataSet { SurveyResponses = responses ?? throw new ArgumentNullException(nameof(responses)) }, period, null, DataSources.SurveyResponses, null, cancellationToken).ConfigureAwait(false)).Satisfaction;

    /// <inheritdoc />
    public SatisfactionAccumulator CreateAccumulator(ReportingPeriod period) => new(period, _engine.Options);
}

/// <summary>The default <see cref="ILoyaltyCalculator"/>.</summary>
public sealed class LoyaltyCalculator : ILoyaltyCalculator
{
    private readonly ScorecardEngine _engine;

    /// <summary>Creates the calculator.</summary>
    /// <param name="options">The options.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="exchangeRates">The exchange-rate provider, when registered.</param>
    public LoyaltyCalculator(CrmMetricsOptions options, IClock clock, IExchangeRateProvider? exchangeRates = null) =>
        _engine = new ScorecardEngine(options, clock, exchangeRates);

    /// <inheritdoc />
    public LoyaltyMetrics Compute(CrmDataSet data, ReportingPeriod period, ScorecardSettings? settings = null) =>
        _engine.Run(data, period, settings, DataSources.Purchases | DataSources.Customers).Loyalty;

    /// <inheritdoc />
    public async ValueTask<LoyaltyMetrics> ComputeAsync(CrmAsyncDataSet data, ReportingPeriod period, ScorecardSettings? settings = null, CancellationToken cancellationToken = default) =>
        (await _engine.RunAsync(data, period, settings, DataSources.Purchases | DataSources.Customers, null, cancellationToken).ConfigureAwait(false)).Loyalty;
}

/// <summary>The default <see cref="IAcquisitionCostCalculator"/>.</summary>
public sealed class AcquisitionCostCalculator : IAcquisitionCostCalculator
{
    private readonly ScorecardEngine _engine;

    private const DataSources Needed = DataSources.Purchases | DataSources.Costs | DataSources.Customers;

    /// <summary>Creates the calculator.</summary>
    /// <param name="options">The options.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="exchangeRates">The exchange-rate provider, when registered.</param>
    public AcquisitionCostCalculator(CrmMetricsOptions options, IClock clock, IExchangeRateProvider? exchangeRates = null) =>
        _engine = new ScorecardEngine(options, clock, exchangeRates);

    /// <inheritdoc />
    public AcquisitionCostMetrics Compute(CrmDataSet data, ReportingPeriod period, ScorecardSettings? settings = null) =>
        _engine.Run(data, period, settings, Needed).AcquisitionCost;

    /// <inheritdoc />
    public async ValueTask<AcquisitionCostMetrics> ComputeAsync(CrmAsyncDataSet data, ReportingPeriod period, ScorecardSettings? settings = null, CancellationToken cancellationToken = default) =>
        (await _engine.RunAsync(data, period, settings, Needed, null, cancellationToken).ConfigureAwait(false)).AcquisitionCost;
}

/// <summary>The default <see cref="ICustomerValueCalculator"/>.</summary>
public sealed class CustomerValueCalculator : ICustomerValueCalculator
{
    private readonly ScorecardEngine _engine;

    private const DataSources Needed = DataSources.Purchases | DataSources.Costs;

    /// <summary>Creates the calculator.</summary>
    /// <param name="options">The options.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="exchangeRates">The exchange-rate provider, when registered.</param>
    public CustomerValueCalculator(CrmMetricsOptions options, IClock clock, IExchangeRateProvider? exchangeRates = null) =>
        _engine = new ScorecardEngine(options, clock, exchangeRates);

    /// <inheritdoc />
    public CustomerValueMetrics Compute(CrmDataSet data, ReportingPeriod period, ScorecardSettings? settings = null) =>
        _engine.Run(data, period, settings, Needed).CustomerValue;

    /// <inheritdoc />
    public async ValueTask<CustomerValueMetrics> ComputeAsync(CrmAsyncDataSet data, ReportingPeriod period, ScorecardSettings? settings = null, CancellationToken cancellationToken = default) =>
        (await _engine.RunAsync(data, period, settings, Needed, null, cancellationToken).ConfigureAwait(false)).CustomerValue;
}
