using System.Collections.Concurrent;
using Crm.Metrics.Orleans.Grains;
using Orleans.Runtime;

namespace Crm.Metrics.Orleans.Tests;

/// <summary>The internal hooks: which silo coordinates each job, and a partition whose answer arrives twice.</summary>
public sealed class TestHooks : IClusterJobHooks
{
    public ConcurrentQueue<SiloAddress> Coordinators { get; } = new();

    private volatile string? _duplicated;

    public string? DuplicatedPartition
    {
        get => _duplicated;
        set => _duplicated = value;
    }

    private volatile int _chunkBytes;

    /// <summary>The most bytes of the merged state per message, when a test shrinks it (0: the package's own).</summary>
    public int ChunkBytes
    {
        get => _chunkBytes;
        set => _chunkBytes = value;
    }

    void IClusterJobHooks.JobStarted(Guid job, SiloAddress coordinator) => Coordinators.Enqueue(coordinator);

    int IClusterJobHooks.ResultChunkBytes(int normal) => ChunkBytes > 0 ? ChunkBytes : normal;

    int IClusterJobHooks.AnswerCopies(string partition) => partition == DuplicatedPartition ? 2 : 1;
}
