namespace Crm.Metrics.Internal;

/// <summary>
/// Takes a state's customer rows one at a time: all of them (<see cref="IStateRowSink{TRow, TItem}"/>), or one segment's
/// of a state written in segments (<see cref="IStateRowSegments{TRow}"/>).
/// </summary>
/// <typeparam name="TRow">The row as a value.</typeparam>
internal interface IStateRowWriter<TRow>
    where TRow : struct
{
    /// <summary>Called for each row, in the state's order.</summary>
    void Add(in TRow row);
}
