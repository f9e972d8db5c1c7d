using Crm.Domain.Activity;
using Crm.Domain.Customers;

namespace Crm.Metrics.Internal;

/// <summary>Something that takes every kind of record a data set holds: a scorecard accumulator, or a router of records to groups.</summary>
internal interface IRecordSink
{
    void Add(Customer customer);

    void Add(Purchase purchase);

    void Add(SurveyResponse response);

    void Add(CostEntry entry);

    void Add(Complaint complaint);

    void Add(Feedback feedback);

    void Add(Lead lead);

    /// <summary>Declares kinds of record as part of the data, even if none is added.</summary>
    void MarkSupplied(DataSources sources);
}

/// <summary>The records [start, start + length) of an indexed source (an array, a list) as a span.</summary>
internal delegate ReadOnlySpan<T> SpanSlice<T>(int start, int length);

/// <summary>
/// Purchases one thread of a concurrent read takes at a time: <paramref name="Slice"/>'s [<paramref name="Start"/>,
/// <paramref name="Start"/> + <paramref name="Length"/>) when a slice is given, else <paramref name="Records"/>.
/// </summary>
internal readonly record struct PurchaseSource(IEnumerable<Purchase>? Records, SpanSlice<Purchase>? Slice = null, int Start = 0, int Length = 0)
{
    /// <summary>
    /// Purchases per chunk of an indexed source: small enough for the threads to finish within a few milliseconds
    /// of each other, large enough that taking one costs nothing.
    /// </summary>
    public const int ChunkSize = 1 << 14;

    /// <summary>Adds a source to <paramref name="sources"/>: an array, list or array segment as chunks, anything else whole.</summary>
    public static void Of(List<PurchaseSource> sources, IEnumerable<Purchase> records)
    {
        if (TryIndexed(records, out var slice, out var length))
        {
            AddChunks(sources, slice, 0, length);
        }
        else
        {
            sources.Add(new PurchaseSource(records));
        }
    }

    /// <summary>Whether <paramref name="records"/> is an array, list or array segment, read as spans of it.</summary>
    public static bool TryIndexed(IEnumerable<Purchase>? records, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SpanSlice<Purchase>? slice, out int length)
    {
        switch (records)
        {
            case Purchase[] array:
                slice = (start, n) => new ReadOnlySpan<Purchase>(array, start, n);
                length = array.Length;
                return true;
            case ArraySegment<Purchase> segment:
                slice = (start, n) => segment.AsSpan(start, n);
                length = segment.Count;
                return true;
            case List<Purchase> list:
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
    public static void AddChunks(List<PurchaseSource> sources, SpanSlice<Purchase> slice, int start, int length)
    {
        for (var chunk = start; chunk < start + length; chunk += ChunkSize)
        {
            sources.Add(new PurchaseSource(null, slice, chunk, Math.Min(ChunkSize, start + length - chunk)));
        }
    }
}
