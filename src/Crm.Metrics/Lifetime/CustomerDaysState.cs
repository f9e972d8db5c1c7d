namespace Crm.Metrics.Lifetime;

/// <summary>One customer in a <see cref="CustomerBaseSummaryState"/>.</summary>
public sealed record CustomerDaysState
{
    /// <summary>The customer id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The first purchase day (a day number; it may lie after the last day that matters).</summary>
    public int FirstDay { get; init; }

    /// <summary>The value bought on the first purchase day.</summary>
    public decimal FirstDayTotal { get; init; }

    /// <summary>The value bought up to the calibration end.</summary>
    public decimal CalibrationTotal { get; init; }

    /// <summary>The distinct purchase days up to the last day that matters, ascending (day numbers).</summary>
    public IReadOnlyList<int> Days { get; init; } = [];

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
