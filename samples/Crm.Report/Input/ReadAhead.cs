using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Crm.Report.Input;

/// <summary>
/// Runs a producer on another thread, a few chunks ahead of the one enumerating what it hands on, so that reading and
/// parsing a file overlaps what is done with its rows. Items come out once each, in the order they were handed on.
/// </summary>
internal static class ReadAhead
{
    /// <summary>
    /// Bytes per chunk handed from the producer's thread: 32 KiB, well below the large-object heap's 85,000 bytes, so
    /// that a chunk is a young object like the rows it holds (a chunk on the large-object heap would be collected only
    /// with the whole heap, and every row stored in it would be marked for the younger collections to scan).
    /// </summary>
    public const int ChunkBytes = 32 * 1024;

    /// <summary>Chunks that may wait, full, for the enumeration.</summary>
    public const int ChunksAhead = 4;

    /// <summary>Items per chunk: <see cref="ChunkBytes"/> of them (4,096 references, 341 purchase records).</summary>
    public static int ChunkItems<T>() => ChunkBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    /// <summary>
    /// The items <paramref name="produce"/> hands to its callback, in that order. An exception of the producer is
    /// thrown here in place of the chunk it happened in (the items before that chunk have come out); an enumeration
    /// left early stops the producer (its callback throws <see cref="OperationCanceledException"/>) and waits for it
    /// to return, so that what it opened is closed when the enumeration is disposed. The chunks go back to the producer
    /// once enumerated: a read allocates a few chunks, not one per <see cref="ChunkBytes"/> of items.
    /// </summary>
    public static IEnumerable<T> Run<T>(Action<Action<T>> produce)
    {
        using var ahead = new BlockingCollection<(T[] Items, int Count)>(ChunksAhead);
        using var stop = new CancellationTokenSource();
        var spare = new ConcurrentBag<T[]>(); // chunks enumerated, for the producer to fill again
        Exception? failure = null;
        var producer = Task.Run(() =>
        {
            var size = ChunkItems<T>();
            var chunk = new T[size];
            var count = 0;
            try
            {
                produce(item =>
                {
                    chunk[count++] = item;
                    if (count == size)
                    {
                        ahead.Add((chunk, count), stop.Token);
                        chunk = spare.TryTake(out var reused) ? reused : new T[size];
                        count = 0;
                    }
                });

                if (count > 0)
                {
                    ahead.Add((chunk, count), stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The enumeration was left early.
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                ahead.CompleteAdding();
            }
        });

        try
        {
            foreach (var (items, count) in ahead.GetConsumingEnumerable())
            {
                for (var i = 0; i < count; i++)
                {
                    yield return items[i];
                }

                spare.Add(items);
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            stop.Cancel();
            producer.GetAwaiter().GetResult(); // never throws: the producer keeps its failure
        }
    }
}
