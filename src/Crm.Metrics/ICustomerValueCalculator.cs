using Crm.Domain.Activity;
using Crm.Metrics.Costs;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Engine;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using static Crm.Metrics.Engine.ScorecardRunner;

namespace Crm.Metrics;

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
