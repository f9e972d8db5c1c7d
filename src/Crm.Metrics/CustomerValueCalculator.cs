using Crm.Domain.Activity;
using Crm.Metrics.Costs;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Engine;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using static Crm.Metrics.Engine.ScorecardRunner;

namespace Crm.Metrics;

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
