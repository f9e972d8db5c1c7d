namespace Crm.Metrics.Internal;

/// <summary>Reads a state's customer rows whatever form its list holds them in.</summary>
internal static class StateRows
{
    /// <summary>
    /// Hands every row of <paramref name="rows"/> to <paramref name="read"/>, in order: straight from the bytes when
    /// the list holds them packed (<see cref="IStateRowSource{TRow}"/>), otherwise each object as a value (a null
    /// object as a row not present).
    /// </summary>
    public static void Read<TRow, TItem>(IReadOnlyList<TItem> rows, Func<TItem, TRow> of, StateRowReader<TRow> read)
        where TRow : struct
        where TItem : class
        => Read(rows, of, static _ => { }, read);

    /// <summary>
    /// As <see cref="Read{TRow, TItem}(IReadOnlyList{TItem}, Func{TItem, TRow}, StateRowReader{TRow})"/>, telling
    /// <paramref name="begin"/> first how many rows to expect (for packed rows, as many as their bytes announce and
    /// can hold: see <see cref="IStateRowSource{TRow}.ReadRows"/>), so that the reader can reserve room once.
    /// </summary>
    public static void Read<TRow, TItem>(IReadOnlyList<TItem> rows, Func<TItem, TRow> of, Action<int> begin, StateRowReader<TRow> read)
        where TRow : struct
        where TItem : class
    {
        if (rows is IStateRowSource<TRow> packed)
        {
            packed.ReadRows(begin, read);
            return;
        }

        begin(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var item = rows[i];
            var row = item is null ? default : of(item);
            read(i, in row, item is not null);
        }
    }
}
