namespace Crm.Metrics.Internal;

/// <summary>
/// What every purchase of a customer updates (its history up to the period's end): small, so that it sits in one
/// cache line — the scorecard's speed on large data is the number of cache misses per purchase.
/// </summary>
internal struct CustomerHistory
{
    public const long NoSale = long.MaxValue;

    /// <summary>Unix ticks of the first sale; <see cref="NoSale"/> when none.</summary>
    public long FirstSaleTicks;
    public decimal LifetimeNet;
    public decimal LifetimeCost;
    public int LifetimeSalesWithoutCost;
    public bool SaleInWindowBefore;

    public readonly bool HasSale => FirstSaleTicks != NoSale;

    public void Merge(in CustomerHistory other)
    {
        FirstSaleTicks = Math.Min(FirstSaleTicks, other.FirstSaleTicks);
        LifetimeNet += other.LifetimeNet;
        LifetimeCost += other.LifetimeCost;
        LifetimeSalesWithoutCost += other.LifetimeSalesWithoutCost;
        SaleInWindowBefore |= other.SaleInWindowBefore;
    }
}

/// <summary>What only purchases inside the period (and recorded acquisitions) update.</summary>
internal struct CustomerPeriod
{
    public bool HasAcquisition;
    public long AcquiredTicks;
    public bool HasPeriodRecord;
    public int PeriodSales;

    /// <summary>Index + 1 of the earliest sale day in the period; 0 when none.</summary>
    public int FirstSaleDayPlusOne;
    public bool SalesOnSeveralDays;
    public decimal PeriodSalesAmount;
    public decimal PeriodRefundAmount;
    public decimal PeriodCost;
    public int PeriodSalesWithoutCost;

    public readonly bool IsActive => PeriodSales > 0;

    public void AddAcquisition(long ticks)
    {
        if (!HasAcquisition || ticks < AcquiredTicks)
        {
            AcquiredTicks = ticks;
            HasAcquisition = true;
        }
    }

    public void Merge(in CustomerPeriod other)
    {
        if (other.HasAcquisition)
        {
            AddAcquisition(other.AcquiredTicks);
        }

        HasPeriodRecord |= other.HasPeriodRecord;
        PeriodSales += other.PeriodSales;
        AddSaleDay(other.FirstSaleDayPlusOne);
        SalesOnSeveralDays |= other.SalesOnSeveralDays;
        PeriodSalesAmount += other.PeriodSalesAmount;
        PeriodRefundAmount += other.PeriodRefundAmount;
        PeriodCost += other.PeriodCost;
        PeriodSalesWithoutCost += other.PeriodSalesWithoutCost;
    }

    /// <summary>Records a sale day: two different days make the customer a repeat buyer in the period.</summary>
    public void AddSaleDay(int dayPlusOne)
    {
        if (dayPlusOne == 0)
        {
            return;
        }

        if (FirstSaleDayPlusOne == 0)
        {
            FirstSaleDayPlusOne = dayPlusOne;
        }
        else if (FirstSaleDayPlusOne != dayPlusOne)
        {
            SalesOnSeveralDays = true;
            FirstSaleDayPlusOne = Math.Min(FirstSaleDayPlusOne, dayPlusOne);
        }
    }
}

/// <summary>
/// Per-customer state in parallel arrays behind an ordinal string index: the hot <see cref="CustomerHistory"/>
/// apart from the cold <see cref="CustomerPeriod"/>, so a purchase outside the period touches one small struct.
/// </summary>
internal sealed class CustomerTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private CustomerId[] _ids = new CustomerId[16];
    private CustomerHistory[] _history = new CustomerHistory[16];
    private CustomerPeriod[] _period = new CustomerPeriod[16];

    public int Count { get; private set; }

    public CustomerId Id(int i) => _ids[i];

    public ref CustomerHistory History(int i) => ref _history[i];

    public ref CustomerPeriod Period(int i) => ref _period[i];

    /// <summary>The index of a customer, added with empty state when new.</summary>
    public int IndexOf(CustomerId id)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_index, id.Value, out var exists);
        if (exists)
        {
            return slot;
        }

        if (Count == _ids.Length)
        {
            Array.Resize(ref _ids, Count * 2);
            Array.Resize(ref _history, Count * 2);
            Array.Resize(ref _period, Count * 2);
        }

        slot = Count;
        _ids[Count] = id;
        _history[Count].FirstSaleTicks = CustomerHistory.NoSale;
        return Count++;
    }

    public void Merge(CustomerTable other)
    {
        for (var j = 0; j < other.Count; j++)
        {
            var i = IndexOf(other._ids[j]);
            _history[i].Merge(other._history[j]);
            _period[i].Merge(other._period[j]);
        }
    }
}
