using System.Globalization;
using Crm.Metrics.Storage;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>
/// The day log the analyses of one read share gives each customer their distinct days in ascending order, whatever the
/// order and repeats of the sales added and however far the log grew past its hint, keeping only the days some reader
/// reads; a log on it gives each of its own customers the part of those days in its range.
/// </summary>
public class SharedDayLogProperties
{
    [Property(MaxTest = 100)]
    public void Gives_each_customer_their_distinct_days_ascending(int seed, byte hint, bool withRange, bool wideReader)
    {
        var random = new Random(seed);
        var customers = random.Next(1, 300);
        var sales = random.Next(0, 12_000);
        var index = new CustomerIndex(hint);
        for (var c = 0; c < customers; c++)
        {
            index.IndexOf(new CustomerId("c" + c.ToString(CultureInfo.InvariantCulture)));
        }

        using var shared = new SharedDayLog(index, new Capacity(hint, hint));
        var expected = Enumerable.Range(0, customers).Select(_ => new SortedSet<int>()).ToArray();
        var (first, last) = withRange ? (random.Next(-50, 50), random.Next(50, 150)) : (int.MinValue, int.MaxValue);

        // A log of the customers with an odd number, in an order of its own, reading days first..last; perhaps another
        // reader of every day.
        using var log = new CustomerDayLog<NoDayState>(new Capacity(hint, hint), index, shared, first, last);
        if (wideReader)
        {
            shared.Widen(-100, 200);
        }

        var (keptFrom, keptTo) = wideReader ? (-100, 200) : (first, last);
        var mine = Enumerable.Range(0, customers).Where(c => c % 2 == 1).OrderBy(_ => random.Next()).ToArray();
        foreach (var c in mine)
        {
            log.IndexOf(c);
        }

        for (var s = 0; s < sales; s++)
        {
            var customer = random.Next(customers);
            var day = random.Next(-100, 200);
            shared.Add(customer, day);
            expected[customer].Add(day);
            if (log.Find(index.Id(customer)) is var local and >= 0)
            {
                log.AddDay(local, day); // kept by the shared log, not by this one
            }
        }

        shared.Seal();
        for (var c = 0; c < customers; c++)
        {
            Assert.Equal(expected[c].Where(d => d >= keptFrom && d <= keptTo), shared.DaysOf(c).ToArray());
        }

        Assert.Equal(0, log.Days);
        using var days = log.SortByCustomer();
        for (var local = 0; local < mine.Length; local++)
        {
            var c = mine[local];
            Assert.Equal($"c{c}", log.Id(local).Value);
            Assert.Equal(expected[c].Where(d => d >= first && d <= last), days.Distinct(local).ToArray());
        }

        Assert.Throws<InvalidOperationException>(() => shared.Add(0, keptFrom));
    }

    [Fact]
    public void A_log_of_its_own_index_cannot_read_shared_days()
    {
        using var shared = new SharedDayLog(new CustomerIndex(0), default);
        Assert.Throws<ArgumentException>(() => new CustomerDayLog<NoDayState>(default, null, shared));
    }

    /// <summary>A state that holds nothing: the test reads only the days.</summary>
    private struct NoDayState : ICustomerDayState<NoDayState>
    {
        public static NoDayState Empty => default;

        public readonly decimal Largest => 0m;

        public readonly bool MergeFits(in NoDayState other) => true;

        public void Merge(in NoDayState other)
        {
        }
    }
}
