using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Crm.Metrics.Storage;

/// <summary>
/// Where the engine's working arrays come from and go back to. Arrays under <see cref="LargeBytes"/> come from the
/// shared <see cref="ArrayPool{T}"/>. Larger ones — a store's buffers and tables, a day log, tens of megabytes for
/// a large base — are kept, once returned, only through weak references: a call that follows at once (the next
/// scorecard, the next month) takes them back, but they do not hold memory for the rest of the process. The shared
/// pool would keep them until it trims, every size and type apart, so that one-off work (a report that computes the
/// scorecards, then the models) grows by all of them; weakly kept, the next full collection reclaims them for the
/// work that follows. Large arrays have power-of-two lengths, as the pool's, so that one asked for again finds one
/// given back. Thread-safe.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal static class WorkArrays<T>
{
    /// <summary>From this size an array is large: kept weakly, not pooled.</summary>
    public const int LargeBytes = 1 << 20;

    /// <summary>The most large arrays of one length kept at once (more are left to the collector).</summary>
    private const int MostKeptPerLength = 1024;

    private static readonly int LargeLength = Math.Max(1, LargeBytes / Unsafe.SizeOf<T>());

    // Large arrays have power-of-two lengths (as the shared pool's), one list of weak references per length.
    private static readonly List<WeakReference<T[]>>?[] Kept = new List<WeakReference<T[]>>?[32];

    /// <summary>An array of at least <paramref name="minimumLength"/> elements, with whatever it held before.</summary>
    public static T[] Rent(int minimumLength)
    {
        if (minimumLength < LargeLength)
        {
            return ArrayPool<T>.Shared.Rent(minimumLength);
        }

        if (minimumLength > 1 << 30)
        {
            return GC.AllocateUninitializedArray<T>(minimumLength); // beyond the largest power of two kept
        }

        var length = (int)BitOperations.RoundUpToPowerOf2((uint)minimumLength);
        var kept = Kept[BitOperations.Log2((uint)length)];
        if (kept is not null)
        {
            lock (kept)
            {
                while (kept.Count > 0)
                {
                    var last = kept[^1];
                    kept.RemoveAt(kept.Count - 1);
                    if (last.TryGetTarget(out var array))
                    {
                        return array;
                    }
                }
            }
        }

        return GC.AllocateUninitializedArray<T>(length);
    }

    /// <summary>
    /// Gives <paramref name="array"/> back (from <see cref="Rent"/> only). Arrays that hold references are cleared
    /// when <paramref name="clearArray"/> is set, so that what they pointed to is not kept alive by a later use.
    /// </summary>
    public static void Return(T[] array, bool clearArray = false)
    {
        if (array.Length < LargeLength)
        {
            ArrayPool<T>.Shared.Return(array, clearArray);
            return;
        }

        if (!BitOperations.IsPow2(array.Length))
        {
            return; // beyond the largest length kept: the collector's
        }

        if (clearArray)
        {
            Array.Clear(array);
        }

        var slot = BitOperations.Log2((uint)array.Length);
        var kept = Kept[slot] ?? Interlocked.CompareExchange(ref Kept[slot], [], null) ?? Kept[slot]!;
        lock (kept)
        {
            if (kept.Count < MostKeptPerLength)
            {
                kept.Add(new WeakReference<T[]>(array));
            }
        }
    }

    /// <summary>How many large arrays are kept and still alive (for tests).</summary>
    internal static int KeptAlive()
    {
        var alive = 0;
        foreach (var kept in Kept)
        {
            if (kept is not null)
            {
                lock (kept)
                {
                    alive += kept.Count(k => k.TryGetTarget(out _));
                }
            }
        }

        return alive;
    }
}
