namespace Crm.Metrics.Orleans.Jobs;

/// <summary>An accumulator of one family that the coordinator merges the partitions' states into.</summary>
internal interface IStateMerger : IDisposable
{
    /// <summary>
    /// Merges one partition's state (UTF-8 JSON). It is validated whole before anything changes: on an exception the
    /// accumulator is as it was.
    /// </summary>
    void Merge(byte[] state);

    /// <summary>The merged state, as UTF-8 JSON.</summary>
    byte[] ToState();
}
