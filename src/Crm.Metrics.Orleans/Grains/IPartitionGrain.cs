using Crm.Metrics.Orleans.Jobs;
using Orleans;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>One attempt at one partition of a job, keyed <c>job/partition index/attempt</c>: a fresh activation per attempt, placed where the coordinator asks.</summary>
[Alias("Crm.Metrics.Orleans.IPartitionGrain")]
internal interface IPartitionGrain : IGrainWithStringKey
{
    /// <summary>Opens the partition with the silo's source and computes its state.</summary>
    /// <remarks>The job's own timeout and cancellation govern, not Orleans' response timeout.</remarks>
    [Alias("Compute")]
    [ResponseTimeout("1.00:00:00")]
    Task<PartitionAnswer> ComputeAsync(PartitionJob job, string partition, CancellationToken cancellationToken);

    /// <summary>The bytes of the state from <paramref name="offset"/> (at most one chunk); the grain goes once the last byte is read.</summary>
    [Alias("Read")]
    Task<byte[]> ReadStateAsync(long offset);
}
