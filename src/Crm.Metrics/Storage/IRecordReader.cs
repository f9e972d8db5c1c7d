namespace Crm.Metrics.Storage;

/// <summary>
/// How an element of a caller's sequence becomes the record a store takes (see
/// <see cref="PartitionedStore{TRecord, TEntry, THistory, TPeriod, TRules}.AddConcurrently"/>): checked, and copied
/// when it is an object. Static, so that the readers' loops are compiled for it.
/// </summary>
/// <typeparam name="TSource">The element of the caller's sequence.</typeparam>
/// <typeparam name="TRecord">The record.</typeparam>
internal interface IRecordReader<TSource, TRecord>
{
    /// <summary>The record of <paramref name="element"/>; an element that is no record (null, a default value) is refused naming <paramref name="parameterName"/>.</summary>
    static abstract TRecord Read(TSource element, string parameterName);
}
