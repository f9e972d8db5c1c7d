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

    /// <summary>Bit m set: a sale in cohort month m (months counted from the first cohort month, in the period's zone).</summary>
    public ulong SaleMonths;

    public readonly bool HasSale => FirstSaleTicks != NoSale;

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
/// Per-customer state in parallel arrays behind an open-addressing index over the ids' cached hash codes: the hot
/// <see cref="CustomerHistory"/> apart from the cold <see cref="CustomerPeriod"/>, so a purchase outside the
/// period touches one small struct, and a lookup reads no key string unless two hash codes collide.
/// </summary>
internal sealed class CustomerTable
{
    private int[] _slots = new int[32]; // index + 1 into the arrays below; 0 = empty
    private CustomerId[] _ids = new CustomerId[16];
    private static readonly CustomerPeriod NoPeriod;
    private CustomerHistory[] _history = new CustomerHistory[16];

    // Period state only for customers with activity in the period (or a recorded acquisition): index + 1, 0 = none.
    private int[] _periodIndex = new int[16];
    private CustomerPeriod[] _periods = new CustomerPeriod[16];
    private int _periodCount;

    // Whether _periods is in customer order (each new period state belongs to a later customer than the last):
    // then a scan over the customers reads it sequentially instead of jumping around it.
    private bool _periodsInCustomerOrder = true;
    private int _lastPeriodCustomer = -1;

    public int Count { get; private set; }

    /// <summary>Net revenue of this partition's customers in the previous period of equal length.</summary>
    public decimal PriorNet { get; set; }

    public CustomerId Id(int i) => _ids[i];

    public ref CustomerHistory History(int i) => ref _history[i];

    /// <summary>The period state of customer <paramref name="i"/> for reading; empty when it has none.</summary>
    public ref readonly CustomerPeriod Period(int i)
    {
        var p = _periodIndex[i];
        if (p == 0)
        {
            return ref NoPeriod;
        }

        return ref _periods[p - 1];
    }

    /// <summary>The period state of customer <paramref name="i"/> for updating, created when it has none.</summary>
    public bool HasPeriod(int i) => _periodIndex[i] != 0;

    public ref CustomerPeriod PeriodForUpdate(int i)
    {
        var p = _periodIndex[i];
        if (p == 0)
        {
            if (_periodCount == _periods.Length)
            {
                Array.Resize(ref _periods, _periodCount * 2);
            }

            p = _periodIndex[i] = ++_periodCount;
            _periodsInCustomerOrder &= i > _lastPeriodCustomer;
            _lastPeriodCustomer = i;
        }

        return ref _periods[p - 1];
    }

    /// <summary>Customers with a sale in the period.</summary>
    public int ActiveCount()
    {
        var active = 0;
        foreach (ref readonly var period in _periods.AsSpan(0, _periodCount))
        {
            active += period.IsActive ? 1 : 0;
        }

        return active;
    }

    /// <summary>
    /// Puts the period states in customer order, so that the result's scans over the customers read them
    /// sequentially: one pass that jumps around the states instead of one per scan. Results do not change.
    /// </summary>
    public void OrderPeriods()
    {
        if (_periodsInCustomerOrder)
        {
            return;
        }

        var ordered = new CustomerPeriod[Math.Max(16, _periodCount)];
        var next = 0;
        for (var i = 0; i < Count; i++)
        {
            var p = _periodIndex[i];
            if (p != 0)
            {
                ordered[next] = _periods[p - 1];
                _periodIndex[i] = ++next;
                _lastPeriodCustomer = i;
            }
        }

        _periods = ordered;
        _periodsInCustomerOrder = true;
    }

    /// <summary>The index of a customer, added with empty state when new.</summary>
    public int IndexOf(CustomerId id)
    {
        var mask = _slots.Length - 1;
        var position = Mix(id.GetHashCode()) & mask;
        while (true)
        {
            var slot = _slots[position];
            if (slot == 0)
            {
                return Add(id, position);
            }

            if (_ids[slot - 1].Equals(id))
            {
                return slot - 1;
            }

            position = (position + 1) & mask;
        }
    }

    public void Merge(CustomerTable other)
    {
        PriorNet += other.PriorNet;
        for (var j = 0; j < other.Count; j++)
        {
            var i = IndexOf(other._ids[j]);
            _history[i].Merge(other._history[j]);
            if (other._periodIndex[j] != 0)
            {
                PeriodForUpdate(i).Merge(other.Period(j));
            }
        }
    }

    // Spreads the hash over the low bits (the partition already used the high ones).
    private static int Mix(int hash) => (int)((uint)hash * 0x9E3779B1u >> 7);

    private int Add(CustomerId id, int position)
    {
        if (Count == _ids.Length)
        {
            Array.Resize(ref _ids, Count * 2);
            Array.Resize(ref _history, Count * 2);
            Array.Resize(ref _periodIndex, Count * 2);
        }

        var index = Count++;
        _ids[index] = id;
        _history[index].FirstSaleTicks = CustomerHistory.NoSale;
        _slots[position] = index + 1;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        return index;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var i = 0; i < Count; i++)
        {
            var position = Mix(_ids[i].GetHashCode()) & mask;
            while (_slots[position] != 0)
            {
                position = (position + 1) & mask;
            }

            _slots[position] = i + 1;
        }
    }
}
