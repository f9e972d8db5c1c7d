using Crm.Domain.LoyaltyProgrammes;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>What the loyalty programme family keeps of one customer: membership, points entries, purchases by day.</summary>
internal sealed class ProgrammeCustomer
{
    /// <summary>When the customer joined (Unix ticks), or null without a membership.</summary>
    public long? Joined;

    /// <summary>When the customer left (Unix ticks), or null.</summary>
    public long? Left;

    /// <summary>Points entries before the period's end, in the order added; null when none.</summary>
    public List<LedgerRow>? Entries;

    /// <summary>Purchases by day within the horizon, consecutive purchases of one day combined; null when none.</summary>
    public List<DayRow>? Days;

    public void AddEntry(LedgerRow row) => (Entries ??= new List<LedgerRow>(4)).Add(row);

    public void AddDay(int day, decimal spend, int orders)
    {
        var days = Days ??= new List<DayRow>(4);
        if (days.Count > 0 && days[^1].Day == day)
        {
            var last = days[^1];
            days[^1] = new DayRow(day, last.Spend + spend, last.Orders + orders);
        }
        else
        {
            days.Add(new DayRow(day, spend, orders));
        }
    }

    /// <summary>A points entry as kept: no reason (no figure reads it).</summary>
    public readonly record struct LedgerRow(long Ticks, long Points, PointsEntryKind Kind, PointsSource? Source);

    /// <summary>Purchases of a day: the day from the period's first (0), net spend, sales.</summary>
    public readonly record struct DayRow(int Day, decimal Spend, int Orders);
}
