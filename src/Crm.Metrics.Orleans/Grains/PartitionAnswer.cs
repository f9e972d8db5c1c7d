using Orleans;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>A partition's answer: its state, or why the partition failed (not retried); and the silo that ran it.</summary>
/// <remarks>Immutable: nothing writes an answer or its state after it is sent, so a call within one silo passes it without a copy.</remarks>
[GenerateSerializer]
[Immutable]
[Alias("Crm.Metrics.Orleans.PartitionAnswer")]
internal sealed record PartitionAnswer
{
    /// <summary>The state in its wire form (Orleans binary), or null when the partition failed.</summary>
    [Id(0)]
    public byte[]? State { get; init; }

    /// <summary>The address of the silo that ran the partition.</summary>
    [Id(1)]
    public string Silo { get; init; } = string.Empty;

    /// <summary>Why the partition failed, or null.</summary>
    [Id(2)]
    public string? Error { get; init; }

    /// <summary>The state's whole length in bytes: more than <see cref="State"/> holds when the rest is read in chunks from the partition's grain.</summary>
    [Id(3)]
    public long StateLength { get; init; }
}
