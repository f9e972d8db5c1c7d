using System.Globalization;

namespace Crm.Metrics.Orleans;

/// <summary>What a cluster job did: where its partitions ran, how often they were retried, and how many state bytes crossed the network.</summary>
public sealed record ClusterJobStatistics
{
    /// <summary>Partitions in the job (each merged exactly once).</summary>
    public required int Partitions { get; init; }

    /// <summary>Attempts started again because a silo failed, left the cluster or timed out.</summary>
    public required int Retries { get; init; }

    /// <summary>
    /// Times the whole job started again on a new coordinator because the silo coordinating it failed or left (0
    /// normally); the figures here are those of the attempt that finished.
    /// </summary>
    public int CoordinatorRestarts { get; init; }

    /// <summary>Answers that arrived for a partition already merged, and were ignored.</summary>
    public required int DuplicateAnswers { get; init; }

    /// <summary>The silo (its address) that coordinated the job.</summary>
    public required string CoordinatorSilo { get; init; }

    /// <summary>How many partitions each silo (by address) ran to the end, counting merged answers only.</summary>
    public required IReadOnlyDictionary<string, int> PartitionsBySilo { get; init; }

    /// <summary>The bytes of the partitions' states the coordinator received and merged (Orleans' binary form of the states, with their layout version).</summary>
    public required long StateBytes { get; init; }

    /// <summary>The largest state of one partition, in bytes.</summary>
    public required long LargestStateBytes { get; init; }

    /// <summary>
    /// The bytes the coordinator returned to the caller (Orleans' binary form): the finished scorecard — its JSON
    /// document and a row per customer with a sale or refund in the period — or, for the other families and for a
    /// scorecard with a value basis, the merged state (a row per customer).
    /// </summary>
    public required long ResultBytes { get; init; }

    /// <summary>The time from the job's start on the coordinator to its last merge.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The statistics, in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Partitions} partitions on {PartitionsBySilo.Count} silos, {Retries} retries, {CoordinatorRestarts} coordinator restarts, {DuplicateAnswers} duplicate answers, {StateBytes} state bytes (largest {LargestStateBytes}), {ResultBytes} result bytes, {Elapsed.TotalMilliseconds:0} ms");
}
