using Crm.Metrics.Orleans.Jobs;
using Orleans;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>A job as the caller hands it to the coordinator.</summary>
[GenerateSerializer]
[Alias("Crm.Metrics.Orleans.JobRequest")]
internal sealed record JobRequest
{
    /// <summary>What to compute.</summary>
    [Id(0)]
    public required PartitionJob Job { get; init; }

    /// <summary>The partitions' keys.</summary>
    [Id(1)]
    public required string[] Partitions { get; init; }

    /// <summary>The longest one attempt may take.</summary>
    [Id(2)]
    public TimeSpan PartitionTimeout { get; init; }

    /// <summary>Attempts per partition.</summary>
    [Id(3)]
    public int MaxAttempts { get; init; }

    /// <summary>Partitions running at once.</summary>
    [Id(4)]
    public int MaxInFlight { get; init; }
}
