using Crm.Metrics.Storage;

namespace Crm.Metrics.Segments;

/// <summary>A customer's last purchase day and revenue in the window.</summary>
internal struct RfmDayState : ICustomerDayState<RfmDayState>
{
    public int LastDay;
    public decimal Total;

    public static RfmDayState Empty => new() { LastDay = int.MinValue };

    public readonly decimal Largest => Total;

    public readonly bool MergeFits(in RfmDayState other) => Internal.Sums.Fit(Total, other.Total);

    public void Merge(in RfmDayState other)
    {
        LastDay = Math.Max(LastDay, other.LastDay);
        Total += other.Total;
    }
}
