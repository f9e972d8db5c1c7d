namespace Crm.Metrics.Orleans.Jobs;

/// <summary>An accumulator of one family that the coordinator merges the partitions' states into.</summary>
internal interface IStateMerger : IDisposable
{
    /// <summary>
    /// Reads a partition's state from its wire form, checks it whole and stages it for <see cref="Merge"/>; thread-safe,
    /// so states are read while others merge. A damaged or refused state throws here.
    /// </summary>
    object Read(byte[] state);

    /// <summary>
    /// Merges what <see cref="Read"/> gave. It is checked whole before anything changes (a sum beyond its range, another
    /// currency): on an exception the accumulator is as it was.
    /// </summary>
    void Merge(object state);

    /// <summary>The merged state in its wire form.</summary>
    byte[] ToState();
}
