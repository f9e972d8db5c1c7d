using Crm.Metrics.Storage;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// A sealed purchase accumulator as the results read it: the customers' rows, the calendar and options they were
/// built with, and the totals kept beside them. Nothing here changes when read, so the scorecard's scans over the
/// customers run on it side by side. Valid until the accumulator changes.
/// </summary>
internal sealed class PurchaseSnapshot
{
    internal PurchaseSnapshot(StoredCustomers<CustomerHistory, CustomerPeriod> customers, PeriodCalendar calendar, CrmMetricsOptions options, Currency? currency)
    {
        Customers = customers;
        Calendar = calendar;
        Options = options;
        Currency = currency;
        PriorPeriodNet = customers.Total;
        long active = 0;
        foreach (ref readonly var period in customers.PeriodRows)
        {
            active += period.IsActive ? 1 : 0;
        }

        ActiveCustomers = active;
    }

    /// <summary>Every customer with a purchase up to the period's end or a recorded acquisition.</summary>
    public StoredCustomers<CustomerHistory, CustomerPeriod> Customers { get; }

    public PeriodCalendar Calendar { get; }

    public CrmMetricsOptions Options { get; }

    /// <summary>The scorecard's currency: the one given, or the first met; null when none is known.</summary>
    public Currency? Currency { get; }

    /// <summary>Net revenue of the previous period of equal length.</summary>
    public decimal PriorPeriodNet { get; }

    /// <summary>Customers with a sale in the period.</summary>
    public long ActiveCustomers { get; }

    /// <summary>How many of the results' scans over the customers may run side by side.</summary>
    public int ScanParallelism => Customers.ScanParallelism;
}
