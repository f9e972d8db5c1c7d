using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Segments;

/// <summary>
/// One customer row of an <see cref="RfmState"/> as a value: the members of <see cref="CustomerRfmState"/>, the days
/// as a slice of a buffer (null when the row has no list) that is valid only while the row is handed over (see
/// <see cref="Internal.IStateRowSink{TRow, TItem}"/> and <see cref="Internal.IStateRowSource{TRow}"/>). The rules are
/// those of <see cref="RfmStateRules"/>.
/// </summary>
internal struct RfmRow
{
    public string? Id;
    public decimal Total;
    public ArraySegment<int> Days;

    /// <summary>The row of a state object.</summary>
    public static RfmRow Of(CustomerRfmState row) => new() { Id = row.Id, Total = row.Total, Days = DaysStateRules.Segment(row.Days) };

    /// <summary>The row as a state object, its days copied.</summary>
    public readonly CustomerRfmState ToState() => new() { Id = Id!, Total = Total, Days = Days.Array is null ? null! : Days.ToArray() };
}
