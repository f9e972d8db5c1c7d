namespace Crm.Metrics.Storage;

/// <summary>Logged days grouped by customer: <see cref="Of"/> is one customer's days, unsorted, with repeats.</summary>
internal readonly struct DaysByCustomer(int[] ends, int[] days) : IDisposable
{
    public Span<int> Of(int customer) => days.AsSpan(CountingSort.SliceOf(ends, customer));

    /// <summary>The days of the first <paramref name="customers"/> customers together, repeats included.</summary>
    public int Total(int customers) => customers == 0 ? 0 : ends[customers - 1];

    /// <summary>Sorts one customer's days in place and returns the distinct ones.</summary>
    public ReadOnlySpan<int> Distinct(int customer)
    {
        var slice = Of(customer);
        SmallSort.Ascending(slice);
        var n = 0;
        for (var i = 0; i < slice.Length; i++)
        {
            if (i == 0 || slice[i] != slice[n - 1])
            {
                slice[n++] = slice[i];
            }
        }

        return slice[..n];
    }

    /// <summary>The customer's days as <see cref="Distinct"/> leaves them, as a slice of the sorted array.</summary>
    public ArraySegment<int> DistinctSegment(int customer)
    {
        var n = Distinct(customer).Length;
        return new ArraySegment<int>(days, CountingSort.SliceOf(ends, customer).Start.GetOffset(days.Length), n);
    }

    public void Dispose()
    {
        WorkArrays<int>.Return(ends);
        WorkArrays<int>.Return(days);
    }
}
