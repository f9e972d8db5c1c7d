using System.Globalization;

namespace Crm.Metrics.Orleans;

/// <summary>
/// How the jobs started from this process run: the time a partition may take, how often a partition whose silo failed
/// is tried, how many partitions run at once. They travel with each job, so the silos need no copy.
/// </summary>
public sealed class CrmClusterOptions
{
    /// <summary>
    /// The longest one attempt at a partition may take before it is abandoned and tried again on another silo (it counts
    /// as a failed attempt). Default 30 minutes; more than zero, at most 24 hours.
    /// </summary>
    public TimeSpan PartitionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many times a partition is tried when its silo fails, leaves the cluster or times out, before the job fails
    /// naming it; and how many times the whole job is started when the silo coordinating it fails (the caller then
    /// gets Orleans' exception). Default 3; from 1 to 100. An exception from the partition source or an invalid state
    /// is not retried.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// How many partitions are in flight at once across the cluster: running on a silo, or answered and waiting to be
    /// merged (their states hold memory on the coordinator). Default 64; from 1 to 100,000.
    /// </summary>
    public int MaxPartitionsInFlight { get; set; } = 64;

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first option out of its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public void Validate()
    {
        if (PartitionTimeout <= TimeSpan.Zero || PartitionTimeout > TimeSpan.FromHours(24))
        {
            throw new ArgumentOutOfRangeException(nameof(PartitionTimeout), PartitionTimeout, "The partition timeout must be more than zero and at most 24 hours.");
        }

        if (MaxAttempts is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "The attempts per partition must be from 1 to 100.");
        }

        if (MaxPartitionsInFlight is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPartitionsInFlight), MaxPartitionsInFlight, "The partitions in flight must be from 1 to 100,000.");
        }
    }

    /// <summary>The options, in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"CrmClusterOptions {{ PartitionTimeout = {PartitionTimeout}, MaxAttempts = {MaxAttempts}, MaxPartitionsInFlight = {MaxPartitionsInFlight} }}");

    internal CrmClusterOptions Clone() => new() { PartitionTimeout = PartitionTimeout, MaxAttempts = MaxAttempts, MaxPartitionsInFlight = MaxPartitionsInFlight };
}
