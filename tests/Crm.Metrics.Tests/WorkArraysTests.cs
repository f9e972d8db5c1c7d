using System.Runtime.CompilerServices;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Tests;

/// <summary>
/// The engine's large working arrays are reused by a call that follows, but not held for the rest of the process:
/// once no call has them, a full collection reclaims them. Small ones come from the shared pool. Each test uses its
/// own element type, so that the engine's own use of the arrays (other tests in parallel) does not interfere.
/// </summary>
public class WorkArraysTests
{
    private static int LargeLength<T>() => WorkArrays<T>.LargeBytes / Unsafe.SizeOf<T>();

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
        var arrays = Enumerable.Range(0, 300).Select(_ => WorkArrays<Many>.Rent(LargeLength<Many>())).ToList();
        arrays.ForEach(a => WorkArrays<Many>.Return(a));
        var again = Enumerable.Range(0, 300).Select(_ => WorkArrays<Many>.Rent(LargeLength<Many>())).ToList();
        Assert.Equal(arrays.ToHashSet(ReferenceEqualityComparer.Instance), again.ToHashSet(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public void A_large_array_no_call_holds_is_reclaimed_by_a_full_collection()
    {
        var weak = RentAndReturn();
        Assert.Equal(1, WorkArrays<Reclaimed>.KeptAlive());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.TryGetTarget(out _));
        Assert.Equal(0, WorkArrays<Reclaimed>.KeptAlive());

        // Asked again, the array is a new one.
        Assert.Equal(LargeLength<Reclaimed>() * 2, WorkArrays<Reclaimed>.Rent((LargeLength<Reclaimed>() * 2) - 1).Length);
    }

    [Fact]
    public void Small_arrays_come_from_the_shared_pool()
    {
        var array = WorkArrays<Pooled>.Rent(100);
        Assert.Equal(128, array.Length); // the shared pool's power of two
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
    private static WeakReference<Reclaimed[]> RentAndReturn()
    {
        var array = WorkArrays<Reclaimed>.Rent(LargeLength<Reclaimed>());
        WorkArrays<Reclaimed>.Return(array);
        return new WeakReference<Reclaimed[]>(array);
    }

    // Element types of eight bytes, one per test.
    private readonly record struct Reused(long A);

    private readonly record struct Reclaimed(long A);

    private readonly record struct Pooled(long A);

    private readonly record struct Many(long A);
}
