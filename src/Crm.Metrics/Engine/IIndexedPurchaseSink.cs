using Crm.Domain.Activity;
using Crm.Metrics.Concurrency;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Engine;

/// <summary>A record sink whose purchases go into one partitioned store that large indexed sources are read into on several threads.</summary>
internal interface IIndexedPurchaseSink : IRecordSink
{
    /// <summary>The currency the purchases are converted to, once known (the first met when none was given).</summary>
    Currency? Currency { get; }

    /// <summary>How many threads the store may use, and from which sizes.</summary>
    ExecutionSettings PurchaseExecution { get; }

    /// <summary>Reads the sources into the store on <paramref name="threads"/> threads (see <see cref="PartitionedStore{TRecord, TEntry, THistory, TPeriod, TRules}.AddConcurrently"/>).</summary>
    void AddPurchasesConcurrently<TSource, TReader>(IReadOnlyList<RecordSource<TSource>> sources, int threads, Action<long>? read, string parameterName, CancellationToken cancellationToken)
        where TReader : IRecordReader<TSource, PurchaseRecord>;
}
