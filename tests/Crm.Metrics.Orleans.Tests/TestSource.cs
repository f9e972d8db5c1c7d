using System.Collections.Concurrent;

namespace Crm.Metrics.Orleans.Tests;

/// <summary>What the tests make the silos' partition sources do: hold partitions at a gate, throw, and record where each partition was opened.</summary>
public sealed class SourceControl
{
    /// <summary>Called before a partition is read, with the silo's name; null lets everything through.</summary>
    private volatile Func<string, string, CancellationToken, Task>? _gate;

    public Func<string, string, CancellationToken, Task>? Gate
    {
        get => _gate;
        set => _gate = value;
    }

    public ConcurrentQueue<(string Silo, string Partition)> Opened { get; } = new();

    public void Reset()
    {
        Gate = null;
        Opened.Clear();
    }
}

/// <summary>One silo's partition source over the shared in-memory partitions.</summary>
public sealed class TestSource(PartitionedData data, string silo, SourceControl control) : ICrmPartitionSource
{
    public async ValueTask<CrmAsyncDataSet> OpenAsync(string partition, CancellationToken cancellationToken)
    {
        control.Opened.Enqueue((silo, partition));
        if (control.Gate is { } gate)
        {
            await gate(silo, partition, cancellationToken);
        }

        if (partition == "throws")
        {
            throw new InvalidOperationException("The test source cannot read this partition.");
        }

        return CrmAsyncDataSet.From(data.Partitions[partition]);
    }
}
