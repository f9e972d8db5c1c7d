using BenchmarkDotNet.Attributes;
using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Twelve monthly scorecards (October 2025 to September 2026, Europe/Berlin) over a time-ordered log of 200,000
/// customers (customers interleaved, a few purchases each), on one thread: from one read of the records with each
/// customer kept once (<see cref="ICrmMetrics.ComputeScorecards"/>), and from twelve passes, one per month — against
/// the scorecard of the last month alone (the baseline). Memory is measured apart by the harness (peak working set),
/// since the customer tables come from a shared pool that allocation counts do not see.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class ScorecardSeriesBenchmarks
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private readonly IReadOnlyList<ReportingPeriod> _months = ReportingPeriod.MonthsUpTo(new YearMonth(2026, 9), 12, Berlin);
    private readonly ScorecardSettings _settings = new() { Currency = Currency.Eur };
    private CrmDataSet _data = new();
    private ServiceProvider _provider = null!;
    private ICrmMetrics _metrics = null!;

    /// <summary>The log and a one-thread engine.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = new CrmDataSet { Purchases = ArrivalLog.Generate(200_000) };
        _provider = new ServiceCollection().AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = 1).BuildServiceProvider();
        _metrics = _provider.GetRequiredService<ICrmMetrics>();
    }

    /// <summary>Releases the engine.</summary>
    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    /// <summary>The last month's scorecard alone.</summary>
    [Benchmark(Baseline = true)]
    public Scorecard LastMonth() => _metrics.ComputeScorecard(_data, _months[^1], _settings);

    /// <summary>The twelve months from one read.</summary>
    [Benchmark]
    public IReadOnlyList<Scorecard> TwelveMonthsOneRead() => _metrics.ComputeScorecards(_data, _months, _settings);

    /// <summary>The twelve months, one pass each.</summary>
    [Benchmark]
    public Scorecard[] TwelveMonthsTwelvePasses() => [.. _months.Select(m => _metrics.ComputeScorecard(_data, m, _settings))];
}
