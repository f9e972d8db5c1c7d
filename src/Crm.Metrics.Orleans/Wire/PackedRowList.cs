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
internal sealed class PackedRowList<TRow, TItem>(byte[] bytes, RowFormat<TRow, TItem> format) : IReadOnlyList<TItem>, IStateRowSource<TRow>
    where TRow : struct
    where TItem : class
{
    private TItem[]? _items;

    /// <summary>The packed rows.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>How the rows pack.</summary>
    public RowFormat<TRow, TItem> Format { get; } = format;

    /// <inheritdoc/>
    public int Count => Items.Length;

    private TItem[] Items => _items ??= PackedRows.Unpack(Bytes, Format)!;

    /// <inheritdoc/>
    public TItem this[int index] => Items[index];

    /// <inheritdoc/>
    public IEnumerator<TItem> GetEnumerator() => ((IEnumerable<TItem>)Items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public void ReadRows(Action<int> begin, StateRowReader<TRow> read) => PackedRows.ReadEach(Bytes, Format, begin, read);
}
