namespace Crm.Metrics.Concurrency;

/// <summary>
/// How a computation may use threads: apart from the metric conventions (a scorecard is the same whatever these are).
/// </summary>
/// <param name="Threads">The most threads to use (at least 1).</param>
/// <param name="ParallelReadMinimum">The fewest records per thread for which an indexed source is read on several threads.</param>
internal readonly record struct ExecutionSettings(int Threads, int ParallelReadMinimum = Partitioned.SplitThreshold)
{
    /// <summary>
    /// The fewest buffered records (or merged customers) that are applied on several threads: below it, the threads
    /// cost more than they save.
    /// </summary>
    public const int ParallelApplyMinimum = 1 << 15;

    /// <summary>On the caller's thread only.</summary>
    public static ExecutionSettings SingleThread => new(1);

    /// <summary>Settings for a degree of parallelism as options give it: −1 for every processor.</summary>
    public static ExecutionSettings Of(int maxDegreeOfParallelism) =>
        new(maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism);

    /// <summary>
    /// The threads an indexed source of <paramref name="count"/> records is read on: as many as allowed, each with at
    /// least <see cref="ParallelReadMinimum"/> records.
    /// </summary>
    public int ReadThreads(int count) => Threads < 2 ? 1 : Math.Max(1, Math.Min(Threads, count / ParallelReadMinimum));
}
