using Crm.Metrics.Loyalty;

namespace Crm.Metrics.Series;

/// <summary>A customer's purchases in one segment of a series, summed as a period's row is.</summary>
internal struct SegmentRow
{
    /// <summary>The segment (see <see cref="SeriesCalendar"/>).</summary>
    public int Segment;

    /// <summary>The sums; the sale day is counted from the start of the segment's period.</summary>
    public CustomerPeriod Row;
}
