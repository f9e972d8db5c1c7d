using Crm.Metrics.Loyalty;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Series;

/// <summary>
/// What a series keeps of a customer with a recorded acquisition or a purchase from the first period's start on: the
/// acquisition, and one row per segment the customer has a purchase in (ascending by segment), each summed as a
/// period's row is. Only the segments a customer bought in take memory.
/// </summary>
internal struct SeriesActivity : ICustomerRow<SeriesActivity>
{
    public bool HasAcquisition;
    public long AcquiredTicks;

    /// <summary>The segments' rows, ascending by segment; the first <see cref="Count"/> are used.</summary>
    public SegmentRow[]? Rows;
    public int Count;

    public static SeriesActivity Empty => default;

    public readonly decimal LargestAmount
    {
        get
        {
            var largest = 0m;
            for (var k = 0; k < Count; k++)
            {
                largest = Math.Max(largest, Rows![k].Row.LargestAmount);
            }

            return largest;
        }
    }

    public readonly int LargestCount
    {
        get
        {
            var largest = 0;
            for (var k = 0; k < Count; k++)
            {
                largest = Math.Max(largest, Rows![k].Row.LargestCount);
            }

            return largest;
        }
    }

    public void AddAcquisition(long ticks)
    {
        if (!HasAcquisition || ticks < AcquiredTicks)
        {
            AcquiredTicks = ticks;
            HasAcquisition = true;
        }
    }

    /// <summary>The row of <paramref name="segment"/>, or −1 when the customer has none.</summary>
    public readonly int Find(int segment)
    {
        // Purchases mostly arrive in time order: the last row is the likeliest.
        for (var k = Count - 1; k >= 0; k--)
        {
            var s = Rows![k].Segment;
            if (s == segment)
            {
                return k;
            }

            if (s < segment)
            {
                break;
            }
        }

        return -1;
    }

    /// <summary>The row of <paramref name="segment"/> for updating, created (empty) in its place when new.</summary>
    public ref CustomerPeriod RowFor(int segment)
    {
        var k = Find(segment);
        if (k >= 0)
        {
            return ref Rows![k].Row;
        }

        var rows = Rows ??= new SegmentRow[2];
        if (Count == rows.Length)
        {
            Array.Resize(ref rows, rows.Length * 2);
            Rows = rows;
        }

        k = Count;
        while (k > 0 && rows[k - 1].Segment > segment)
        {
            rows[k] = rows[k - 1];
            k--;
        }

        rows[k] = new SegmentRow { Segment = segment, Row = CustomerPeriod.Empty };
        Count++;
        return ref rows[k].Row;
    }

    public readonly MergeFit MergeFits(in SeriesActivity other)
    {
        for (var j = 0; j < other.Count; j++)
        {
            var k = Find(other.Rows![j].Segment);
            if (k >= 0)
            {
                var fit = Rows![k].Row.MergeFits(other.Rows[j].Row);
                if (fit != MergeFit.Fits)
                {
                    return fit;
                }
            }
        }

        return MergeFit.Fits;
    }

    public void Merge(in SeriesActivity other)
    {
        if (other.HasAcquisition)
        {
            AddAcquisition(other.AcquiredTicks);
        }

        for (var j = 0; j < other.Count; j++)
        {
            ref readonly var theirs = ref other.Rows![j];
            RowFor(theirs.Segment).Merge(theirs.Row);
        }
    }
}
