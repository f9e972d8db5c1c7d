namespace Crm.Metrics.Storage;

/// <summary>
/// A family's per-record rules as a <see cref="PartitionedStore{TRecord, TEntry, THistory, TPeriod, TRules}"/> runs
/// them: which records it keeps, how a record is written into its buffer entry, and how an entry updates its
/// customer's rows. The store does the rest (partitions, buffers, threads, prefetching) and knows nothing of what the
/// rows mean.
/// </summary>
/// <typeparam name="TRecord">The record the caller adds.</typeparam>
/// <typeparam name="TEntry">The record as it waits in the buffer (converted, compact).</typeparam>
/// <typeparam name="THistory">The row every customer has.</typeparam>
/// <typeparam name="TPeriod">The row only some customers have.</typeparam>
/// <remarks>
/// Implemented by a struct, so that the store's loops are compiled for it and the calls inline. Called on several
/// threads at once: the rules hold nothing that changes.
/// </remarks>
internal interface IStoreRules<TRecord, TEntry, THistory, TPeriod>
    where TRecord : struct
    where TEntry : struct
    where THistory : struct, ICustomerRow<THistory>
    where TPeriod : struct, ICustomerRow<TPeriod>
{
    /// <summary>How many sums the rules keep beside each table's rows (<see cref="CustomerTable{THistory, TPeriod}.Totals"/>; at least one).</summary>
    int Totals { get; }

    /// <summary>Whether the store keeps <paramref name="record"/>; one it does not keep is only counted.</summary>
    bool Admits(in TRecord record);

    /// <summary>The customer <paramref name="record"/> belongs to.</summary>
    CustomerId CustomerOf(in TRecord record);

    /// <summary>The customer a buffered entry belongs to.</summary>
    CustomerId CustomerOf(in TEntry entry);

    /// <summary>
    /// Writes <paramref name="record"/> into its buffer entry, field by field. What it throws (a currency it cannot
    /// convert) leaves the entry uncounted.
    /// </summary>
    void Write(in TRecord record, ref TEntry entry);

    /// <summary>
    /// Puts <paramref name="id"/>, equal to the id <see cref="Write"/> took from the record, in its place in the entry:
    /// the instance a shared <see cref="CustomerIndex"/> keeps, so that buffered entries refer to one long-lived string
    /// per customer instead of each record's own young one.
    /// </summary>
    void UseCustomer(ref TEntry entry, CustomerId id);

    /// <summary>
    /// Applies a buffered entry to its customer's rows in <paramref name="table"/>. Every sum is computed before
    /// anything is written: an entry that would leave a sum's range throws <see cref="OverflowException"/> with the
    /// table unchanged.
    /// </summary>
    void Apply(CustomerTable<THistory, TPeriod> table, in TEntry entry);

    /// <summary>The exception that reports an entry refused for overflow.</summary>
    Exception Refused(OverflowException error);
}
