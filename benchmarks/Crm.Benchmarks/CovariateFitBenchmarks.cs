using BenchmarkDotNet.Attributes;
using Crm.Metrics.Lifetime;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Fits with three categorical covariates (channel of three categories, region of four, segment of two: six dummies
/// for each process, 24 cells) against the plain fits, on the time-ordered log of 100,000 customers (about 410,000
/// purchases, customers interleaved; see <see cref="ArrivalLog"/>) calibrated to 2026-01-01 (80,325 customers). The
/// categories are spread over the customers by a hash of their ids.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class CovariateFitBenchmarks
{
    private CustomerBaseSummary _summary = null!;
    private CovariateTable _covariates = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new SummaryOptions(new LocalDate(2026, 1, 1)) { Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] };
        _summary = CustomerBaseSummary.FromPurchases(ArrivalLog.Generate(customers: 100_000), options);
        string[] channels = ["store", "web", "app"], regions = ["north", "south", "east", "west"], segments = ["consumer", "business"];
        _covariates = CovariateTable.FromCategories(["channel", "region", "segment"], _summary.Customers.Select(c =>
        {
            var h = (uint)c.CustomerId.Value.Aggregate(17, (a, ch) => (a * 31) + ch);
            return new KeyValuePair<Crm.Domain.CustomerId, IReadOnlyList<string>>(c.CustomerId, [channels[h % 3], regions[h / 3 % 4], segments[h / 12 % 2]]);
        }));
        Console.WriteLine($"// {_summary.Customers.Count:N0} customers, {_covariates.PurchaseNames.Count} dummies per process");
    }

    /// <summary>Plain BG/NBD (the baseline).</summary>
    /// <returns>The fit.</returns>
    [Benchmark(Baseline = true)]
    public ModelFit<BgNbdModel> BgNbd() => BgNbdModel.Fit(_summary);

    /// <summary>BG/NBD with the three categorical covariates on both processes.</summary>
    /// <returns>The fit.</returns>
    [Benchmark]
    public ModelFit<BgNbdCovariateModel> BgNbdWithCovariates() => BgNbdCovariateModel.Fit(_summary, _covariates);

    /// <summary>Plain Pareto/NBD.</summary>
    /// <returns>The fit.</returns>
    [Benchmark]
    public ModelFit<ParetoNbdModel> ParetoNbd() => ParetoNbdModel.Fit(_summary);

    /// <summary>Pareto/NBD with the three categorical covariates on both processes.</summary>
    /// <returns>The fit.</returns>
    [Benchmark]
    public ModelFit<ParetoNbdCovariateModel> ParetoNbdWithCovariates() => ParetoNbdCovariateModel.Fit(_summary, _covariates);
}
