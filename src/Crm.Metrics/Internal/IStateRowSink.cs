namespace Crm.Metrics.Internal;

/// <summary>
/// Where an accumulator writes a state's customer rows, one value at a time, when it builds the state. The public
/// states keep them as objects; a transport that packs rows (the Orleans package) packs them as they come, with no
/// object per row, and hands back a list that holds the packed form.
/// </summary>
/// <typeparam name="TRow">The row as a value.</typeparam>
/// <typeparam name="TItem">The row as the state's list holds it.</typeparam>
internal interface IStateRowSink<TRow, TItem> : IStateRowWriter<TRow>
    where TRow : struct
{
    /// <summary>Called once before the rows, with how many follow.</summary>
    void Begin(int count);

    /// <summary>Called once after the last row: the state's list of rows.</summary>
    IReadOnlyList<TItem> End();
}
