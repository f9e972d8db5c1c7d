using BenchmarkDotNet.Attributes;
using Crm.Domain.Activity;
using Crm.Metrics;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// The ten customers with the highest revenue of a scorecard: the time-ordered log of 200,000 customers, the year to
/// September 2026 in Berlin (about 100,000 customers with a record in it). Each operation computes the scorecard, as
/// a caller does before reading it, then takes its top ten: from the whole list ordered (the LINQ one writes), or
/// with <see cref="Crm.Metrics.CustomerValue.CustomerValueMetrics.TopByRevenue"/>. The scorecard alone is the floor.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class TopCustomersBenchmarks
{
    private const int Count = 10;
    private Purchase[] _purchases = null!;
    private ReportingPeriod _year = null!;

    /// <summary>Generates the purchases.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _purchases = ArrivalLog.Generate(customers: 200_000);
        _year = new ReportingPeriod(new DateInterval(new LocalDate(2025, 10, 1), new LocalDate(2026, 9, 30)), DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
        Console.WriteLine($"// {_purchases.Length:N0} purchases, {Card().CustomerValue.Customers.Count:N0} customers in the year");
    }

    /// <summary>The scorecard, no customer read: the floor.</summary>
    /// <returns>The revenue.</returns>
    [Benchmark]
    public decimal ScorecardOnly() => Card().CustomerValue.TotalRevenue.Amount;

    /// <summary>Naive: every customer made, ordered by revenue descending then id, the first ten taken.</summary>
    /// <returns>The tenth customer's revenue.</returns>
    [Benchmark(Baseline = true)]
    public decimal OrderedList() =>
        Card().CustomerValue.Customers.OrderByDescending(c => c.Revenue.Amount).ThenBy(c => c.Id).Take(Count).Last().Revenue.Amount;

    /// <summary>The library: the ten made from the compact rows.</summary>
    /// <returns>The tenth customer's revenue.</returns>
    [Benchmark]
    public decimal TopByRevenue() => Card().CustomerValue.TopByRevenue(Count)[^1].Revenue.Amount;

    private Scorecard Card()
    {
        using var accumulator = new ScorecardAccumulator(_year, new ScorecardSettings { Currency = Domain.Currency.Eur });
        accumulator.AddRange(new CrmDataSet { Purchases = _purchases });
        return accumulator.Result(ArrivalLog.End);
    }
}
