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

    /// <summary>
    /// Asks the processor to fetch what adding a record of the customer keyed <paramref name="key"/> will read, a few
    /// entries ahead, in two steps: <paramref name="state"/> false first, true once the first step's line has arrived.
    /// </summary>
    void Ahead(in OwnedKey key, bool state);

    /// <summary>Adds a record as the public <c>Add</c> would add its purchase.</summary>
    /// <param name="entry">The record.</param>
    /// <param name="id">The record's customer id (read only when the customer is new, or its key unpacked).</param>
    /// <param name="currency">The record's currency (the one of <see cref="OwnedEntry.CurrencyCode"/>).</param>
    /// <exception cref="CurrencyMismatchException">The record is kept and its currency differs from <see cref="Currency"/>.</exception>
    void AddOwned(in OwnedEntry entry, in CustomerId id, Currency currency);
}
