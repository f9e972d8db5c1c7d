namespace Crm.Metrics.Storage;

/// <summary>
/// A per-customer accumulator that <see cref="OwnedPartitions"/> gives one partition of the customers: it is fed that
/// partition's records in input order, on one thread at a time.
/// </summary>
internal interface IOwnedSink : IDisposable
{
    /// <summary>How many customers the sink holds (grows by one when a record meets a customer it keeps for the first time).</summary>
    int Customers { get; }

    /// <summary>The currency of the first record the sink kept; default before.</summary>
    Currency Currency { get; }

    /// <summary>Adds a record as the public <c>Add</c> would add its purchase.</summary>
    /// <exception cref="CurrencyMismatchException">The record is kept and its currency differs from <see cref="Currency"/>.</exception>
    void AddOwned(in OwnedEntry entry);
}
