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
    public static IReadOnlyList<CustomerPurchaseState>? PurchaseList(byte[]? packed) => List(packed, PurchaseRowFormat.Instance);

    /// <summary>A summary state's rows as they travel: null for an empty array, else the bytes, still packed.</summary>
    public static IReadOnlyList<CustomerDaysState>? DaysList(byte[]? packed) => List(packed, SummaryRowFormat.Instance);

    /// <summary>An RFM state's rows as they travel: null for an empty array, else the bytes, still packed.</summary>
    public static IReadOnlyList<CustomerRfmState>? RfmList(byte[]? packed) => List(packed, RfmRowFormat.Instance);

    /// <summary>A state's list of rows as it travels: null for an empty array, else the bytes, still packed.</summary>
    public static IReadOnlyList<TItem>? List<TRow, TItem>(byte[]? packed, RowFormat<TRow, TItem> format)
        where TRow : struct
        where TItem : class
        => packed is { Length: > 0 } ? new PackedRowList<TRow, TItem>(packed, format) : null;

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
        int[] buffer = [];
        for (var i = 0; i < count; i++)
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
        if (!reader.AtEnd)
        {
            throw reader.Broken("length", "is followed by bytes that belong to no row");
        }
    }
}
