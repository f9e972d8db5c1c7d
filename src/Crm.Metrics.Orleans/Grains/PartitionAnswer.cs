using Orleans;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>A partition's answer: its state, or why the partition failed (not retried); and the silo that ran it.</summary>
/// <remarks>Immutable: nothing writes an answer or its state after it is sent, so a call within one silo passes it without a copy.</remarks>
[GenerateSerializer]
[Immutable]
[Alias("Crm.Metrics.Orleans.PartitionAnswer")]
internal sealed record PartitionAnswer
{
    /// <summary>
    /// The state's first chunk in Orleans' binary form when the state is too long for one message (the rest is read
    /// from the partition's grain); otherwise null, and <see cref="Value"/> holds the state.
    /// </summary>
    [Id(0)]
    public byte[]? State { get; init; }

    /// <summary>The address of the silo that ran the partition.</summary>
    [Id(1)]
    public string Silo { get; init; } = string.Empty;

    /// <summary>Why the partition failed, or null.</summary>
    [Id(2)]
    public string? Error { get; init; }

    /// <summary>The state's whole length in Orleans' binary form: more than <see cref="State"/> holds when the rest is read in chunks from the partition's grain.</summary>
    [Id(3)]
    public long StateLength { get; init; }

    /// <summary>The state itself when it fits one message (see <see cref="StateMessage"/>), or null.</summary>
    [Id(4)]
    public object? Value { get; init; }

    /// <summary>Whether the answer carries a state, whole or in chunks.</summary>
    public bool HasState => Value is not null || State is not null;
}
