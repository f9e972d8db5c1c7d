using BenchmarkDotNet.Attributes;
using Crm.Metrics.Lifetime;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Prediction intervals from 1,000 parameter draws against one forecast at the estimates, on the time-ordered log of
/// 100,000 customers (about 410,000 purchases, customers interleaved; see <see cref="ArrivalLog"/>) calibrated to
/// 2026-01-01, BG/NBD and Gamma-Gamma fitted once in the set-up. The baseline is every customer's CLV at the estimates
/// in one call over the summary (<see cref="CustomerLifetimeValue.Forecast(IPurchaseModel, GammaGammaModel, CustomerBaseSummary, ClvSettings, IProgress{long}, CancellationToken)"/>):
/// what the base's totals cost without intervals.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class ForecastIntervalBenchmarks
{
    private static readonly ClvSettings Clv = new(ModelTime.Weeks(52), ModelTime.Weeks(4), Math.Pow(1.10, 4.0 / 52) - 1, 1m);
    private static readonly IntervalOptions Options = new() { Draws = 1000, Seed = 1 };
    private CustomerBaseSummary _valued = null!;
    private ModelFit<BgNbdModel> _purchases = null!;
    private ModelFit<GammaGammaModel> _spend = null!;
    private List<CustomerSummary> _top = null!;

    [GlobalSetup]
    public void Setup()
    {
        var purchases = ArrivalLog.Generate(customers: 100_000);
        var options = new SummaryOptions(new LocalDate(2026, 1, 1)) { Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] };
        var summary = CustomerBaseSummary.FromPurchases(purchases, options);
        _purchases = BgNbdModel.Fit(summary);
        _valued = CustomerBaseSummary.FromSummaries([.. summary.Customers.Where(c => c.Frequency == 0 || c.MeanRepeatValue is { Amount: > 0 })], options);
        _spend = GammaGammaModel.Fit(CustomerBaseSummary.FromSummaries([.. _valued.Customers.Where(c => c.Frequency > 0)], options));
        _top = [.. CustomerLifetimeValue.Forecast(_purchases.Model, _spend.Model, _valued, Clv)
            .Zip(_valued.Customers).OrderByDescending(p => p.First.Value.Amount).Take(100).Select(p => p.Second)];
        Console.WriteLine($"// {purchases.Length:N0} purchases, {_valued.Customers.Count:N0} customers valued, {_purchases.DistinctSummaries:N0} distinct summaries");
    }

    /// <summary>Every customer's CLV at the estimates, in one call over the summary (the baseline).</summary>
    /// <returns>The forecasts.</returns>
    [Benchmark(Baseline = true)]
    public IReadOnlyList<CustomerValueForecast> ClvAtTheEstimates() => CustomerLifetimeValue.Forecast(_purchases.Model, _spend.Model, _valued, Clv);

    /// <summary>The base's expected purchases in 39 weeks and customers alive, with 90 % intervals from 1,000 draws.</summary>
    /// <returns>The totals.</returns>
    [Benchmark]
    public BaseForecastInterval PurchaseTotals() => ForecastIntervals.ForBase(_purchases, _valued, ModelTime.Weeks(39), Options);

    /// <summary>The base's expected purchases, customers alive and CLV over 52 weeks, with 90 % intervals from 1,000 draws.</summary>
    /// <returns>The totals.</returns>
    [Benchmark]
    public BaseForecastInterval ValueTotals() => ForecastIntervals.ValueForBase(_purchases, _spend, _valued, Clv, Options);

    /// <summary>The hundred most valuable customers' forecasts with 90 % intervals from 1,000 draws.</summary>
    /// <returns>The forecasts.</returns>
    [Benchmark]
    public IReadOnlyList<CustomerForecastInterval> TopHundred() => ForecastIntervals.ValueForCustomers(_purchases, _spend, _top, Clv, Options);
}
