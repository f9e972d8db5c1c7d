using Crm.Metrics.Internal;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// What every purchase of a customer updates (its history up to the period's end): small, so that it sits in one
/// cache line — the scorecard's speed on large data is the number of cache misses per purchase.
/// </summary>
internal struct CustomerHistory : ICustomerRow<CustomerHistory>
{
    public const long NoSale = long.MaxValue;

    /// <summary>Unix ticks of the first sale; <see cref="NoSale"/> when none.</summary>
    public long FirstSaleTicks;
    public decimal LifetimeNet;
    public decimal LifetimeCost;
    public int LifetimeSalesWithoutCost;
    public bool SaleInWindowBefore;

    /// <summary>Bit m set: a sale in cohort month m (months counted from the first cohort month, in the period's zone).</summary>
    public ulong SaleMonths;

    /// <summary>A customer not seen yet: no sale, nothing summed.</summary>
    public static CustomerHistory Empty => new() { FirstSaleTicks = NoSale };

    public readonly bool HasSale => FirstSaleTicks != NoSale;

    public readonly decimal LargestAmount => Math.Max(Math.Abs(LifetimeNet), Math.Abs(LifetimeCost));

    public readonly int LargestCount => LifetimeSalesWithoutCost;

    public readonly MergeFit MergeFits(in CustomerHistory other) =>
        !Sums.Fit(LifetimeNet, other.LifetimeNet) || !Sums.Fit(LifetimeCost, other.LifetimeCost) ? MergeFit.AmountOverflows
        : LifetimeSalesWithoutCost > int.MaxValue - other.LifetimeSalesWithoutCost ? MergeFit.CountOverflows
        : MergeFit.Fits;

    public void Merge(in CustomerHistory other)
    {
        FirstSaleTicks = Math.Min(FirstSaleTicks, other.FirstSaleTicks);
        LifetimeNet += other.LifetimeNet;
        LifetimeCost += other.LifetimeCost;
        LifetimeSalesWithoutCost += other.LifetimeSalesWithoutCost;
        SaleInWindowBefore |= other.SaleInWindowBefore;
        SaleMonths |= other.SaleMonths;
    }
}
