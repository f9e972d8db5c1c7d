using BenchmarkDotNet.Attributes;
using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Metrics;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// The scorecard of one month (Europe/Berlin) over 10k to 10M purchases of two years (customers = purchases / 10),
/// against two LINQ implementations of the same purchase, cost and value figures — the naive one (one query per
/// metric, as one writes it without a library: the baseline) and a hand-fused one (a single GroupBy per customer) —
/// and against the floor: one scan of the same array summing the amounts. The library runs three ways: its
/// default (an array of 262,144 purchases or more is read on all cores, one slice each, into shared tables), one pass
/// on one core, and the two halves of the array as partitions (read the same way, one thread each).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn] // a shared VM: one of three iterations may meet a full collection of the 10M-record heap or a noisy neighbour
public class ScorecardBenchmarks
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private readonly ReportingPeriod _period = ReportingPeriod.Month(2026, 3, Berlin);
    private Purchase[] _purchases = [];
    private CostEntry[] _costs = [];
    private ICrmMetrics _metrics = null!;
    private ICrmMetrics _singleCore = null!;
    private CrmDataSet[] _halves = [];

    /// <summary>Number of purchases.</summary>
    [Params(10_000, 100_000, 1_000_000, 10_000_000)]
    public int Purchases { get; set; }

    /// <summary>Number of customers: a tenth of the purchases.</summary>
    public int Customers => Purchases / 10;

    /// <summary>
    /// How the purchases arrive: <c>time-ordered</c>, customers interleaved, as logs and scans do; or <c>random</c>,
    /// in no order, the layout of the earlier tables (kept as a labelled extra).
    /// </summary>
    [Params("time-ordered", "random")]
    public string Layout { get; set; } = "time-ordered";

    /// <summary>Deterministic data: purchases spread over 2025-01-01 .. 2026-04-30, 10 % with a cost missing, 3 % refunds.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260301);
        var ids = Enumerable.Range(0, Customers).Select(i => new CustomerId("c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var start = Instant.FromUtc(2025, 1, 1, 0, 0);
        var seconds = (int)(Instant.FromUtc(2026, 4, 30, 0, 0) - start).TotalSeconds;
        _purchases = new Purchase[Purchases];
        for (var i = 0; i < _purchases.Length; i++)
        {
            var amount = new Money(random.Next(100, 50_000) / 100m, Currency.Eur);
            var cost = random.Next(10) == 0 ? (Money?)null : amount.Multiply(0.6m);
            _purchases[i] = new Purchase(
                ids[random.Next(ids.Length)],
                start + Duration.FromSeconds(random.Next(seconds)),
                random.Next(100) < 3 ? PurchaseKind.Refund : PurchaseKind.Sale,
                amount,
                (SalesChannel)random.Next(6),
                cost);
        }

        if (Layout == "time-ordered")
        {
            // Sorted, then made anew in that order, as a reader of a log would create them.
            Array.Sort(_purchases, (a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
            _purchases = ArrivalLog.AsRead(_purchases);
        }

        _costs =
        [
            new CostEntry(CostKind.Acquisition, new Money(50_000m, Currency.Eur), new DateInterval(new LocalDate(2026, 2, 15), new LocalDate(2026, 3, 15))),
            new CostEntry(CostKind.Retention, new Money(20_000m, Currency.Eur), new DateInterval(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31))),
        ];
        _metrics = Metrics(-1);
        _singleCore = Metrics(1);
        var half = _purchases.Length / 2;
        _halves =
        [
            new CrmDataSet { Purchases = new ArraySegment<Purchase>(_purchases, 0, half), Costs = _costs },
            new CrmDataSet { Purchases = new ArraySegment<Purchase>(_purchases, half, _purchases.Length - half), Costs = [] },
        ];
    }

    private static ICrmMetrics Metrics(int parallelism)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = parallelism);
        return Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ICrmMetrics>(
            Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services));
    }

    /// <summary>The floor: one scan of the purchases summing their amounts (and the costs').</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public decimal Floor()
    {
        var sum = 0m;
        foreach (var purchase in _purchases)
        {
            sum += purchase.Amount.Amount;
        }

        foreach (var cost in _costs)
        {
            sum += cost.Amount.Amount;
        }

        return sum;
    }

    /// <summary>The naive baseline: one LINQ query per metric.</summary>
    /// <returns>A checksum of the figures, so nothing is optimised away.</returns>
    [Benchmark(Baseline = true)]
    public decimal NaiveLinqPerMetric()
    {
        var start = _period.Start;
        var end = _period.End;
        var windowStart = _period.StartOf(_period.Dates.Start.PlusDays(-365));
        var priorStart = _period.Previous().Start;
        var inPeriod = _purchases.Where(p => p.OccurredAt >= start && p.OccurredAt < end).ToList();
        var sales = inPeriod.Where(p => p.IsSale).ToList();
        var grossSales = sales.Sum(p => p.Amount.Amount);
        var refunds = inPeriod.Where(p => !p.IsSale).Sum(p => p.Amount.Amount);
        var revenue = grossSales - refunds;
        var orders = sales.Count;
        var active = sales.Select(p => p.CustomerId).Distinct().ToList();
        var aov = orders == 0 ? 0 : grossSales / orders;
        var frequency = active.Count == 0 ? 0 : (decimal)orders / active.Count;
        var repeaters = sales.GroupBy(p => p.CustomerId).Count(g => g.Select(p => p.OccurredAt.InZone(Berlin).Date).Distinct().Count() >= 2);
        var firstSale = _purchases.Where(p => p.IsSale && p.OccurredAt < end).GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.Min(p => p.OccurredAt));
        var newCustomers = firstSale.Count(kv => kv.Value >= start);
        var atStart = _purchases.Where(p => p.IsSale && p.OccurredAt >= windowStart && p.OccurredAt < start).Select(p => p.CustomerId).ToHashSet();
        var retained = active.Count(atStart.Contains);
        var returning = sales.Where(p => firstSale[p.CustomerId] < start).Sum(p => p.Amount.Amount);
        var prior = _purchases.Where(p => p.OccurredAt >= priorStart && p.OccurredAt < start).Sum(p => p.SignedAmount.Amount);
        var acquisition = _costs.Where(c => c.Kind == CostKind.Acquisition).Sum(c => c.Amount.Amount * _period.OverlapInDays(c.Period) / c.Period.Length);
        var retention = _costs.Where(c => c.Kind == CostKind.Retention).Sum(c => c.Amount.Amount * _period.OverlapInDays(c.Period) / c.Period.Length);
        var costToServe = active.Count == 0 ? 0 : retention / active.Count;
        var margins = inPeriod.GroupBy(p => p.CustomerId)
            .Select(g => g.Sum(p => p.SignedAmount.Amount) - g.Sum(p => (p.IsSale ? 1 : -1) * (p.Cost?.Amount ?? 0m)) - (g.Any(p => p.IsSale) ? costToServe : 0))
            .OrderBy(m => m)
            .ToList();
        var historicalClv = _purchases.Where(p => p.OccurredAt < end).GroupBy(p => p.CustomerId)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.SignedAmount.Amount) - g.Sum(p => (p.IsSale ? 1 : -1) * (p.Cost?.Amount ?? 0m)));
        var cac = newCustomers == 0 ? 0 : acquisition / newCustomers;
        return revenue + aov + frequency + repeaters + retained + returning + prior + cac + margins.Count + historicalClv.Count;
    }

    /// <summary>A hand-fused LINQ version: one GroupBy per customer computing the per-customer figures at once.</summary>
    /// <returns>A checksum of the figures, so nothing is optimised away.</returns>
    [Benchmark]
    public decimal FusedLinqGroupBy()
    {
        var start = _period.Start;
        var end = _period.End;
        var windowStart = _period.StartOf(_period.Dates.Start.PlusDays(-365));
        var perCustomer = _purchases
            .Where(p => p.OccurredAt < end)
            .GroupBy(p => p.CustomerId)
            .Select(g => new
            {
                FirstSale = g.Where(p => p.IsSale).Select(p => p.OccurredAt).DefaultIfEmpty(end).Min(),
                InWindow = g.Any(p => p.IsSale && p.OccurredAt >= windowStart && p.OccurredAt < start),
                Orders = g.Count(p => p.IsSale && p.OccurredAt >= start),
                Days = g.Where(p => p.IsSale && p.OccurredAt >= start).Select(p => p.OccurredAt.InZone(Berlin).Date).Distinct().Count(),
                Sales = g.Where(p => p.IsSale && p.OccurredAt >= start).Sum(p => p.Amount.Amount),
                Refunds = g.Where(p => !p.IsSale && p.OccurredAt >= start).Sum(p => p.Amount.Amount),
                Cost = g.Where(p => p.OccurredAt >= start).Sum(p => p.Cost?.Amount ?? 0m),
                Lifetime = g.Sum(p => p.SignedAmount.Amount),
            })
            .ToList();
        var active = perCustomer.Where(c => c.Orders > 0).ToList();
        var atStart = perCustomer.Count(c => c.InWindow);
        var retained = perCustomer.Count(c => c.InWindow && c.Orders > 0);
        var repeaters = active.Count(c => c.Days >= 2);
        var newCustomers = perCustomer.Count(c => c.FirstSale >= start && c.FirstSale < end);
        var revenue = perCustomer.Sum(c => c.Sales - c.Refunds);
        var margins = active.Select(c => c.Sales - c.Refunds - c.Cost).OrderBy(m => m).ToList();
        return revenue + atStart + retained + repeaters + newCustomers + margins.Count + perCustomer.Sum(c => c.Lifetime);
    }

    /// <summary>The library: the whole scorecard in one pass (the default options).</summary>
    /// <returns>The scorecard.</returns>
    [Benchmark]
    public Scorecard CrmMetricsScorecard() =>
        _metrics.ComputeScorecard(new CrmDataSet { Purchases = _purchases, Costs = _costs }, _period);

    /// <summary>The library in one pass on one core (<see cref="ExecutionOptions.MaxDegreeOfParallelism"/> = 1).</summary>
    /// <returns>The scorecard.</returns>
    [Benchmark]
    public Scorecard OnePassOneCore() =>
        _singleCore.ComputeScorecard(new CrmDataSet { Purchases = _purchases, Costs = _costs }, _period);

    /// <summary>The library over the two halves of the array as partitions: their purchases read into shared tables, one thread each.</summary>
    /// <returns>The scorecard.</returns>
    [Benchmark]
    public Scorecard TwoPartitions() => _metrics.ComputeScorecardFromPartitions(_halves, _period);
}
