using Crm.Domain.Activity;
using Crm.Metrics.AcquisitionCost;
using Crm.Metrics.Costs;
using Crm.Metrics.Engine;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using static Crm.Metrics.Engine.ScorecardRunner;

namespace Crm.Metrics;

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
