using Crm.Metrics.Storage;

namespace Crm.Metrics.Series;

/// <summary>What a series keeps of a customer with a recorded acquisition: the earliest instant given.</summary>
internal struct SeriesAcquisition : ICustomerRow<SeriesAcquisition>
{
    public bool HasAcquisition;
    public long AcquiredTicks;

    public static SeriesAcquisition Empty => default;

    public readonly decimal LargestAmount => 0m;

    public readonly int LargestCount => 0;

    public void AddAcquisition(long ticks)
    {
        if (!HasAcquisition || ticks < AcquiredTicks)
        {
            AcquiredTicks = ticks;
            HasAcquisition = true;
        }
    }

    public readonly MergeFit MergeFits(in SeriesAcquisition other) => MergeFit.Fits;

    public void Merge(in SeriesAcquisition other)
    {
        if (other.HasAcquisition)
        {
            AddAcquisition(other.AcquiredTicks);
        }
    }
}
