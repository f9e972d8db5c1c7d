namespace Crm.Metrics.Orleans.Jobs;

/// <summary>An accumulator of one family that the coordinator merges the partitions' states into.</summary>
internal interface IStateMerger : IDisposable
{
    /// <summary>
    /// Checks a partition's state (as <see cref="PartitionJob.ComputeStateAsync"/> made it, come over the wire) whole
    /// and stages it for <see cref="Merge"/>; thread-safe, so states are read while others merge. A state of another
    /// type, damaged or refused, throws here.
    /// </summary>
    object Read(object state);

    /// <summary>
    /// Merges what <see cref="Read"/> gave. It is checked whole before anything changes (a sum beyond its range, another
    /// currency): on an exception the accumulator is as it was.
    /// </summary>
    void Merge(object state);

    /// <summary>The merged state, in the form <see cref="Read"/> takes.</summary>
    object ToState();

    /// <summary>
    /// What the coordinator returns once every partition is merged: the family's finished result in its wire form where
    /// the family finishes on the coordinator, otherwise (or where finishing here fails) the merged state.
    /// </summary>
    object Finish();
}
