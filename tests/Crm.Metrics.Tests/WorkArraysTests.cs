using System.Runtime.CompilerServices;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Tests;

/// <summary>
/// The engine's working arrays are reused by a call that follows, but not held for the rest of the process: once no
/// call has them, a full collection reclaims them. Tiny ones come from the shared pool. Each test uses its own element
/// type, so that the engine's own use of the arrays (other tests in parallel) does not interfere.
/// </summary>
public class WorkArraysTests
{
    private static int LargeLength<T>() => WorkArrays<T>.LargeBytes / Unsafe.SizeOf<T>();

    private static int KeptLength<T>() => WorkArrays<T>.KeptBytes / Unsafe.SizeOf<T>();

    [Fact]
    public void A_large_array_given_back_is_handed_out_again_while_it_lives()
    {
        var length = LargeLength<Reused>();
        var first = WorkArrays<Reused>.Rent(3 * length);
        Assert.Equal(4 * length, first.Length); // a power of two, as the shared pool's
        WorkArrays<Reused>.Return(first);

        // Not for an ask of half its length or less: a new array is cheaper than holding a much larger one.
        var small = WorkArrays<Reused>.Rent(2 * length);
        Assert.NotSame(first, small);
        Assert.Equal(2 * length, small.Length);

        var second = WorkArrays<Reused>.Rent((2 * length) + 1);
        Assert.Same(first, second);
        GC.KeepAlive(small);
    }

    [Fact]
    public void Many_large_arrays_given_back_are_all_handed_out_again()
    {
        // A store of many partitions gives back hundreds of tables at once; the next call takes them all back.
        AllHandedOutAgain<Many>(300, LargeLength<Many>());
    }

    [Fact]
    public void Many_small_arrays_given_back_at_once_are_all_handed_out_again()
    {
        // The partitions of a cluster job are small stores of 64 tables each, read side by side: they give back
        // thousands of arrays of a few hundred bytes, more than the shared pool keeps of one size.
        AllHandedOutAgain<Small>(3_000, 2 * KeptLength<Small>());
    }

    [Fact]
    public void A_small_array_no_call_holds_is_reclaimed_by_a_full_collection()
    {
        // Held, not weakly kept (a young collection would take it at once), until a full collection.
        ReclaimedByAFullCollection<SmallReclaimed>(KeptLength<SmallReclaimed>());
    }

    [Fact]
    public void A_large_array_no_call_holds_is_reclaimed_by_a_full_collection()
    {
        ReclaimedByAFullCollection<Reclaimed>(LargeLength<Reclaimed>());

        // Asked again, the array is a new one.
        Assert.Equal(LargeLength<Reclaimed>() * 2, WorkArrays<Reclaimed>.Rent((LargeLength<Reclaimed>() * 2) - 1).Length);
    }

    [Fact]
    public void Tiny_arrays_come_from_the_shared_pool()
    {
        var array = WorkArrays<Pooled>.Rent((KeptLength<Pooled>() / 2) - 3);
        Assert.Equal(KeptLength<Pooled>() / 2, array.Length); // the shared pool's power of two
        WorkArrays<Pooled>.Return(array);
        Assert.Equal(0, WorkArrays<Pooled>.KeptAlive());
    }

    [Fact]
    public void Arrays_of_references_are_cleared_when_asked_so_a_later_use_keeps_nothing_alive()
    {
        var array = WorkArrays<string?>.Rent(LargeLength<string?>());
        Array.Fill(array, "kept?");
        WorkArrays<string?>.Return(array, clearArray: true);
        Assert.All(array, item => Assert.Null(item));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<T[]> RentAndReturn<T>(int length)
    {
        var array = WorkArrays<T>.Rent(length);
        WorkArrays<T>.Return(array);
        return new WeakReference<T[]>(array);
    }

    /// <summary>
    /// Makes the shelf of <paramref name="length"/> and lets two full collections pass: a shelf of small arrays
    /// registers a callback object (see FullCollections), and while that object is young, a younger collection may
    /// call it back too, emptying the shelf. Once it lives in the oldest generation, only full collections do.
    /// </summary>
    private static void ShelfSettled<T>(int length)
    {
        WorkArrays<T>.Return(WorkArrays<T>.Rent(length));
        for (var i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>Gives back an array of <paramref name="length"/>, kept; after a full collection it is gone.</summary>
    private static void ReclaimedByAFullCollection<T>(int length)
    {
        ShelfSettled<T>(length);
        WeakReference<T[]> weak;
        for (var attempt = 0; ; attempt++)
        {
            // Kept until a full collection: one of another test's, running beside this one, may come between the
            // return and the count, and then the array is given back again.
            var collections = GC.CollectionCount(2);
            GC.WaitForPendingFinalizers();
            weak = RentAndReturn<T>(length);
            var kept = WorkArrays<T>.KeptAlive();
            if (GC.CollectionCount(2) != collections && attempt < 5)
            {
                continue;
            }

            Assert.Equal(1, kept);
            break;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.TryGetTarget(out _));
        Assert.Equal(0, WorkArrays<T>.KeptAlive());
    }

    /// <summary>
    /// Rents <paramref name="count"/> arrays, gives them all back, and rents as many again: the same arrays. A full
    /// collection in between may take them (that is the point of keeping them only so long), so the check is made
    /// again when one happened.
    /// </summary>
    private static void AllHandedOutAgain<T>(int count, int length)
    {
        ShelfSettled<T>(length);
        for (var attempt = 0; ; attempt++)
        {
            // A full collection empties the shelves from the finalizer thread, after it ends: one that ended before
            // this count is waited for here, and a later one changes the count.
            var collections = GC.CollectionCount(2);
            GC.WaitForPendingFinalizers();
            var arrays = Enumerable.Range(0, count).Select(_ => WorkArrays<T>.Rent(length)).ToList();
            Assert.All(arrays, a => Assert.Equal((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length), a.Length));
            arrays.ForEach(a => WorkArrays<T>.Return(a));
            var kept = WorkArrays<T>.KeptAlive();
            var again = Enumerable.Range(0, count).Select(_ => WorkArrays<T>.Rent(length)).ToList();
            if (GC.CollectionCount(2) != collections && attempt < 5)
            {
                continue;
            }

            Assert.Equal(count, kept);
            Assert.Equal(arrays.ToHashSet(ReferenceEqualityComparer.Instance), again.ToHashSet(ReferenceEqualityComparer.Instance));
            again.ForEach(a => WorkArrays<T>.Return(a));
            return;
        }
    }

    // Element types of eight bytes, one per test.
    private readonly record struct Reused(long A);

    private readonly record struct Reclaimed(long A);

    private readonly record struct Pooled(long A);

    private readonly record struct Many(long A);

    private readonly record struct Small(long A);

    private readonly record struct SmallReclaimed(long A);
}
