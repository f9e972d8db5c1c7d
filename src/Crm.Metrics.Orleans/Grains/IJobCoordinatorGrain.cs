using Orleans;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>Runs one job (keyed by a new id per job): fans out to the partitions, merges their states once each, answers with the merged state.</summary>
[Alias("Crm.Metrics.Orleans.IJobCoordinatorGrain")]
internal interface IJobCoordinatorGrain : IGrainWithGuidKey
{
    /// <summary>Runs the job to its end, its failure or its cancellation.</summary>
    /// <remarks>A job runs as long as its partitions take; the partitions' timeout and the caller's cancellation govern, not Orleans' response timeout.</remarks>
    [Alias("Run")]
    [ResponseTimeout("7.00:00:00")]
    Task<JobAnswer> RunAsync(JobRequest request, IJobObserver? observer, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes of the merged state from <paramref name="offset"/> (at most one chunk), for a state longer than one
    /// message should carry; the coordinator lets the job go once the last byte is read.
    /// </summary>
    [Alias("Read")]
    Task<byte[]> ReadStateAsync(long offset);
}
