namespace Crm.Metrics.Internal;

/// <summary>
/// A state's list of customer rows that holds them in another form than objects (the Orleans package's packed bytes).
/// A merge reads such a list through this interface, row by row, with no object per row; the rows are checked by the
/// same rules as rows that came as objects.
/// </summary>
/// <typeparam name="TRow">The row as a value.</typeparam>
internal interface IStateRowSource<TRow>
    where TRow : struct
{
    /// <summary>
    /// Reads every row in order and hands each to <paramref name="read"/>, after telling <paramref name="begin"/> how
    /// many rows the form announces. A form that is cut, padded or forged is an <see cref="ArgumentException"/>
    /// (parameter <c>state</c>) naming the row's field and the rule.
    /// </summary>
    /// <param name="begin">
    /// Called once, before the first row, with the number of rows announced — bounded by what the form's length can
    /// hold, so that a reader may reserve room for them, but not yet checked against the rows that follow.
    /// </param>
    /// <param name="read">Called for each row, in order.</param>
    void ReadRows(Action<int> begin, StateRowReader<TRow> read);
}
