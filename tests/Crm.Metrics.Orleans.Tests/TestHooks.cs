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

    void IClusterJobHooks.JobStarted(Guid job, SiloAddress coordinator) => Coordinators.Enqueue(coordinator);

    int IClusterJobHooks.AnswerCopies(string partition) => partition == DuplicatedPartition ? 2 : 1;
}
