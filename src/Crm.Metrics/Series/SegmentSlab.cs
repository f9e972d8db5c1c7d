namespace Crm.Metrics.Series;

/// <summary>
/// The segment rows of one customer table of a series, in pooled pages: each customer's rows lie together in a chunk
/// of a page (ascending by segment); a chunk that fills up moves to one twice its size, and the chunk it leaves is kept
/// for the next customer that needs one of that size. No row is an object of its own — a series of a million customers
/// adds nothing for the garbage collector to trace or move — and pages are added, never copied, as the rows grow.
/// </summary>
internal sealed class SegmentSlab : IDisposable
{
    private const int Classes = 31;

    /// <summary>The smallest page: 2^11 rows.</summary>
    private const int MinPageBits = 11;

    private readonly int _pageBits;
    private readonly int[] _free = CreateFree(); // per size class (capacity 2^c): the first free chunk, or −1
    private readonly List<SegmentRow[]> _pages = [];
    private int _lastUsed; // slots handed out in the last page

    /// <param name="segments">The series' segments: a customer has at most one row per segment, and its chunk fits in a page.</param>
    /// <remarks>
    /// A page holds 2,048 rows, or more where one chunk of every segment needs more. A store has 64 tables, each with a
    /// slab of its own, so a small page leaves few rows unused: the slabs grow with the customers' rows instead of
    /// taking a large page per table from the first customer on. A page of 2,048 rows is still on the large-object
    /// heap, so the young collections that run while the rows fill do not copy it.
    /// </remarks>
    public SegmentSlab(int segments) => _pageBits = Math.Max(MinPageBits, System.Numerics.BitOperations.Log2(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)segments)));

    /// <summary>A customer's rows, ascending by segment.</summary>
    public ReadOnlySpan<SegmentRow> Of(in SeriesHistory history) =>
        history.Count == 0 ? default : _pages[history.Offset >> _pageBits].AsSpan(history.Offset & PageMask, history.Count);

    private int PageMask => (1 << _pageBits) - 1;

    /// <summary>The row of <paramref name="segment"/> in <paramref name="history"/>'s chunk for updating, created (empty) in its place when new.</summary>
    public ref SegmentRow RowFor(ref SeriesHistory history, int segment)
    {
        if (history.Count == 0)
        {
            if (history.Capacity == 0)
            {
                Move(ref history, 1);
            }

            history.Count = 1;
            ref var first = ref Slot(history.Offset);
            first = new SegmentRow { Segment = segment };
            return ref first;
        }

        var page = _pages[history.Offset >> _pageBits];
        var start = history.Offset & PageMask;

        // Purchases mostly arrive in time order: the last row is the likeliest.
        var k = history.Count - 1;
        while (k >= 0 && page[start + k].Segment > segment)
        {
            k--;
        }

        if (k >= 0 && page[start + k].Segment == segment)
        {
            return ref page[start + k];
        }

        if (history.Count == history.Capacity)
        {
            Move(ref history, history.Capacity * 2);
            page = _pages[history.Offset >> _pageBits];
            start = history.Offset & PageMask;
        }

        // Insert after row k, shifting the later ones up.
        var at = start + k + 1;
        Array.Copy(page, at, page, at + 1, start + history.Count - at);
        page[at] = new SegmentRow { Segment = segment };
        history.Count++;
        return ref page[at];
    }

    /// <summary>Returns the pages to the pool; the slab is empty afterwards.</summary>
    public void Dispose()
    {
        foreach (var page in _pages)
        {
            Storage.WorkArrays<SegmentRow>.Return(page);
        }

        _pages.Clear();
        _lastUsed = 0;
        Array.Fill(_free, -1);
    }

    private static int[] CreateFree()
    {
        var free = new int[Classes];
        Array.Fill(free, -1);
        return free;
    }

    private ref SegmentRow Slot(int offset) => ref _pages[offset >> _pageBits][offset & PageMask];

    private void Move(ref SeriesHistory history, int capacity)
    {
        var size = System.Numerics.BitOperations.Log2((uint)capacity);
        int offset;
        if (_free[size] >= 0)
        {
            offset = _free[size];
            _free[size] = Slot(offset).Segment;
        }
        else
        {
            // A chunk never spans two pages: what is left of the last page when it does not fit is left unused.
            var pageSize = 1 << _pageBits;
            if (_pages.Count == 0 || _lastUsed + capacity > pageSize)
            {
                _pages.Add(Storage.WorkArrays<SegmentRow>.Rent(pageSize));
                _lastUsed = 0;
            }

            offset = ((_pages.Count - 1) << _pageBits) + _lastUsed;
            _lastUsed += capacity;
        }

        if (history.Count > 0)
        {
            Of(history).CopyTo(_pages[offset >> _pageBits].AsSpan(offset & PageMask));
        }

        if (history.Capacity > 0)
        {
            // The chunk left behind heads its size's free list.
            var left = System.Numerics.BitOperations.Log2((uint)history.Capacity);
            Slot(history.Offset).Segment = _free[left];
            _free[left] = history.Offset;
        }

        history.Offset = offset;
        history.Capacity = capacity;
    }
}
