using Crm.Metrics.Storage;

namespace Crm.Metrics.Lifetime.Summaries;

/// <summary>
/// What each sale updates, whatever the order of the sales: the first purchase day and the value bought on it, and
/// the value bought up to the calibration end; m̄ is then (total − first day's) / x.
/// </summary>
internal struct SummaryDayState : ICustomerDayState<SummaryDayState>
{
    public int FirstDay;
    public decimal FirstDayTotal;
    public decimal CalibrationTotal;

    public static SummaryDayState Empty => new() { FirstDay = int.MaxValue };

    public readonly decimal Largest => Math.Max(FirstDayTotal, CalibrationTotal);

    public readonly bool MergeFits(in SummaryDayState other) =>
        Internal.Sums.Fit(CalibrationTotal, other.CalibrationTotal) && (other.FirstDay != FirstDay || Internal.Sums.Fit(FirstDayTotal, other.FirstDayTotal));

    public void Add(int day, decimal amount, int calibrationEnd)
    {
        if (day < FirstDay)
        {
            FirstDay = day;
            FirstDayTotal = amount;
        }
        else if (day == FirstDay)
        {
            FirstDayTotal += amount;
        }

        if (day <= calibrationEnd)
        {
            CalibrationTotal += amount;
        }
    }

    public void Merge(in SummaryDayState other)
    {
        if (other.FirstDay < FirstDay)
        {
            FirstDay = other.FirstDay;
            FirstDayTotal = other.FirstDayTotal;
        }
        else if (other.FirstDay == FirstDay)
        {
            FirstDayTotal += other.FirstDayTotal;
        }

        CalibrationTotal += other.CalibrationTotal;
    }
}
