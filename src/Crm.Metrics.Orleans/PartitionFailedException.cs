namespace Crm.Metrics.Orleans;

/// <summary>
/// A cluster job failed because of one partition: its source threw, its state was refused on merge, or no silo
/// completed it within the allowed attempts. The job returns nothing — no partial result.
/// </summary>
public sealed class PartitionFailedException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public PartitionFailedException()
        : base("A partition of the cluster job failed.")
    {
        Partition = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public PartitionFailedException(string message)
        : base(message)
    {
        Partition = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public PartitionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Partition = string.Empty;
    }

    /// <summary>Creates the exception for a partition.</summary>
    /// <param name="partition">The partition's key.</param>
    /// <param name="reason">Why it failed.</param>
    public PartitionFailedException(string partition, string reason)
        : base($"Partition '{partition}' failed: {reason}")
    {
        Partition = partition;
    }

    /// <summary>The key of the partition that failed; empty when not known.</summary>
    public string Partition { get; }
}
