using System.Globalization;

namespace Crm.Metrics.Orleans;

/// <summary>How far a cluster job is: reported each time a partition's state has been merged.</summary>
/// <param name="PartitionsDone">Partitions merged so far.</param>
/// <param name="Partitions">Partitions in the job.</param>
/// <param name="Retries">Attempts started again so far because a silo failed, left or timed out.</param>
public readonly record struct ClusterProgress(int PartitionsDone, int Partitions, int Retries)
{
    /// <summary>The progress, in the invariant culture.</summary>
    /// <returns>The text, for example <c>12/64 partitions, 1 retry</c>.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{PartitionsDone}/{Partitions} partitions, {Retries} {(Retries == 1 ? "retry" : "retries")}");
}
