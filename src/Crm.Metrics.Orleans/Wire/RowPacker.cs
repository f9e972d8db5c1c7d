using Crm.Metrics.Internal;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>
/// Packs a state's customer rows as the accumulator writes them, with no object per row; the state's list is then
/// the packed bytes (<see cref="PackedRowList{TRow, TItem}"/>), which the wire form sends as they are. A long state
/// written in segments on several threads (<see cref="IStateRowSegments{TRow}"/>) packs each segment into a writer of
/// its own; the segments are joined in order into the same bytes one pass would give, and where each begins is kept
/// beside them, so that the receiver can read them side by side too.
/// </summary>
/// <typeparam name="TRow">The row as a value.</typeparam>
/// <typeparam name="TItem">The row as the public state's list holds it.</typeparam>
/// <param name="format">How the rows pack.</param>
internal sealed class RowPacker<TRow, TItem>(RowFormat<TRow, TItem> format) : IStateRowSink<TRow, TItem>, IStateRowSegments<TRow>
    where TRow : struct
    where TItem : class
{
    private PackWriter? _writer;
    private SegmentWriter[]? _segments;
    private int _count;

    /// <inheritdoc/>
    public void Begin(int count)
    {
        _writer = new PackWriter((count * format.BytesPerRow) + 8);
        _writer.Varint((ulong)count);
    }

    /// <inheritdoc/>
    public void Add(in TRow row) => format.Write(_writer!, in row);

    /// <inheritdoc/>
    public void BeginSegments(int count, int segments)
    {
        _count = count;
        _segments = new SegmentWriter[segments];
        for (var s = 0; s < segments; s++)
        {
            _segments[s] = new SegmentWriter(format, (int)Math.Min(Array.MaxLength, ((long)count * format.BytesPerRow / segments) + 8));
        }
    }

    /// <inheritdoc/>
    public IStateRowWriter<TRow> Segment(int index) => _segments![index];

    /// <inheritdoc/>
    public IReadOnlyList<TItem> End()
    {
        if (_segments is not { } segments)
        {
            return new PackedRowList<TRow, TItem>(_writer!.ToArray(), format);
        }

        var head = new PackWriter(16);
        head.Varint((ulong)_count);
        var start = head.Written.Length;
        var length = (long)start;
        foreach (var segment in segments)
        {
            length += segment.Writer.Written.Length;
        }

        var bytes = new byte[checked((int)length)];
        head.Written.CopyTo(bytes);
        head.Return();
        var marks = new int[2 * segments.Length];
        var (row, at) = (0, start);
        for (var s = 0; s < segments.Length; s++)
        {
            (marks[2 * s], marks[(2 * s) + 1]) = (row, at);
            var written = segments[s].Writer.Written;
            written.CopyTo(bytes.AsSpan(at));
            at += written.Length;
            row += segments[s].Rows;
            segments[s].Writer.Return();
        }

        System.Diagnostics.Debug.Assert(row == _count, "The segments hold the rows announced.");
        return new PackedRowList<TRow, TItem>(bytes, format, marks);
    }

    /// <summary>One segment's writer and how many rows it took.</summary>
    private sealed class SegmentWriter(RowFormat<TRow, TItem> format, int capacity) : IStateRowWriter<TRow>
    {
        public PackWriter Writer { get; } = new(capacity);

        public int Rows { get; private set; }

        public void Add(in TRow row)
        {
            format.Write(Writer, in row);
            Rows++;
        }
    }
}
