using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Segments;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>
/// The customer rows of the scorecard, summary and RFM states — the part of a state that grows with the customers —
/// packed into one byte array that Orleans copies as a block: a row count, then each row's fields in a fixed order
/// (a flags byte first), numbers as varints, decimals and strings exactly (see <see cref="PackWriter"/>; each
/// family's fields in its <see cref="RowFormat{TRow, TItem}"/>). Reading and writing them field by field through
/// Orleans' codecs, with a header per field and an object per row, cost about as much as computing the states. A row
/// packs exactly as written, null members and null rows included, and reads back to an equal row; malformed bytes are
/// refused by <see cref="PackReader"/>, and the rows' values are checked on merge like any state's.
/// </summary>
internal static class PackedRows
{
    private const byte NullRow = 0x80;

    // How many rows ahead the id strings are asked for: ids come from the partition's records, scattered over the
    // heap, and reading each one cold was most of the cost of packing.
    private const int IdsAhead = 8;

    private delegate void RowVisitor<TRow>(int index, in TRow row, bool present, ref int[] buffer)
        where TRow : struct;

    /// <summary>The purchase rows of a scorecard state.</summary>
    public static byte[] Pack(IReadOnlyList<CustomerPurchaseState>? rows) => Pack(rows, PurchaseRowFormat.Instance);

    /// <summary>The customer rows of a summary state.</summary>
    public static byte[] Pack(IReadOnlyList<CustomerDaysState>? rows) => Pack(rows, SummaryRowFormat.Instance);

    /// <summary>The customer rows of an RFM state.</summary>
    public static byte[] Pack(IReadOnlyList<CustomerRfmState>? rows) => Pack(rows, RfmRowFormat.Instance);

    /// <summary>The purchase rows back; null for an empty array (a state written without rows).</summary>
    public static CustomerPurchaseState[]? PurchaseRows(byte[]? packed) => Unpack(packed, PurchaseRowFormat.Instance);

    /// <summary>The summary's customer rows back; null for an empty array (a state written without rows).</summary>
    public static CustomerDaysState[]? DaysRows(byte[]? packed) => Unpack(packed, SummaryRowFormat.Instance);

    /// <summary>The RFM state's customer rows back; null for an empty array (a state written without rows).</summary>
    public static CustomerRfmState[]? RfmRows(byte[]? packed) => Unpack(packed, RfmRowFormat.Instance);

    /// <summary>A scorecard state's purchase rows as they travel: null for an empty array, else the bytes, still packed.</summary>
    public static IReadOnlyList<CustomerPurchaseState>? PurchaseList(byte[]? packed, int[]? marks = null) => List(packed, PurchaseRowFormat.Instance, marks);

    /// <summary>A summary state's rows as they travel: null for an empty array, else the bytes, still packed.</summary>
    public static IReadOnlyList<CustomerDaysState>? DaysList(byte[]? packed) => List(packed, SummaryRowFormat.Instance);

    /// <summary>An RFM state's rows as they travel: null for an empty array, else the bytes, still packed.</summary>
    public static IReadOnlyList<CustomerRfmState>? RfmList(byte[]? packed) => List(packed, RfmRowFormat.Instance);

    /// <summary>A state's list of rows as it travels: null for an empty array, else the bytes, still packed, with the marks of their segments if any.</summary>
    public static IReadOnlyList<TItem>? List<TRow, TItem>(byte[]? packed, RowFormat<TRow, TItem> format, int[]? marks = null)
        where TRow : struct
        where TItem : class
        => packed is { Length: > 0 } ? new PackedRowList<TRow, TItem>(packed, format, marks) : null;

    /// <summary>
    /// The row count, then each row (its flags byte first) or <see cref="NullRow"/> for a null one; no bytes for null
    /// rows. A list still packed in this format gives its bytes as they are.
    /// </summary>
    public static byte[] Pack<TRow, TItem>(IReadOnlyList<TItem>? rows, RowFormat<TRow, TItem> format)
        where TRow : struct
        where TItem : class
    {
        if (rows is PackedRowList<TRow, TItem> packed && packed.Format == format)
        {
            return packed.Bytes;
        }

        if (rows is null)
        {
            return [];
        }

        var writer = new PackWriter((rows.Count * format.BytesPerRow) + 8);
        writer.Varint((ulong)rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (i + IdsAhead < rows.Count && rows[i + IdsAhead] is { } ahead)
            {
                Prefetch.Chars(format.IdOf(ahead));
            }

            if (rows[i] is { } row)
            {
                format.Write(writer, format.Of(row));
            }
            else
            {
                writer.Byte(NullRow);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Rows as <see cref="Pack{TRow, TItem}"/> wrote them, as objects; null for an empty array.</summary>
    public static TItem[]? Unpack<TRow, TItem>(byte[]? packed, RowFormat<TRow, TItem> format)
        where TRow : struct
        where TItem : class
    {
        if (packed is null || packed.Length == 0)
        {
            return null;
        }

        TItem[] items = [];
        Walk(packed, format, count => items = new TItem[count], (int i, in TRow row, bool present, ref int[] _) =>
        {
            if (present)
            {
                items[i] = format.ToItem(in row);
            }
        });
        return items;
    }

    /// <summary>
    /// Rows as <see cref="Pack{TRow, TItem}"/> wrote them, one value at a time, with no object per row; first, to
    /// <paramref name="begin"/>, the rows announced, bounded by how many the bytes can hold
    /// (<see cref="RowFormat{TRow, TItem}.MinBytesPerRow"/>).
    /// </summary>
    public static void ReadEach<TRow, TItem>(byte[] packed, RowFormat<TRow, TItem> format, Action<int> begin, StateRowReader<TRow> read)
        where TRow : struct
        where TItem : class
        => Walk(packed, format, count => begin(Math.Min(count, packed.Length / format.MinBytesPerRow)), (int i, in TRow row, bool present, ref int[] _) => read(i, in row, present));

    /// <summary>
    /// Walks packed rows: the count to <paramref name="begin"/>, then each row to <paramref name="visit"/> (its lists
    /// in a buffer reused from row to row). A flags byte with bits outside the format's is refused, and so are bytes
    /// left over.
    /// </summary>
    private static void Walk<TRow, TItem>(byte[] packed, RowFormat<TRow, TItem> format, Action<int>? begin, RowVisitor<TRow> visit)
        where TRow : struct
        where TItem : class
    {
        var reader = new PackReader(packed, format.Prefix);
        var count = reader.Count();
        begin?.Invoke(count);
        WalkRows(ref reader, 0, count, format, visit);
        if (!reader.AtEnd)
        {
            throw reader.Broken("length", "is followed by bytes that belong to no row");
        }
    }

    /// <summary>
    /// Where the segments of rows packed in segments (see <see cref="RowPacker{TRow, TItem}"/>) begin, as pairs of the
    /// first row's index and its byte offset; null for rows packed in one pass.
    /// </summary>
    public static int[]? MarksOf<TRow, TItem>(IReadOnlyList<TItem>? rows, RowFormat<TRow, TItem> format)
        where TRow : struct
        where TItem : class
        => rows is PackedRowList<TRow, TItem> packed && packed.Format == format ? packed.Marks : null;

    /// <summary>
    /// <paramref name="marks"/> when they can mark segments of <paramref name="packed"/>: pairs of a row index and a
    /// byte offset, the first the first row right after the row count, both never decreasing, within the rows and the
    /// bytes. Otherwise null: marks are only a hint to read the rows side by side, and the rows read in one pass are
    /// checked whole whatever they say (see <see cref="Crm.Metrics.Internal.ISegmentedStateRowSource{TRow}"/>).
    /// </summary>
    public static int[]? UsableMarks(byte[] packed, int[]? marks)
    {
        if (marks is not { Length: >= 2 } || marks.Length % 2 != 0)
        {
            return null;
        }

        int count;
        int start;
        try
        {
            var reader = new PackReader(packed, string.Empty);
            count = reader.Count();
            start = packed.Length - reader.Left;
        }
        catch (ArgumentException)
        {
            return null; // the one pass refuses the count itself
        }

        if (marks[0] != 0 || marks[1] != start)
        {
            return null;
        }

        for (var m = 2; m < marks.Length; m += 2)
        {
            if (marks[m] < marks[m - 2] || marks[m] > count || marks[m + 1] < marks[m - 1] || marks[m + 1] > packed.Length)
            {
                return null;
            }
        }

        return marks;
    }

    /// <summary>The rows segment <paramref name="segment"/> of usable <paramref name="marks"/> announces, bounded by what its bytes can hold.</summary>
    public static int RowsIn<TRow, TItem>(byte[] packed, RowFormat<TRow, TItem> format, int[] marks, int segment)
        where TRow : struct
        where TItem : class
    {
        var (first, end, from, to) = Segment(packed, marks, segment);
        return Math.Min(end - first, (to - from) / format.MinBytesPerRow);
    }

    /// <summary>
    /// The rows of segment <paramref name="segment"/> of usable <paramref name="marks"/>, each to
    /// <paramref name="read"/> with its index in the whole list; the segment's bytes must hold exactly its rows.
    /// </summary>
    public static void ReadSegment<TRow, TItem>(byte[] packed, RowFormat<TRow, TItem> format, int[] marks, int segment, StateRowReader<TRow> read)
        where TRow : struct
        where TItem : class
    {
        var (first, end, from, to) = Segment(packed, marks, segment);
        var reader = new PackReader(packed.AsSpan(from, to - from), format.Prefix);
        WalkRows(ref reader, first, end, format, (int i, in TRow row, bool present, ref int[] _) => read(i, in row, present));
        if (!reader.AtEnd)
        {
            throw reader.Broken("length", "has a segment whose rows end before the next segment begins");
        }
    }

    /// <summary>Segment <paramref name="segment"/>'s rows (first, end) and bytes (from, to); the last ends with the rows.</summary>
    private static (int First, int End, int From, int To) Segment(byte[] packed, int[] marks, int segment)
    {
        var last = segment == (marks.Length / 2) - 1;
        var count = last ? new PackReader(packed, string.Empty).Count() : 0;
        return (marks[2 * segment], last ? count : marks[(2 * segment) + 2], marks[(2 * segment) + 1], last ? packed.Length : marks[(2 * segment) + 3]);
    }

    /// <summary>
    /// Rows <paramref name="first"/> .. <paramref name="end"/> − 1 from where <paramref name="reader"/> stands, each to
    /// <paramref name="visit"/> (its lists in a buffer reused from row to row). A flags byte with bits outside the
    /// format's is refused.
    /// </summary>
    private static void WalkRows<TRow, TItem>(ref PackReader reader, int first, int end, RowFormat<TRow, TItem> format, RowVisitor<TRow> visit)
        where TRow : struct
        where TItem : class
    {
        int[] buffer = [];
        for (var i = first; i < end; i++)
        {
            reader.Row = i;
            var flags = reader.Byte("flags");
            if (flags == NullRow)
            {
                visit(i, default, false, ref buffer);
                continue;
            }

            if ((flags & ~format.Flags) != 0)
            {
                throw reader.Broken("flags", "has an unused bit set");
            }

            var row = format.Read(ref reader, flags, ref buffer);
            visit(i, in row, true, ref buffer);
        }

        reader.Row = -1;
    }
}
