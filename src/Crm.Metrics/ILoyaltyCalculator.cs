using Crm.Domain.Activity;
using Crm.Metrics.Costs;
using Crm.Metrics.Engine;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using static Crm.Metrics.Engine.ScorecardRunner;

namespace Crm.Metrics;

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
