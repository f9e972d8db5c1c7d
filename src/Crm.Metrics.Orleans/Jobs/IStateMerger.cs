namespace Crm.Metrics.Orleans.Jobs;

/// <summary>An accumulator of one family that the coordinator merges the partitions' states into.</summary>
internal interface IStateMerger : IDisposable
{
    /// <summary>Reads a partition's state from its wire form; thread-safe, so states are read while others merge.</summary>
    object Read(byte[] state);

    /// <summary>
    /// Merges a state <see cref="Read"/> gave. It is validated whole before anything changes: on an exception the
    /// accumulator is as it was.
    /// </summary>
    void Merge(object state);

    /// <summary>The merged state in its wire form.</summary>
    byte[] ToState();
}
