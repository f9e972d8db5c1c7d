namespace Crm.Metrics.Orleans;

/// <summary>
/// Where a silo reads the records of one partition: your database, files or blob storage. Register one in every silo's
/// services with <see cref="CrmClusterServiceCollectionExtensions.AddCrmPartitionSource{TSource}"/>; the silo that runs a
/// partition opens it there, next to the data, and only the partition's state (O(customers in the partition)) crosses
/// the network.
/// </summary>
/// <remarks>
/// <para>A partition is named by a key of your choosing (a shard number, a month, a file name); a job lists the keys.
/// A partition may be opened more than once in a job — when the silo that ran it failed, it is run again on another — so
/// opening must read the same records every time.</para>
/// <para>A scorecard job reads every non-null stream of the data set (a null one is not supplied, as in
/// <see cref="CrmAsyncDataSet"/>); summary and RFM jobs read <see cref="CrmAsyncDataSet.Purchases"/> only, which must not
/// be null.</para>
/// <para>An exception from the source fails the whole job with a <see cref="PartitionFailedException"/> that names the
/// partition and carries the exception's type and message: keep personal data out of your messages.</para>
/// </remarks>
public interface ICrmPartitionSource
{
    /// <summary>Opens one partition's records as streams.</summary>
    /// <param name="partition">The partition's key, as the job named it.</param>
    /// <param name="cancellationToken">Cancelled when the job is cancelled or the partition timed out.</param>
    /// <returns>The partition's records; each stream is read once.</returns>
    ValueTask<CrmAsyncDataSet> OpenAsync(string partition, CancellationToken cancellationToken);
}
