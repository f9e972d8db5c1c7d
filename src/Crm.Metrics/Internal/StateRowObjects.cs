namespace Crm.Metrics.Internal;

/// <summary>The public states' form of their customer rows: one object per row, in an array.</summary>
/// <typeparam name="TRow">The row as a value.</typeparam>
/// <typeparam name="TItem">The row as the state's list holds it.</typeparam>
/// <param name="convert">Makes a row's object (copying what the value only lends, such as its days).</param>
internal sealed class StateRowObjects<TRow, TItem>(StateRowObjects<TRow, TItem>.Convert convert) : IStateRowSink<TRow, TItem>
    where TRow : struct
{
    private TItem[] _rows = [];
    private int _count;

    /// <summary>Makes a row's object.</summary>
    public delegate TItem Convert(in TRow row);

    /// <inheritdoc/>
    public void Begin(int count) => _rows = new TItem[count];

    /// <inheritdoc/>
    public void Add(in TRow row) => _rows[_count++] = convert(in row);

    /// <inheritdoc/>
    public IReadOnlyList<TItem> End() => _rows;
}
