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
    {
        if (rows is IStateRowSource<TRow> packed)
        {
            packed.ReadRows(read);
            return;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var item = rows[i];
            var row = item is null ? default : of(item);
            read(i, in row, item is not null);
        }
    }
}
