using BenchmarkDotNet.Attributes;
using Crm.Metrics.Lifetime;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Fitting MBG/NBD against fitting BG/NBD (the baseline) on the same 100,000-customer summaries: the two share the
/// grouped objective, so the cost of the modified model is the price of its extra term for customers without a
/// repeat purchase, and of the iterations its likelihood surface needs.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class MbgNbdFitBenchmarks
{
    private CustomerBaseSummary _summary = null!;

    /// <summary>100,000 customers behaving as CDNOW's fit says, or the heavy buyers of <see cref="SummaryBenchmarks"/>.</summary>
    [Params("100k-cdnow-like", "100k-heavy")]
    public string Data { get; set; } = "100k-cdnow-like";

    /// <summary>Summarises the data (weeks).</summary>
    [GlobalSetup]
    public void Setup() =>
        _summary = Data == "100k-cdnow-like"
            ? CustomerBaseSummary.FromPurchases(LifetimeData.CdnowLike(100_000, 1997), new SummaryOptions(new LocalDate(1997, 9, 30)))
            : CustomerBaseSummary.FromPurchases(LifetimeData.Purchases(100_000, 20261122), new SummaryOptions(LifetimeData.CalibrationEnd) { Zone = LifetimeData.Berlin });

    /// <summary>BG/NBD.</summary>
    /// <returns>ln L at the optimum.</returns>
    [Benchmark(Baseline = true)]
    public double BgNbd() => BgNbdModel.Fit(_summary).LogLikelihood;

    /// <summary>MBG/NBD.</summary>
    /// <returns>ln L at the optimum.</returns>
    [Benchmark]
    public double MbgNbd() => MbgNbdModel.Fit(_summary).LogLikelihood;
}
