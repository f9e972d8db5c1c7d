using System.Buffers;
using System.Runtime.CompilerServices;

namespace Crm.Metrics.Storage;

/// <summary>
/// Where the engine's working arrays come from and go back to. Arrays under <see cref="LargeBytes"/> come from the
/// shared <see cref="ArrayPool{T}"/>. Larger ones — a store's buffers and tables, a day log, tens of megabytes for
/// a large base — are kept, once returned, only through weak references: a call that follows at once (the next
/// scorecard, the next month) takes them back, but they do not hold memory for the rest of the process. The shared
/// pool would keep them until it trims, every size and type apart, so that one-off work (a report that computes the
/// scorecards, then the models) grows by all of them; weakly kept, the next full collection reclaims them for the
/// work that follows. Thread-safe.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal static class WorkArrays<T>
{
    /// <summary>From this size an array is large: kept weakly, not pooled.</summary>
    public const int LargeBytes = 1 << 20;

    /// <summary>The most large arrays kept at once (more are left to the collector).</summary>
    private const int MostKept = 32;

    private static readonly int LargeLength = Math.Max(1, LargeBytes / Unsafe.SizeOf<T>());
    private static readonly object Gate = new();
    private static readonly List<WeakReference<T[]>> Kept = [];

    /// <summary>An array of at least <paramref name="minimumLength"/> elements, with whatever it held before.</summary>
    public static T[] Rent(int minimumLength)
    {
        if (minimumLength < LargeLength)
        {
            return ArrayPool<T>.Shared.Rent(minimumLength);
        }

        lock (Gate)
        {
            // The shortest kept array that fits and is at most twice as long as asked; dead references go.
            var best = -1;
            T[]? found = null;
            for (var i = Kept.Count - 1; i >= 0; i--)
            {
                if (!Kept[i].TryGetTarget(out var array))
                {
                    Kept.RemoveAt(i);
                    best = best > i ? best - 1 : best;
                    continue;
                }

                if (array.Length >= minimumLength && array.Length / 2 <= minimumLength && (found is null || array.Length < found.Length))
                {
                    (best, found) = (i, array);
                }
            }

            if (found is not null)
            {
                Kept.RemoveAt(best);
                return found;
            }
        }

        return GC.AllocateUninitializedArray<T>(minimumLength);
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

        if (clearArray)
        {
            Array.Clear(array);
        }

        lock (Gate)
        {
            if (Kept.Count < MostKept)
            {
                Kept.Add(new WeakReference<T[]>(array));
            }
        }
    }

    /// <summary>How many large arrays are kept and still alive (for tests).</summary>
    internal static int KeptAlive()
    {
        lock (Gate)
        {
            return Kept.Count(k => k.TryGetTarget(out _));
        }
    }
}
