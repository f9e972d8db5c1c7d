using Crm.Metrics.Internal;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>
/// Packs a state's customer rows as the accumulator writes them, with no object per row; the state's list is then
/// the packed bytes (<see cref="PackedRowList{TRow, TItem}"/>), which the wire form sends as they are.
/// </summary>
/// <typeparam name="TRow">The row as a value.</typeparam>
/// <typeparam name="TItem">The row as the public state's list holds it.</typeparam>
/// <param name="format">How the rows pack.</param>
internal sealed class RowPacker<TRow, TItem>(RowFormat<TRow, TItem> format) : IStateRowSink<TRow, TItem>
    where TRow : struct
    where TItem : class
{
    private PackWriter? _writer;

    /// <inheritdoc/>
    public void Begin(int count)
    {
        _writer = new PackWriter((count * format.BytesPerRow) + 8);
        _writer.Varint((ulong)count);
    }

    /// <inheritdoc/>
    public void Add(in TRow row) => format.Write(_writer!, in row);

    /// <inheritdoc/>
    public IReadOnlyList<TItem> End() => new PackedRowList<TRow, TItem>(_writer!.ToArray(), format);
}
