using Crm.Domain.Activity;
using Crm.Metrics.Concurrency;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Series;

/// <summary>The customer store of a series: the partitioned store run with the series' purchase rules.</summary>
/// <param name="rules">The series' purchase rules.</param>
/// <param name="execution">How many threads the store may use.</param>
internal sealed class SeriesStore(SeriesRules rules, ExecutionSettings execution)
    : PartitionedStore<PurchaseRecord, PendingPurchase, SeriesHistory, SeriesAcquisition, SeriesRules>(rules, execution);
