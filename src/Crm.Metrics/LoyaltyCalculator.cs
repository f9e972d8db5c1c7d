using Crm.Domain.Activity;
using Crm.Metrics.Costs;
using Crm.Metrics.Engine;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using static Crm.Metrics.Engine.ScorecardRunner;

namespace Crm.Metrics;

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
