using Crm.Domain.Activity;
using Crm.Metrics.Concurrency;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Loyalty;

/// <summary>The customer store of a <see cref="PurchaseAccumulator"/>: the partitioned store run with the purchase rules.</summary>
/// <param name="rules">The purchase rules.</param>
/// <param name="execution">How many threads the store may use.</param>
internal sealed class PurchaseStore(PurchaseRules rules, ExecutionSettings execution)
    : PartitionedStore<PurchaseRecord, PendingPurchase, CustomerHistory, CustomerPeriod, PurchaseRules>(rules, execution);
