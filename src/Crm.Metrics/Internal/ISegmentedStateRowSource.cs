namespace Crm.Metrics.Internal;

/// <summary>
/// A state's rows held in a form that marks where consecutive segments of them begin (as a state written in segments
/// keeps them: see <see cref="IStateRowSegments{TRow}"/>), so that a merge may read the segments side by side. The
/// marks are a hint from outside like the rest of the state: a segment whose bytes do not hold exactly its rows is
/// refused, and the reader then reads the rows in one pass (<see cref="IStateRowSource{TRow}.ReadRows"/>), which
/// does not use the marks.
/// </summary>
/// <typeparam name="TRow">The row as a value.</typeparam>
internal interface ISegmentedStateRowSource<TRow> : IStateRowSource<TRow>
    where TRow : struct
{
    /// <summary>How many segments the rows are marked in (1 when unmarked).</summary>
    int SegmentCount { get; }

    /// <summary>The rows segment <paramref name="segment"/> announces, bounded by what its bytes can hold.</summary>
    int RowsIn(int segment);

    /// <summary>
    /// Reads segment <paramref name="segment"/>'s rows in order, each to <paramref name="read"/> with its index in the
    /// whole state. Bytes that are cut, padded or forged — a segment that does not end where the next begins, or holds
    /// another number of rows than marked — are an <see cref="ArgumentException"/>.
    /// </summary>
    void ReadSegment(int segment, StateRowReader<TRow> read);
}
