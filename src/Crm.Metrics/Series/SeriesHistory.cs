using Crm.Metrics.Loyalty;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Series;

/// <summary>
/// What a series keeps of every customer: the first sale, the sums of the purchases before the first period, the bits
/// no sum can give back — a sale in each period's retention window, and the cohort months before the first period it
/// bought in — and one row per segment the customer has a purchase in (ascending by segment), each summed as a period's
/// row is, in its table's <see cref="SegmentSlab"/>. Only the segments a customer bought in take memory.
/// </summary>
internal struct SeriesHistory : ICustomerRow<SeriesHistory>
{
    /// <summary>Unix ticks of the first sale before the last period's end; <see cref="CustomerHistory.NoSale"/> when none.</summary>
    public long FirstSaleTicks;

    /// <summary>Sales minus refunds before the first period.</summary>
    public decimal BaseNet;

    /// <summary>Cost of goods before the first period (refunds reverse theirs).</summary>
    public decimal BaseCost;

    /// <summary>Sales without a recorded cost before the first period.</summary>
    public int BaseSalesWithoutCost;

    /// <summary>Bit p set: a sale in period p's retention window before it.</summary>
    public ulong WindowBits;

    /// <summary>Bit m set: a sale before the first period in cohort month m of the first period.</summary>
    public ulong BaseSaleMonths;

    /// <summary>Where the customer's segment rows start in its table's <see cref="SegmentSlab"/>.</summary>
    public int Offset;

    /// <summary>The customer's segment rows (one per segment it has a purchase in).</summary>
    public int Count;

    /// <summary>The rows its chunk of the slab holds.</summary>
    public int Capacity;

    public static SeriesHistory Empty => new() { FirstSaleTicks = CustomerHistory.NoSale };

    // The largest magnitudes and merges serve merging two stores' tables, which a series never does (its customers'
    // rows live in their own table's slab): the base sums only.
    public readonly decimal LargestAmount => Math.Max(Math.Abs(BaseNet), Math.Abs(BaseCost));

    public readonly int LargestCount => BaseSalesWithoutCost;

    public readonly MergeFit MergeFits(in SeriesHistory other) => throw new NotSupportedException("A series store is never merged.");

    public void Merge(in SeriesHistory other) => throw new NotSupportedException("A series store is never merged.");
}
