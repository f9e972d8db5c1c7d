using BenchmarkDotNet.Attributes;
using Crm.Metrics.Segments;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Value tiers of the customers of an RFM analysis (the time-ordered log of 200,000 customers, RFM at 2026-09-30 in
/// Berlin, computed once in the set-up), against the LINQ one writes without a library: order by revenue descending,
/// then by id (ordinal), and cut at 80 % and 95 % of the total.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class ValueTierBenchmarks
{
    private RfmAnalysis _rfm = null!;

    /// <summary>Generates the purchases and computes RFM.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var purchases = ArrivalLog.Generate(customers: 200_000);
        _rfm = RfmAnalysis.Compute(purchases, new RfmOptions(new LocalDate(2026, 9, 30)) { Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] });
        Console.WriteLine($"// {purchases.Length:N0} purchases, {_rfm.Customers.Count:N0} customers");
    }

    /// <summary>Naive: OrderByDescending revenue, ThenBy id, a running share per customer.</summary>
    /// <returns>The customers in A.</returns>
    [Benchmark(Baseline = true)]
    public int NaiveLinq()
    {
        var ranked = _rfm.Customers.OrderByDescending(c => c.Revenue.Amount).ThenBy(c => c.CustomerId.Value, StringComparer.Ordinal).ToList();
        var total = ranked.Sum(c => Math.Max(c.Revenue.Amount, 0));
        var before = 0m;
        var inA = 0;
        foreach (var customer in ranked)
        {
            if (customer.Revenue.Amount > 0 && before / total < 0.80m)
            {
                inA++;
            }

            before += Math.Max(customer.Revenue.Amount, 0);
        }

        return inA;
    }

    /// <summary>The library: <see cref="ValueTierAnalysis.FromRfm"/>, its tiers read (no customer is made).</summary>
    /// <returns>The customers in A.</returns>
    [Benchmark]
    public int FromRfm() => ValueTierAnalysis.FromRfm(_rfm).Tiers[0].Customers;

    /// <summary>The library with every customer read, as the baseline lists them: ties put in order of id, each customer made.</summary>
    /// <returns>The customers in A.</returns>
    [Benchmark]
    public int FromRfmListed() => ValueTierAnalysis.FromRfm(_rfm).Customers.Count(c => c.Tier == ValueTier.A);
}
