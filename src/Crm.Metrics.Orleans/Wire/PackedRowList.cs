using System.Collections;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>
/// A state's customer rows as they came off the wire: still packed. A merge reads them one at a time
/// (<see cref="IStateRowSource{TRow}"/>), checking each as it stages it, with no object per row; forwarding the state
/// sends the bytes as they are. Reading the list as a list unpacks it into objects once. Malformed bytes are refused
/// where they are read, naming the row's field.
/// </summary>
/// <typeparam name="TRow">The row as a value.</typeparam>
/// <typeparam name="TItem">The row as the public state's list holds it.</typeparam>
/// <param name="bytes">The packed rows (<see cref="PackedRows"/>); not empty.</param>
/// <param name="format">How the rows pack.</param>
/// <param name="marks">
/// Where segments of the rows begin, when they were packed in segments (see <see cref="RowPacker{TRow, TItem}"/>):
/// kept when usable (<see cref="PackedRows.UsableMarks"/>), otherwise the rows are one segment.
/// </param>
internal sealed class PackedRowList<TRow, TItem>(byte[] bytes, RowFormat<TRow, TItem> format, int[]? marks = null) : IReadOnlyList<TItem>, ISegmentedStateRowSource<TRow>
    where TRow : struct
    where TItem : class
{
    private TItem[]? _items;

    /// <summary>The packed rows.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>How the rows pack.</summary>
    public RowFormat<TRow, TItem> Format { get; } = format;

    /// <summary>Where the segments begin (pairs of row index and byte offset); null for rows packed in one pass.</summary>
    public int[]? Marks { get; } = PackedRows.UsableMarks(bytes, marks);

    /// <inheritdoc/>
    public int Count => Items.Length;

    /// <inheritdoc/>
    public int SegmentCount => Marks is { } marks ? marks.Length / 2 : 1;

    private TItem[] Items => _items ??= PackedRows.Unpack(Bytes, Format)!;

    /// <inheritdoc/>
    public TItem this[int index] => Items[index];

    /// <inheritdoc/>
    public IEnumerator<TItem> GetEnumerator() => ((IEnumerable<TItem>)Items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public void ReadRows(Action<int> begin, StateRowReader<TRow> read) => PackedRows.ReadEach(Bytes, Format, begin, read);

    /// <inheritdoc/>
    public int RowsIn(int segment) => Marks is { } marks ? PackedRows.RowsIn(Bytes, Format, marks, segment) : Math.Min(new PackReader(Bytes, Format.Prefix).Count(), Bytes.Length / Format.MinBytesPerRow);

    /// <inheritdoc/>
    public void ReadSegment(int segment, StateRowReader<TRow> read)
    {
        if (Marks is { } marks)
        {
            PackedRows.ReadSegment(Bytes, Format, marks, segment, read);
        }
        else
        {
            ReadRows(static _ => { }, read);
        }
    }
}
