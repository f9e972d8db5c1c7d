using System.Runtime.ExceptionServices;

namespace Crm.Metrics.Storage;

/// <content>Filling the store from several sources at once, each thread with buffers of its own.</content>
internal partial class PartitionedStore<TRecord, TEntry, THistory, TPeriod, TRules>
{
    private const int ReportEvery = 1 << 16; // how often a read reports progress, in records

    /// <summary>
    /// Adds the records of several sources at once on up to <paramref name="threads"/> threads (the first on the
    /// caller's), each into a buffer of its own. Each thread takes the next source not yet taken, so that the threads
    /// finish together (indexed sources come as chunks of <see cref="RecordSource{T}.ChunkSize"/>). A thread whose
    /// buffer is full applies it partition by partition, taking each partition's table while no other thread holds
    /// it and coming back later to those another thread is applying: reading and applying run on every core, with no
    /// tables to merge. The result is the one of adding the records in turn, which does not depend on their order.
    /// </summary>
    /// <typeparam name="TSource">The sources' element.</typeparam>
    /// <typeparam name="TReader">How an element becomes a record (a null or default one refused).</typeparam>
    /// <param name="sources">The sources.</param>
    /// <param name="threads">The most threads to use.</param>
    /// <param name="read">Called on the caller's thread, about every 65,536 of its records, with how many records all threads have read.</param>
    /// <param name="parameterName">The caller's parameter that holds the records, named when one of them is null.</param>
    /// <param name="cancellationToken">Checked every 4,096 records.</param>
    /// <exception cref="Exception">What the first source (in order) to fail threw; after an error no further source is taken.</exception>
    public void AddConcurrently<TSource, TReader>(IReadOnlyList<RecordSource<TSource>> sources, int threads, Action<long>? read, string parameterName, CancellationToken cancellationToken)
        where TReader : IRecordReader<TSource, TRecord>
    {
        // A batch being applied on the thread pool uses the tables without taking them: wait for it.
        Settle();
        threads = Math.Clamp(threads, 1, Math.Max(1, sources.Count));
        var counts = new long[threads];
        var failures = new (int Source, ExceptionDispatchInfo Error)?[threads];
        var next = -1; // the last source taken
        var failed = false;
        // The records of the indexed sources: once a sixteenth of them is read, the batches are sized for the
        // customers they project (see SourceReader.Projected).
        long indexed = 0;
        foreach (var source in sources)
        {
            indexed += source.Slice is null ? 0 : source.Length;
        }

        var readers = new SourceReader<TSource, TReader>[threads];
        for (var t = 0; t < threads; t++)
        {
            readers[t] = new SourceReader<TSource, TReader>(this, t, threads, counts, t == 0 && read is not null ? () => read(Sum(counts)) : null, indexed, parameterName, cancellationToken);
        }

        var others = new Task[threads - 1];
        for (var t = 1; t < threads; t++)
        {
            var thread = t;
            others[t - 1] = Task.Run(() => ReadSources(thread), CancellationToken.None);
        }

        ReadSources(0);

        // The other threads use the tables: never return while one still runs. Their errors are caught in ReadSources.
        Task.WaitAll(others, CancellationToken.None);

        // The buffers go back to the pool from this thread, where the next computation's threads find them (a
        // buffer returned on a pool thread would wait in that thread's own slot, and the next one allocate anew).
        foreach (var reader in readers)
        {
            reader.ReturnBuffers();
        }

        if (failures.Where(f => f is not null).MinBy(f => f!.Value.Source) is { } first)
        {
            first.Error.Throw();
        }

        foreach (var reader in readers)
        {
            NotAdmitted += reader.NotAdmitted;
        }

        read?.Invoke(Sum(counts));

        void ReadSources(int thread)
        {
            var reader = readers[thread];
            int source;
            while (!Volatile.Read(ref failed) && (source = Interlocked.Increment(ref next)) < sources.Count)
            {
                try
                {
                    reader.Read(sources[source]);
                }
                catch (Exception e)
                {
                    // Sources taken before this one are still read to the end: an error there came first.
                    failures[thread] = (source, ExceptionDispatchInfo.Capture(e));
                    Volatile.Write(ref failed, true);
                    return;
                }
            }

            reader.Finish();
        }
    }

    /// <summary>The records all threads have read so far (each thread's count is updated every 4,096 of its records).</summary>
    private static long Sum(long[] counts)
    {
        long sum = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            sum += Volatile.Read(ref counts[i]);
        }

        return sum;
    }

    /// <summary>
    /// Applies a thread's batch to the shared tables: each partition while no other thread holds it, starting at this
    /// thread's share of the partitions and coming back to those that were busy.
    /// </summary>
    private void ApplyShared(StoreBatch<TEntry> batch, int thread, int threads)
    {
        var busy = _busy;
        var offset = thread * Partitions / threads;
        var left = 0;
        for (var p = 0; p < Partitions; p++)
        {
            left += batch.Fill[p] > 0 ? 1 : 0;
        }

        var spin = default(SpinWait);
        while (left > 0)
        {
            var applied = false;
            for (var k = 0; k < Partitions; k++)
            {
                var p = (offset + k) & (Partitions - 1);
                if (batch.Fill[p] == 0 || Interlocked.CompareExchange(ref busy[p], 1, 0) != 0)
                {
                    continue;
                }

                try
                {
                    ApplyPartition(batch, p);
                }
                finally
                {
                    Volatile.Write(ref busy[p], 0);
                }

                left--;
                applied = true;
            }

            if (!applied)
            {
                spin.SpinOnce();
            }
        }

        batch.ThrowRefused();
    }

    /// <summary>
    /// One thread of <see cref="AddConcurrently"/>: reads sources into a buffer of its own and applies it to the shared
    /// tables whenever a region is full, and at the end.
    /// </summary>
    private sealed class SourceReader<TSource, TReader>(PartitionedStore<TRecord, TEntry, THistory, TPeriod, TRules> owner, int thread, int threads, long[] counts, Action? progress, long indexed, string parameterName, CancellationToken cancellationToken)
        where TReader : IRecordReader<TSource, TRecord>
    {
        private readonly List<StoreBatch<TEntry>> _applied = [];
        private StoreBatch<TEntry>? _batch;
        private long _read; // by this thread, over its sources

        /// <summary>The records this thread met that the rules did not admit.</summary>
        public long NotAdmitted { get; private set; }

        /// <summary>Reads one source into the buffer (full regions are applied on the way).</summary>
        public void Read(RecordSource<TSource> source)
        {
            if (source.Slice is { } slice)
            {
                foreach (var record in slice(source.Start, source.Length))
                {
                    Take(record);
                    Tick();
                }
            }
            else
            {
                foreach (var record in source.Records!)
                {
                    Take(record);
                    Tick();
                }
            }

            Volatile.Write(ref counts[thread], _read);
        }

        /// <summary>Applies what is left in the buffer.</summary>
        public void Finish()
        {
            if (_batch is { } batch)
            {
                owner.ApplyShared(batch, thread, threads);
                _applied.Add(batch);
                _batch = null;
            }
        }

        /// <summary>Returns the applied buffers to the pool (a buffer left by an error is not: it may hold records).</summary>
        public void ReturnBuffers()
        {
            foreach (var batch in _applied)
            {
                batch.Return();
            }

            _applied.Clear();
        }

        /// <summary>
        /// The customers the indexed records project once a sixteenth of them is read (the customers applied so far,
        /// times all the records over those read), else 0. A batch sized for the customers applied so far is stepped up
        /// through every size as they arrive, each step a new buffer kept to the end: about twice the last one in all.
        /// Sized for the projection, it steps up once or twice. Where customers arrive early (a cohort), the
        /// projection is too high by as much as sixteen times, within the regions' cap.
        /// </summary>
        private int Projected()
        {
            var read = Math.Max(_read, Sum(counts));
            return indexed <= 0 || read * 16 < indexed ? 0 : (int)Math.Min((long)((double)owner.AppliedCustomers * indexed / read), Capacity.MaxCustomers);
        }

        private void Tick()
        {
            if (++_read % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Volatile.Write(ref counts[thread], _read);
                if (_read % ReportEvery == 0)
                {
                    progress?.Invoke();
                }
            }
        }

        private void Take(TSource element)
        {
            var record = TReader.Read(element, parameterName);
            if (!owner._rules.Admits(in record))
            {
                NotAdmitted++;
                return;
            }

            var batch = _batch ??= new StoreBatch<TEntry>(Partitions, owner.WantedRegion(Projected()));
            if (owner.Buffer(batch, in record))
            {
                owner.ApplyShared(batch, thread, threads);
                if (owner.WantedRegion(Projected()) > batch.Region)
                {
                    // More customers than when it was rented: a larger buffer applies more records per table load.
                    _applied.Add(batch);
                    _batch = null;
                }
            }
        }
    }
}
