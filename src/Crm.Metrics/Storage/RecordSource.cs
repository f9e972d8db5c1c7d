namespace Crm.Metrics.Storage;

/// <summary>
/// Records one thread of a concurrent read takes at a time: <paramref name="Slice"/>'s [<paramref name="Start"/>,
/// <paramref name="Start"/> + <paramref name="Length"/>) when a slice is given, else <paramref name="Records"/>.
/// </summary>
internal readonly record struct RecordSource<T>(IEnumerable<T>? Records, SpanSlice<T>? Slice = null, int Start = 0, int Length = 0)
{
    /// <summary>
    /// Records per chunk of an indexed source: small enough for the threads to finish within a few milliseconds
    /// of each other, large enough that taking one costs nothing.
    /// </summary>
    public const int ChunkSize = 1 << 14;

    /// <summary>Adds a source to <paramref name="sources"/>: an array, list or array segment as chunks, anything else whole.</summary>
    public static void Of(List<RecordSource<T>> sources, IEnumerable<T> records)
    {
        if (TryIndexed(records, out var slice, out var length))
        {
            AddChunks(sources, slice, 0, length);
        }
        else
        {
            sources.Add(new RecordSource<T>(records));
        }
    }

    /// <summary>Whether <paramref name="records"/> is an array, list or array segment, read as spans of it.</summary>
    public static bool TryIndexed(IEnumerable<T>? records, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SpanSlice<T>? slice, out int length)
    {
        switch (records)
        {
            case T[] array:
                slice = (start, n) => new ReadOnlySpan<T>(array, start, n);
                length = array.Length;
                return true;
            case ArraySegment<T> segment:
                slice = (start, n) => segment.AsSpan(start, n);
                length = segment.Count;
                return true;
            case List<T> list:
                slice = (start, n) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list).Slice(start, n);
                length = list.Count;
                return true;
            default:
                slice = null;
                length = 0;
                return false;
        }
    }

    /// <summary>Adds [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of an indexed source as chunks.</summary>
    public static void AddChunks(List<RecordSource<T>> sources, SpanSlice<T> slice, int start, int length)
    {
        for (var chunk = start; chunk < start + length; chunk += ChunkSize)
        {
            sources.Add(new RecordSource<T>(null, slice, chunk, Math.Min(ChunkSize, start + length - chunk)));
        }
    }
}
