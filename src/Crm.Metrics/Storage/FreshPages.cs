using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Crm.Metrics.Storage;

/// <summary>
/// Large arrays written once per memory page as they are made. A large array comes on pages fresh from the system,
/// not yet mapped: the first access that reads a page (a lookup in a new hash table, a customer's state read before
/// it is updated, the collector scanning an array of references) maps it to the shared page of zeros, and the first
/// write after that has the system replace the mapping and flush it from every core, which waits for all of them. A
/// page written first is simply mapped. Measured in docs/performance.md.
/// </summary>
internal static class FreshPages
{
    /// <summary>The page size stepped by: 4 KiB (a larger page is written several times, which costs nothing more).</summary>
    public const int PageBytes = 4096;

    /// <summary>From this size an array is on the large-object heap, whose pages may be fresh (smaller ones are in memory already written).</summary>
    public const int LargeObjectBytes = 85_000;

    /// <summary>A new array of <paramref name="length"/> elements, zeroed, with its pages written (see <see cref="Touched"/>).</summary>
    public static T[] New<T>(int length) => Touched(new T[length]);

    /// <summary>
    /// A new array of <paramref name="length"/> plain values whose contents are undefined and whose pages are not
    /// written: for an array filled in order, each element written before it is read, of which only a part may ever be
    /// used (the system maps the pages as the writes reach them).
    /// </summary>
    /// <remarks>An array of references, or of values holding them, comes zeroed, as the collector needs.</remarks>
    public static T[] Unwritten<T>(int length) => GC.AllocateUninitializedArray<T>(length);

    /// <summary>As <see cref="Array.Resize{T}"/> to a larger length: a new array with its pages written, the elements copied.</summary>
    public static void Resize<T>(ref T[] array, int length)
    {
        var larger = New<T>(length);
        Array.Copy(array, larger, Math.Min(array.Length, length));
        array = larger;
    }

    /// <summary>
    /// <paramref name="array"/>, a zero byte written every <see cref="PageBytes"/> from its first element and at its
    /// last byte when it is large: every page it spans is written, wherever its elements start. A zero is
    /// what a fresh page holds, and null in an array of references; in a reused page it lands in contents an
    /// uninitialised array leaves undefined anyway, so call it on new or uninitialised arrays only.
    /// </summary>
    public static T[] Touched<T>(T[] array)
    {
        var bytes = (nint)array.Length * Unsafe.SizeOf<T>();
        if (bytes < LargeObjectBytes)
        {
            return array;
        }

        ref var first = ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(array));
        for (nint at = 0; at < bytes; at += PageBytes)
        {
            Unsafe.AddByteOffset(ref first, at) = 0;
        }

        // The steps start where the elements do, not at a page boundary: the last page may lie past the last step.
        Unsafe.AddByteOffset(ref first, bytes - 1) = 0;

        return array;
    }
}
