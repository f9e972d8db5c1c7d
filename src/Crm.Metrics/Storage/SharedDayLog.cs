namespace Crm.Metrics.Storage;

/// <summary>
/// The sale days of one read, in one zone, that the per-customer analyses of that read share (the models' summary,
/// RFM, lifecycles, the churn warning): one customer number and local day per sale, instead of a copy of the same pair in
/// each analysis's own <see cref="CustomerDayLog{TState}"/>. Each analysis keeps its own customers and states, and reads
/// the days within its own range (see <see cref="CustomerDayLog{TState}.SortByCustomer"/>).
/// <para>
/// Appended to by one thread at a time, in the order read; only the days some reader reads are kept (see
/// <see cref="Widen"/>). <see cref="Seal"/> then turns the pairs, once, into each customer's distinct days in
/// ascending order; from then on the log is only read, by any number of threads.
/// </para>
/// </summary>
internal sealed class SharedDayLog : IDisposable
{
    private readonly CustomerIndex _index;
    private int[] _customer;
    private int[] _day;
    private int _count;
    private int _first = int.MaxValue; // the days some reader reads (see Widen): none until one says
    private int _last = int.MinValue;

    // Once sealed: the distinct days of customer number k ascending, in _days[SliceOf(_ends, k)].
    private int[] _ends = [];
    private int[] _days = [];

    /// <param name="index">The index that numbers the customers.</param>
    /// <param name="room">A capacity hint: the sales' days are made that large at the start, from 4,096 up.</param>
    public SharedDayLog(CustomerIndex index, Capacity room)
    {
        _index = index;
        var days = Math.Clamp(room.Purchases, 4096, Capacity.MaxPurchases);
        _customer = WorkArrays<int>.Rent(days);
        _day = WorkArrays<int>.Rent(days);
    }

    /// <summary>Whether <see cref="Seal"/> has run: the days are read, and no more are added.</summary>
    public bool IsSealed { get; private set; }

    /// <summary>
    /// Keeps the days from <paramref name="first"/> to <paramref name="last"/> too: each reader says which days it
    /// reads, and a sale on a day no reader reads is not kept.
    /// </summary>
    public void Widen(int first, int last)
    {
        _first = Math.Min(_first, first);
        _last = Math.Max(_last, last);
    }

    /// <summary>Adds a sale of the customer numbered <paramref name="customer"/> on local day <paramref name="day"/> (kept when a reader reads that day).</summary>
    public void Add(int customer, int day)
    {
        if (day < _first || day > _last)
        {
            return;
        }

        if (_count == _customer.Length)
        {
            if (IsSealed)
            {
                throw new InvalidOperationException("A sealed day log takes no more days.");
            }

            WorkArrays<int>.Grow(ref _customer, _count + 1);
            WorkArrays<int>.Grow(ref _day, _count + 1);
        }

        _customer[_count] = customer;
        _day[_count] = day;
        _count++;
    }

    /// <summary>
    /// Sorts the sales by customer, then each customer's days ascending without repeats, and returns the pairs' buffers
    /// to the pool. Runs once (a later call does nothing); call it after the last <see cref="Add"/> and before the
    /// first <see cref="DaysOf"/>.
    /// </summary>
    public void Seal()
    {
        if (IsSealed)
        {
            return;
        }

        var customers = _index.Count;
        var ends = WorkArrays<int>.Rent(customers + 1);
        var days = WorkArrays<int>.Rent(Math.Max(_count, 1));
        CountingSort.ByKey(_customer.AsSpan(0, _count), _day.AsSpan(0, _count), days, ends.AsSpan(0, customers + 1));

        // Each customer's days sorted, then packed to the front without repeats. A value is read before anything is
        // written at or beyond its place, so the packing never overwrites a day not yet read.
        var written = 0;
        var start = 0;
        for (var k = 0; k < customers; k++)
        {
            var end = ends[k];
            var slice = days.AsSpan(start, end - start);
            SmallSort.Ascending(slice);
            for (var i = 0; i < slice.Length; i++)
            {
                var day = slice[i];
                if (i == 0 || day != days[written - 1])
                {
                    days[written++] = day;
                }
            }

            ends[k] = written;
            start = end;
        }

        ReturnPairs();
        (_ends, _days) = (ends, days);
        IsSealed = true;
    }

    /// <summary>The distinct sale days of the customer numbered <paramref name="customer"/>, ascending (the log is sealed).</summary>
    public ReadOnlySpan<int> DaysOf(int customer) =>
        customer < _index.Count && IsSealed ? _days.AsSpan(CountingSort.SliceOf(_ends, customer)) : throw new InvalidOperationException("The day log is read only once sealed, for the customers numbered then.");

    /// <summary>Returns the buffers to the pool; the log is empty afterwards.</summary>
    public void Dispose()
    {
        ReturnPairs();
        if (_ends.Length > 0)
        {
            WorkArrays<int>.Return(_ends);
            WorkArrays<int>.Return(_days);
            _ends = _days = [];
        }
    }

    private void ReturnPairs()
    {
        if (_customer.Length > 0)
        {
            WorkArrays<int>.Return(_customer);
            WorkArrays<int>.Return(_day);
            _customer = _day = [];
        }

        _count = 0;
    }
}
