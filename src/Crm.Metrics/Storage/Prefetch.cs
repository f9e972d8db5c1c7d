namespace Crm.Metrics.Storage;

/// <summary>
/// Asks the processor to bring a value's cache line in ahead of its use, so that independent lookups that each miss
/// the cache overlap instead of waiting in turn. A hint only: on processors without it nothing happens.
/// </summary>
internal static class Prefetch
{
    /// <summary>Hints the processor to fetch the cache line of <paramref name="value"/> (x86; elsewhere nothing).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static unsafe void Line<T>(ref T value)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref value));
        }
    }

    /// <summary>Hints the processor to fetch the first characters of <paramref name="value"/> (for scans that read ids scattered over the heap).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Chars(string? value)
    {
        if (value is { Length: > 0 })
        {
            Line(ref System.Runtime.CompilerServices.Unsafe.AsRef(in value.GetPinnableReference()));
        }
    }
}
