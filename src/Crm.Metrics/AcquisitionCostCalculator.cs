using Crm.Domain.Activity;
using Crm.Metrics.AcquisitionCost;
using Crm.Metrics.Costs;
using Crm.Metrics.Engine;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using static Crm.Metrics.Engine.ScorecardRunner;

namespace Crm.Metrics;

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
