using Crm.Metrics.Internal;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Series;

/// <summary>
/// What a series keeps of every customer apart from its segments: the first sale, the sums of the purchases before the
/// first period, and the bits no sum can give back — a sale in each period's retention window, and the cohort months
/// before the first period it bought in.
/// </summary>
internal struct SeriesHistory : ICustomerRow<SeriesHistory>
{
    /// <summary>Unix ticks of the first sale before the last period's end; <see cref="Loyalty.CustomerHistory.NoSale"/> when none.</summary>
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

    public static SeriesHistory Empty => new() { FirstSaleTicks = Loyalty.CustomerHistory.NoSale };

    public readonly decimal LargestAmount => Math.Max(Math.Abs(BaseNet), Math.Abs(BaseCost));

    public readonly int LargestCount => BaseSalesWithoutCost;

    public readonly MergeFit MergeFits(in SeriesHistory other) =>
        !Sums.Fit(BaseNet, other.BaseNet) || !Sums.Fit(BaseCost, other.BaseCost) ? MergeFit.AmountOverflows
        : BaseSalesWithoutCost > int.MaxValue - other.BaseSalesWithoutCost ? MergeFit.CountOverflows
        : MergeFit.Fits;

    public void Merge(in SeriesHistory other)
    {
        FirstSaleTicks = Math.Min(FirstSaleTicks, other.FirstSaleTicks);
        BaseNet += other.BaseNet;
        BaseCost += other.BaseCost;
        BaseSalesWithoutCost += other.BaseSalesWithoutCost;
        WindowBits |= other.WindowBits;
        BaseSaleMonths |= other.BaseSaleMonths;
    }
}
