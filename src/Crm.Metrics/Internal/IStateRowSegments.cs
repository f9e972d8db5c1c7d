namespace Crm.Metrics.Internal;

/// <summary>
/// A row sink (<see cref="IStateRowSink{TRow, TItem}"/>) that can also take a long state's rows in consecutive
/// segments written side by side, each by one thread: an accumulator with many customers writes its tables in groups
/// on several threads. Joined in order, the segments hold the rows one pass would have written, in the same order.
/// </summary>
/// <typeparam name="TRow">The row as a value.</typeparam>
internal interface IStateRowSegments<TRow>
    where TRow : struct
{
    /// <summary>
    /// Called once, instead of <see cref="IStateRowSink{TRow, TItem}.Begin"/>, before any segment: how many rows
    /// follow in all, and in how many segments. The sink's <see cref="IStateRowSink{TRow, TItem}.End"/> joins them.
    /// </summary>
    void BeginSegments(int count, int segments);

    /// <summary>
    /// The writer of segment <paramref name="index"/> (0 .. segments − 1). Each segment is written on one thread;
    /// different segments may be written at the same time.
    /// </summary>
    IStateRowWriter<TRow> Segment(int index);
}
