namespace Crm.Metrics.Concurrency;

/// <summary>Runs one builder per partition on the thread pool and merges them in partition order.</summary>
internal static class Partitioned
{
    /// <summary>Below this many records an indexed source is read in one pass: the threads would cost more than they save.</summary>
    public const int SplitThreshold = 1 << 17;

    /// <summary>
    /// Builds <paramref name="create"/>()'s per partition (each filled by <paramref name="fill"/>) in parallel and
    /// merges them into the first, in order.
    /// </summary>
    public static T Run<T, TRecord>(IReadOnlyList<IEnumerable<TRecord>> partitions, Func<T> create, Action<T, IEnumerable<TRecord>> fill, Action<T, T> merge)
        where T : IDisposable
    {
        var built = new T[partitions.Count];
        try
        {
            For(partitions.Count, default, p =>
            {
                var part = partitions[p] ?? throw new ArgumentException($"Partition {p} is null.", nameof(partitions));
                var builder = create();
                built[p] = builder;
                fill(builder, part);
            });

            for (var p = 1; p < built.Length; p++)
            {
                merge(built[0], built[p]);
            }

            return built[0];
        }
        catch
        {
            built[0]?.Dispose();
            throw;
        }
        finally
        {
            for (var p = 1; p < built.Length; p++)
            {
                built[p]?.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs independent actions on up to <paramref name="parallelism"/> threads (one after the other when 1);
    /// rethrows an action's own exception as <see cref="For"/> does.
    /// </summary>
    public static void Invoke(int parallelism, params Action[] actions)
    {
        if (parallelism <= 1)
        {
            foreach (var action in actions)
            {
                action();
            }

            return;
        }

        For(actions.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i => actions[i]());
    }

    /// <summary>
    /// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> that rethrows a partition's own exception
    /// (the first, with its stack trace) instead of an <see cref="AggregateException"/>: a caller catches the
    /// <see cref="ArgumentException"/> or <see cref="CurrencyMismatchException"/> it would get from one pass.
    /// </summary>
    public static void For(int count, ParallelOptions? options, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, options ?? new ParallelOptions(), body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>
    /// An indexed source of at least <see cref="SplitThreshold"/> records split into one contiguous slice per
    /// processor (in order); otherwise null.
    /// </summary>
    public static IReadOnlyList<IEnumerable<TRecord>>? Split<TRecord>(IEnumerable<TRecord> source)
    {
        var cores = Environment.ProcessorCount;
        if (cores < 2 || !source.TryGetNonEnumeratedCount(out var count) || count < SplitThreshold)
        {
            return null;
        }

        return source switch
        {
            TRecord[] array => Slices(count, cores, (start, length) => new ArraySegment<TRecord>(array, start, length)),
            List<TRecord> list => Slices(count, cores, (start, length) => list.Skip(start).Take(length)),
            IReadOnlyList<TRecord> indexed => Slices(count, cores, (start, length) => Range(indexed, start, length)),
            _ => null,
        };
    }

    private static IEnumerable<TRecord>[] Slices<TRecord>(int count, int parts, Func<int, int, IEnumerable<TRecord>> slice)
    {
        var slices = new IEnumerable<TRecord>[parts];
        for (var p = 0; p < parts; p++)
        {
            var start = (int)((long)count * p / parts);
            var end = (int)((long)count * (p + 1) / parts);
            slices[p] = slice(start, end - start);
        }

        return slices;
    }

    private static IEnumerable<TRecord> Range<TRecord>(IReadOnlyList<TRecord> list, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            yield return list[i];
        }
    }
}
