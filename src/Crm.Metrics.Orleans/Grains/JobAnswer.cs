using Orleans;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>The coordinator's answer: the merged state and what the job did, or the partition that failed it.</summary>
/// <remarks>Immutable: nothing writes an answer or its state after it is sent, so a call within one process passes it without a copy.</remarks>
[GenerateSerializer]
[Immutable]
[Alias("Crm.Metrics.Orleans.JobAnswer")]
internal sealed record JobAnswer
{
    /// <summary>
    /// The merged state's first chunk in Orleans' binary form when it is too long for one message
    /// (<see cref="StateLength"/>; the rest is read from the coordinator); otherwise null, and <see cref="Value"/> holds
    /// the state.
    /// </summary>
    [Id(0)]
    public byte[]? State { get; init; }

    /// <summary>The key of the partition that failed the job, or null.</summary>
    [Id(1)]
    public string? FailedPartition { get; init; }

    /// <summary>Why it failed, or null.</summary>
    [Id(2)]
    public string? Error { get; init; }

    /// <summary>Attempts started again.</summary>
    [Id(3)]
    public int Retries { get; init; }

    /// <summary>Answers for partitions already merged.</summary>
    [Id(4)]
    public int DuplicateAnswers { get; init; }

    /// <summary>The coordinator's silo.</summary>
    [Id(5)]
    public string CoordinatorSilo { get; init; } = string.Empty;

    /// <summary>Merged partitions per silo.</summary>
    [Id(6)]
    public Dictionary<string, int> PartitionsBySilo { get; init; } = [];

    /// <summary>Bytes of all merged states.</summary>
    [Id(7)]
    public long StateBytes { get; init; }

    /// <summary>Bytes of the largest state.</summary>
    [Id(8)]
    public long LargestStateBytes { get; init; }

    /// <summary>Time from the start to the last merge.</summary>
    [Id(9)]
    public TimeSpan Elapsed { get; init; }

    /// <summary>The merged state's whole length in Orleans' binary form (more than <see cref="State"/> holds when it comes in chunks).</summary>
    [Id(10)]
    public long StateLength { get; init; }

    /// <summary>The merged state itself when it fits one message (see <see cref="StateMessage"/>), or null.</summary>
    [Id(11)]
    public object? Value { get; init; }

    /// <summary>Whether the answer carries a state, whole or in chunks.</summary>
    public bool HasState => Value is not null || State is not null;
}
