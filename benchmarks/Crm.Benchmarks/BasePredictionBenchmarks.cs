using BenchmarkDotNet.Attributes;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Predictions over a whole base — every customer's CLV and the holdout tracking — against the one-customer calls they
/// replace, on the time-ordered log of 200,000 customers (about 824,000 purchases, customers interleaved; see
/// <see cref="ArrivalLog"/>), calibrated to 2026-01-01 with a holdout to 2026-09-30, BG/NBD and Gamma-Gamma fitted once
/// in the set-up. The baseline asks <see cref="CustomerLifetimeValue.Forecast(IPurchaseModel, GammaGammaModel, in CustomerSummary, ClvSettings)"/>
/// customer by customer, as the report did; the floor is one scan of the summaries.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class BasePredictionBenchmarks
{
    private static readonly ClvSettings Clv = new(ModelTime.Weeks(52), ModelTime.Weeks(4), Math.Pow(1.10, 4.0 / 52) - 1, 1m);
    private Purchase[] _purchases = null!;
    private CustomerBaseSummary _summary = null!;
    private CustomerBaseSummary _valued = null!;
    private BgNbdModel _model = null!;
    private GammaGammaModel _spend = null!;

    [GlobalSetup]
    public void Setup()
    {
        _purchases = ArrivalLog.Generate(customers: 200_000);
        var options = new SummaryOptions(new LocalDate(2026, 1, 1)) { HoldoutEnd = new LocalDate(2026, 9, 30), Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] };
        _summary = CustomerBaseSummary.FromPurchases(_purchases, options);
        _model = BgNbdModel.Fit(_summary).Model;
        _valued = CustomerBaseSummary.FromSummaries([.. _summary.Customers.Where(c => c.Frequency == 0 || c.MeanRepeatValue is { Amount: > 0 })], options);
        _spend = GammaGammaModel.Fit(CustomerBaseSummary.FromSummaries([.. _valued.Customers.Where(c => c.Frequency > 0)], options)).Model;
        Console.WriteLine($"// {_purchases.Length:N0} purchases, {_valued.Customers.Count:N0} customers valued");
    }

    /// <summary>One scan of the summaries: the least any per-customer calculation costs.</summary>
    /// <returns>The sum of the ages.</returns>
    [Benchmark]
    public double Floor()
    {
        var sum = 0.0;
        foreach (var c in _valued.Customers)
        {
            sum += c.Age.Value;
        }

        return sum;
    }

    /// <summary>Every customer's CLV, one call each (the baseline).</summary>
    /// <returns>The forecasts.</returns>
    [Benchmark(Baseline = true)]
    public List<CustomerValueForecast> ClvCustomerByCustomer() =>
        [.. _valued.Customers.Select(c => CustomerLifetimeValue.Forecast(_model, _spend, c, Clv))];

    /// <summary>Every customer's CLV in one call over the summary.</summary>
    /// <returns>The forecasts.</returns>
    [Benchmark]
    public IReadOnlyList<CustomerValueForecast> ClvOfTheBase() => CustomerLifetimeValue.Forecast(_model, _spend, _valued, Clv);

    /// <summary>The tracking table and the weekly cumulative curve over the purchases.</summary>
    /// <returns>The tracking.</returns>
    [Benchmark]
    public HoldoutTracking Tracking() => HoldoutTracking.Compute(_model, _summary, _purchases);
}
