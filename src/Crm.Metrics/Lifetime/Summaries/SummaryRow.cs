namespace Crm.Metrics.Lifetime.Summaries;

/// <summary>
/// One customer row of a <see cref="CustomerBaseSummaryState"/> as a value: the members of
/// <see cref="CustomerDaysState"/>, the days as a slice of a buffer (null when the row has no list) that is valid only
/// while the row is handed over (see <see cref="Internal.IStateRowSink{TRow, TItem}"/> and
/// <see cref="Internal.IStateRowSource{TRow}"/>). The rules are those of <see cref="DaysStateRules"/>.
/// </summary>
internal struct SummaryRow
{
    public string? Id;
    public int FirstDay;
    public decimal FirstDayTotal;
    public decimal CalibrationTotal;
    public ArraySegment<int> Days;

    /// <summary>The row of a state object.</summary>
    public static SummaryRow Of(CustomerDaysState row) => new()
    {
        Id = row.Id,
        FirstDay = row.FirstDay,
        FirstDayTotal = row.FirstDayTotal,
        CalibrationTotal = row.CalibrationTotal,
        Days = DaysStateRules.Segment(row.Days),
    };

    /// <summary>The row as a state object, its days copied.</summary>
    public readonly CustomerDaysState ToState() => new()
    {
        Id = Id!,
        FirstDay = FirstDay,
        FirstDayTotal = FirstDayTotal,
        CalibrationTotal = CalibrationTotal,
        Days = Days.Array is null ? null! : Days.ToArray(),
    };
}
