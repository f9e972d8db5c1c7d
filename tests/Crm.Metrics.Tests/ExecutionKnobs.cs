namespace Crm.Metrics.Tests;

/// <summary>Reaches the engine's execution settings, which no public type exposes, to run its threads on small inputs.</summary>
internal static class ExecutionKnobs
{
    /// <summary>Lowers the fewest purchases per thread for which an indexed source is read on several threads.</summary>
    public static ScorecardAccumulator ReadingInParallelFrom(this ScorecardAccumulator accumulator, int perThread)
    {
        var store = accumulator.Purchases.Store;
        store.Execution = store.Execution with { ParallelReadMinimum = perThread };
        return accumulator;
    }

    /// <summary>Whether the accumulator's engine would read <paramref name="count"/> purchases of an indexed source on several threads.</summary>
    public static bool ReadsInParallel(this ScorecardAccumulator accumulator, int count) =>
        accumulator.Purchases.Store.Execution.ReadThreads(count) > 1;
}
