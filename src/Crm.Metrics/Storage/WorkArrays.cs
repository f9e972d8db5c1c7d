using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Crm.Metrics.Storage;

/// <summary>
/// Where the engine's working arrays come from and go back to. Tiny arrays (under <see cref="KeptBytes"/>) come from
/// the shared <see cref="ArrayPool{T}"/>. Every other one — a store's buffers and tables, a day log, from a few
/// hundred bytes to tens of megabytes — is kept once returned until a call takes it again (the next scorecard, the
/// next month, the next partition of a cluster job) or until the next full collection, which reclaims what nobody
/// took: the arrays do not hold memory for the rest of the process.
/// <para>
/// The shared pool would keep large arrays until it trims, every size and type apart, so that one-off work (a report
/// that computes the scorecards, then the models) grows by all of them. And it keeps only a few dozen arrays of a
/// size: a store has 64 customer tables, and several small stores at once (the partitions of a cluster job, each
/// read on its own) give back thousands of arrays of one size, so most of them were dropped and allocated again.
/// </para>
/// <para>Kept arrays have power-of-two lengths, as the pool's, so that one asked for again finds one given back. Thread-safe.</para>
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal static class WorkArrays<T>
{
    /// <summary>From this size an array given back is kept on a shelf of its length (see <see cref="Shelf"/>), not pooled.</summary>
    public const int KeptBytes = 256;

    /// <summary>From this size an array is large: allocated without clearing when none is kept.</summary>
    public const int LargeBytes = 1 << 20;

    /// <summary>The most arrays of one length kept at once (more are left to the collector).</summary>
    internal const int MostKeptPerLength = 1 << 14;


    /// <summary>The shortest array the shared pool hands out for a length above zero.</summary>
    private const int SharedMinimumLength = 16;

    private static readonly int KeptLength = Math.Max(1, KeptBytes / Unsafe.SizeOf<T>());

    private static readonly int LargeLength = Math.Max(1, LargeBytes / Unsafe.SizeOf<T>());

    // One shelf per power-of-two length, made when an array of that length is first given back.
    private static readonly Shelf?[] Shelves = new Shelf?[32];

    /// <summary>An array of at least <paramref name="minimumLength"/> elements, with whatever it held before.</summary>
    public static T[] Rent(int minimumLength)
    {
        if (minimumLength > 1 << 30)
        {
            return GC.AllocateUninitializedArray<T>(minimumLength); // beyond the largest power of two kept
        }

        // The length the shared pool would give (a power of two, at least 16) decides, as in Return.
        var length = Math.Max(SharedMinimumLength, (int)BitOperations.RoundUpToPowerOf2((uint)minimumLength));
        if (length < KeptLength || minimumLength == 0)
        {
            return ArrayPool<T>.Shared.Rent(minimumLength);
        }

        if (Volatile.Read(ref Shelves[BitOperations.Log2((uint)length)])?.Take() is { } kept)
        {
            return kept;
        }

        return length >= LargeLength ? FreshPages.Touched(GC.AllocateUninitializedArray<T>(length)) : new T[length];
    }

    /// <summary>
    /// Gives <paramref name="array"/> back (from <see cref="Rent"/> only). Arrays that hold references are cleared
    /// when <paramref name="clearArray"/> is set, so that what they pointed to is not kept alive by a later use.
    /// </summary>
    public static void Return(T[] array, bool clearArray = false)
    {
        if (array.Length < KeptLength)
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
        (Volatile.Read(ref Shelves[slot]) ?? ShelfOf(slot, array.Length)).Put(array);
    }

    /// <summary>
    /// The shelf of a length, made the first time an array of it is given back: under a lock, so that exactly one is
    /// made (a shelf of small arrays registers for the full collections' callback for the rest of the process).
    /// </summary>
    private static Shelf ShelfOf(int slot, int length)
    {
        lock (Shelves)
        {
            if (Shelves[slot] is { } made)
            {
                return made;
            }

            var shelf = new Shelf(length);
            Volatile.Write(ref Shelves[slot], shelf);
            return shelf;
        }
    }

    /// <summary>
    /// Makes <paramref name="array"/> (from <see cref="Rent"/>, or empty) hold at least <paramref name="needed"/>
    /// elements: a rented one at least twice as long, with its elements copied, the old one given back.
    /// </summary>
    public static void Grow(ref T[] array, int needed)
    {
        if (needed <= array.Length)
        {
            return;
        }

        var bigger = Rent(Math.Max(needed, array.Length * 2));
        Array.Copy(array, bigger, array.Length);
        if (array.Length > 0)
        {
            Return(array);
        }

        array = bigger;
    }

    /// <summary>How many arrays are kept and still alive (for tests).</summary>
    internal static int KeptAlive() => Shelves.Sum(shelf => shelf?.Alive() ?? 0);

    /// <summary>
    /// The arrays of one length given back. Arrays on the large-object heap are held through weak references: they
    /// live until the next full collection anyway, and it reclaims them if nobody took them. Smaller arrays are held
    /// (a young collection would take a weakly held one at once, and the next call would allocate it again) until the
    /// next full collection empties the shelf (<see cref="FullCollections"/>). Weak references are reused: one whose
    /// array was taken waits, without a target, above the kept ones for the next array given back.
    /// </summary>
    private sealed class Shelf
    {
        private readonly object _gate = new();
        private readonly bool _weak;
        private object?[] _kept = new object?[16]; // arrays, or weak references to them; [0, _count) are kept
        private int _count;

        public Shelf(int length)
        {
            _weak = (long)length * Unsafe.SizeOf<T>() >= FreshPages.LargeObjectBytes;
            if (!_weak)
            {
                FullCollections.Notify(Empty);
            }
        }

        /// <summary>The last array given back that is still alive, or null.</summary>
        public T[]? Take()
        {
            lock (_gate)
            {
                while (_count > 0)
                {
                    var kept = _kept[--_count];
                    if (!_weak)
                    {
                        _kept[_count] = null;
                        return (T[])kept!;
                    }

                    var reference = (WeakReference<T[]>)kept!;
                    if (reference.TryGetTarget(out var array))
                    {
                        reference.SetTarget(null!);
                        return array;
                    }
                }

                return null;
            }
        }

        /// <summary>Keeps <paramref name="array"/>, unless <see cref="MostKeptPerLength"/> are kept already.</summary>
        public void Put(T[] array)
        {
            lock (_gate)
            {
                if (_count == _kept.Length)
                {
                    if (_count == MostKeptPerLength)
                    {
                        return;
                    }

                    Array.Resize(ref _kept, Math.Min(MostKeptPerLength, 2 * _count));
                }

                if (!_weak)
                {
                    _kept[_count++] = array;
                }
                else if (_kept[_count] is WeakReference<T[]> reference)
                {
                    reference.SetTarget(array);
                    _count++;
                }
                else
                {
                    _kept[_count++] = new WeakReference<T[]>(array);
                }
            }
        }

        /// <summary>How many kept arrays are still alive.</summary>
        public int Alive()
        {
            lock (_gate)
            {
                return _weak ? _kept.Take(_count).Count(k => ((WeakReference<T[]>)k!).TryGetTarget(out _)) : _count;
            }
        }

        /// <summary>Lets the collector have every array held.</summary>
        private void Empty()
        {
            lock (_gate)
            {
                Array.Clear(_kept, 0, _count);
                _count = 0;
            }
        }
    }
}
