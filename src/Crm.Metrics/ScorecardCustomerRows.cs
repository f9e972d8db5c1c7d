using Crm.Metrics.CustomerValue;

namespace Crm.Metrics;

/// <summary>
/// Which scorecards of a call keep the per-customer rows of their customer-value family
/// (<see cref="CustomerValueMetrics.Customers"/>): a row per customer with a sale or refund in the period, about 80
/// bytes each. A scorecard that declines them has the same totals and distributions, an empty list and
/// <see cref="CustomerValueMetrics.HasCustomerRows"/> false.
/// </summary>
public enum ScorecardCustomerRows
{
    /// <summary>Every scorecard keeps its rows (the default).</summary>
    Every = 0,

    /// <summary>
    /// Only the last period's scorecard keeps its rows: for a series read for its trend (the months' totals) and the
    /// latest month's customers. A call of one period, or a breakdown's groups, keep them as <see cref="Every"/> does.
    /// </summary>
    LastPeriod = 1,

    /// <summary>No scorecard keeps its rows: for callers that read only the totals and distributions.</summary>
    None = 2,
}
