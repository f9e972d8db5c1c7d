using BenchmarkDotNet.Attributes;
using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using NodaTime;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Benchmarks;

/// <summary>
/// The model summary of about 10k to 10M purchases (customers = purchases / 10), against the LINQ one writes without a
/// library (group by customer, local dates, distinct days) and the floor (one scan summing the amounts).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn] // a shared VM: one of three iterations may meet a full collection of the 10M-record heap or a noisy neighbour
public class SummaryBenchmarks
{
    private readonly SummaryOptions _options = new(LifetimeData.CalibrationEnd) { Zone = LifetimeData.Berlin };
    private Purchase[] _purchases = [];

    /// <summary>About this many purchases (a tenth as many customers, each with about ten).</summary>
    [Params(10_000, 100_000, 1_000_000, 10_000_000)]
    public int Purchases { get; set; }

    /// <summary>
    /// How the purchases arrive: <c>time-ordered</c>, customers interleaved, as logs and scans do; or <c>grouped</c>,
    /// each customer's purchases together, the layout of the earlier tables (kept as a labelled extra).
    /// </summary>
    [Params("time-ordered", "grouped")]
    public string Layout { get; set; } = "time-ordered";

    /// <summary>Generates the purchases.</summary>
    [GlobalSetup]
    public void Setup() => _purchases = LifetimeData.Arranged(LifetimeData.Purchases(Purchases / 10, 20261122), Layout);

    /// <summary>The floor: one scan summing the amounts.</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public decimal Floor() => LifetimeData.SumAmounts(_purchases);

    /// <summary>The library in one pass on one thread.</summary>
    /// <returns>Σx.</returns>
    [Benchmark]
    public long OnePassOneCore()
    {
        using var accumulator = new CustomerBaseSummaryAccumulator(_options);
        accumulator.AddRange(_purchases);
        return accumulator.Result().RepeatTransactions;
    }

    /// <summary>The baseline: the summary as one writes it in LINQ without a library (group by customer, local dates, distinct days).</summary>
    /// <returns>Σx, with the customers a summary would refuse counted once more (so the checks are not eliminated).</returns>
    [Benchmark(Baseline = true)]
    public long NaiveLinq()
    {
        var end = _options.CalibrationEnd;
        long total = 0;
        foreach (var customer in _purchases.Where(p => p.IsSale).GroupBy(p => p.CustomerId))
        {
            var days = customer.GroupBy(p => p.OccurredAt.InZone(_options.Zone).Date)
                .Select(d => (Date: d.Key, Value: d.Sum(p => p.Amount.Amount)))
                .OrderBy(d => d.Date)
                .ToList();
            var first = days[0].Date;
            if (first > end)
            {
                continue;
            }

            var repeats = days.Skip(1).Where(d => d.Date <= end).ToList();
            var last = repeats.Count > 0 ? repeats[^1].Date : first;
            var tx = Period.DaysBetween(first, last) / 7.0;
            var t = Period.DaysBetween(first, end) / 7.0;
            var mean = repeats.Count > 0 ? repeats.Sum(d => d.Value) / repeats.Count : 0m;
            total += repeats.Count + (tx > t || mean < 0 ? 1 : 0);
        }

        return total;
    }

    /// <summary>The library: <see cref="CustomerBaseSummary.FromPurchases"/> (an array this large is split across the cores).</summary>
    /// <returns>Σx.</returns>
    [Benchmark]
    public long FromPurchases() => CustomerBaseSummary.FromPurchases(_purchases, _options).RepeatTransactions;
}

/// <summary>
/// Fitting BG/NBD on CDNOW (2,357 customers) and on 100,000 customers, against a plain BFGS over the textbook
/// per-customer likelihood (no grouping, every term recomputed per customer; the same analytic gradient).
/// </summary>
[MemoryDiagnoser]
public class BgNbdFitBenchmarks
{
    private CustomerBaseSummary _summary = null!;
    private RepeatSummary[] _plain = [];

    /// <summary>
    /// The data: the CDNOW sample (2,357 customers); 100,000 customers behaving as CDNOW's fit says; or the 100,000
    /// customers of <see cref="SummaryBenchmarks"/> (about ten purchases each over two years: almost every summary
    /// distinct, the worst case for grouping).
    /// </summary>
    [Params("CDNOW", "100k-cdnow-like", "100k-heavy")]
    public string Data { get; set; } = "CDNOW";

    /// <summary>Summarises the data (weeks).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _summary = Data switch
        {
            "CDNOW" => CustomerBaseSummary.FromPurchases(LifetimeData.Cdnow(), new SummaryOptions(new LocalDate(1997, 9, 30))),
            "100k-cdnow-like" => CustomerBaseSummary.FromPurchases(LifetimeData.CdnowLike(100_000, 1997), new SummaryOptions(new LocalDate(1997, 9, 30))),
            _ => CustomerBaseSummary.FromPurchases(LifetimeData.Purchases(100_000, 20261122), new SummaryOptions(LifetimeData.CalibrationEnd) { Zone = LifetimeData.Berlin }),
        };
        _plain = NaiveFits.Plain(_summary);
    }

    /// <summary>Naive: BFGS on log-parameters over the plain per-customer sum.</summary>
    /// <returns>ln L at the optimum.</returns>
    [Benchmark(Baseline = true)]
    public double NaivePerCustomer() => NaiveFits.BgNbd(_plain);

    /// <summary>The library: <see cref="BgNbdModel.Fit"/> (grouping, per-value terms, parallel chunks, standard errors).</summary>
    /// <returns>ln L at the optimum.</returns>
    [Benchmark]
    public double Fit() => BgNbdModel.Fit(_summary).LogLikelihood;
}

/// <summary>
/// Fitting Pareto/NBD on CDNOW, against a plain BFGS over the per-customer likelihood with the same central-difference
/// gradient (no grouping: two ₂F₁ per customer per evaluation).
/// </summary>
[MemoryDiagnoser]
public class ParetoNbdCdnowBenchmarks
{
    private CustomerBaseSummary _summary = null!;
    private RepeatSummary[] _plain = [];

    /// <summary>Summarises CDNOW (weeks).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _summary = CustomerBaseSummary.FromPurchases(LifetimeData.Cdnow(), new SummaryOptions(new LocalDate(1997, 9, 30)));
        _plain = NaiveFits.Plain(_summary);
    }

    /// <summary>Naive: every customer's likelihood, nine times per gradient.</summary>
    /// <returns>ln L at the optimum.</returns>
    [Benchmark(Baseline = true)]
    public double NaivePerCustomer() => NaiveFits.ParetoNbd(_plain);

    /// <summary>The library: <see cref="ParetoNbdModel.Fit"/> (grouping, distinct ₂F₁ terms once, parallel chunks, standard errors).</summary>
    /// <returns>ln L at the optimum.</returns>
    [Benchmark]
    public double Fit() => ParetoNbdModel.Fit(_summary).LogLikelihood;
}

/// <summary>Fitting Pareto/NBD on 100,000 customers (no naive baseline: it takes minutes per fit).</summary>
[MemoryDiagnoser]
public class ParetoNbd100kBenchmarks
{
    private CustomerBaseSummary _summary = null!;

    /// <summary>The data, as in <see cref="BgNbdFitBenchmarks"/>.</summary>
    [Params("100k-cdnow-like", "100k-heavy")]
    public string Data { get; set; } = "100k-cdnow-like";

    /// <summary>Summarises the data (weeks).</summary>
    [GlobalSetup]
    public void Setup() =>
        _summary = Data == "100k-cdnow-like"
            ? CustomerBaseSummary.FromPurchases(LifetimeData.CdnowLike(100_000, 1997), new SummaryOptions(new LocalDate(1997, 9, 30)))
            : CustomerBaseSummary.FromPurchases(LifetimeData.Purchases(100_000, 20261122), new SummaryOptions(LifetimeData.CalibrationEnd) { Zone = LifetimeData.Berlin });

    /// <summary>The library: <see cref="ParetoNbdModel.Fit"/>.</summary>
    /// <returns>ln L at the optimum.</returns>
    [Benchmark]
    public double Fit() => ParetoNbdModel.Fit(_summary).LogLikelihood;
}

/// <summary>
/// Fits of bases the models cannot describe, which must end at a named bound in bounded time (goal: under a second
/// each): 1,000 identical customers, and 20,000 customers buying at one Poisson rate who never drop out.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DegenerateBaseBenchmarks
{
    private CustomerBaseSummary _summary = null!;

    /// <summary>The base.</summary>
    [Params("1k-identical", "20k-poisson")]
    public string Data { get; set; } = "1k-identical";

    /// <summary>Builds the base (days).</summary>
    [GlobalSetup]
    public void Setup() => _summary = Data == "1k-identical" ? DegenerateBases.Identical() : DegenerateBases.Poisson();

    /// <summary>BG/NBD.</summary>
    /// <returns>The status.</returns>
    [Benchmark]
    public FitStatus BgNbd() => BgNbdModel.Fit(_summary).Status;

    /// <summary>Pareto/NBD.</summary>
    /// <returns>The status.</returns>
    [Benchmark]
    public FitStatus ParetoNbd() => ParetoNbdModel.Fit(_summary).Status;
}

/// <summary>
/// RFM of about 1M purchases of 100,000 customers, against the LINQ one writes without a library: group by customer,
/// distinct local days, then sort each dimension and bucket by rank with ties.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn] // a shared VM: one of three iterations may meet a full collection of the 10M-record heap or a noisy neighbour
public class RfmBenchmarks
{
    private readonly Crm.Metrics.Segments.RfmOptions _options = new(LifetimeData.CalibrationEnd) { Zone = LifetimeData.Berlin };
    private Purchase[] _purchases = [];

    /// <summary>About this many purchases (a tenth as many customers).</summary>
    [Params(10_000, 100_000, 1_000_000, 10_000_000)]
    public int Purchases { get; set; }

    /// <summary>How the purchases arrive (see <see cref="SummaryBenchmarks.Layout"/>).</summary>
    [Params("time-ordered", "grouped")]
    public string Layout { get; set; } = "time-ordered";

    /// <summary>Generates the purchases (as <see cref="SummaryBenchmarks"/>).</summary>
    [GlobalSetup]
    public void Setup() => _purchases = LifetimeData.Arranged(LifetimeData.Purchases(Purchases / 10, 20261122), Layout);

    /// <summary>The floor: one scan summing the amounts.</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public decimal Floor() => LifetimeData.SumAmounts(_purchases);

    /// <summary>Naive: GroupBy, InZone per purchase, Distinct days, OrderBy per dimension, rank-with-ties buckets.</summary>
    /// <returns>The sum of the scores, so the work is not eliminated.</returns>
    [Benchmark(Baseline = true)]
    public long NaiveLinq()
    {
        var end = _options.AnalysisDate;
        var rows = _purchases.Where(p => p.IsSale)
            .Select(p => (p.CustomerId, Day: p.OccurredAt.InZone(_options.Zone).Date, p.Amount.Amount))
            .Where(p => p.Day <= end)
            .GroupBy(p => p.CustomerId)
            .Select(g =>
            {
                var days = g.Select(p => p.Day).Distinct().ToList();
                return (Recency: -(double)Period.DaysBetween(days.Max(), end), Frequency: (double)days.Count, Monetary: (double)(g.Sum(p => p.Amount) / days.Count));
            })
            .ToList();
        long Score(Func<(double Recency, double Frequency, double Monetary), double> key)
        {
            var sorted = rows.Select(key).OrderBy(v => v).ToList();
            var firstIndex = sorted.Select((v, i) => (v, i)).GroupBy(t => t.v).ToDictionary(g => g.Key, g => g.Min(t => t.i));
            return rows.Sum(r => 1 + (5L * firstIndex[key(r)] / rows.Count));
        }

        return Score(r => r.Recency) + Score(r => r.Frequency) + Score(r => r.Monetary);
    }

    /// <summary>The library: <see cref="Crm.Metrics.Segments.RfmAnalysis.Compute"/> (scores, bins, segments).</summary>
    /// <returns>The number of customers.</returns>
    [Benchmark]
    public int Compute() => Crm.Metrics.Segments.RfmAnalysis.Compute(_purchases, _options).Customers.Count;
}

/// <summary>The fits and the floor shared by the two scaling classes: the summary of about <c>Purchases</c> purchases.</summary>
public abstract class ModelFitScalingBase
{
    /// <summary>The summary (weeks) of the generated purchases.</summary>
    protected CustomerBaseSummary Summary { get; private set; } = null!;

    /// <summary>About this many purchases (a tenth as many customers).</summary>
    public abstract int Purchases { get; set; }

    /// <summary>Generates the purchases and summarises them.</summary>
    [GlobalSetup]
    public virtual void Setup() =>
        Summary = CustomerBaseSummary.FromPurchases(LifetimeData.Purchases(Purchases / 10, 20261122), new SummaryOptions(LifetimeData.CalibrationEnd) { Zone = LifetimeData.Berlin });

    /// <summary>The floor: one scan of the summaries.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark]
    public double Floor() => NaiveFits.Scan(Summary);

    /// <summary>The library's BG/NBD fit.</summary>
    /// <returns>ln L.</returns>
    [Benchmark]
    public double BgNbdFit() => BgNbdModel.Fit(Summary).LogLikelihood;

    /// <summary>The library's Pareto/NBD fit.</summary>
    /// <returns>ln L.</returns>
    [Benchmark]
    public double ParetoNbdFit() => ParetoNbdModel.Fit(Summary).LogLikelihood;
}

/// <summary>
/// The BG/NBD and Pareto/NBD fits on the summary of 10k and 100k purchases (1k and 10k customers, about ten
/// purchases each), against the naive fit (plain per-customer likelihood) and the floor (one scan of the summaries).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn] // a shared VM: one of three iterations may meet a full collection of the 10M-record heap or a noisy neighbour
public class ModelFitScalingBenchmarks : ModelFitScalingBase
{
    private RepeatSummary[] _plain = [];

    /// <inheritdoc />
    [Params(10_000, 100_000)]
    public override int Purchases { get; set; }

    /// <inheritdoc />
    public override void Setup()
    {
        base.Setup();
        _plain = NaiveFits.Plain(Summary);
    }

    /// <summary>The naive BG/NBD fit.</summary>
    /// <returns>ln L.</returns>
    [Benchmark(Baseline = true)]
    public double NaiveBgNbd() => NaiveFits.BgNbd(_plain);

    /// <summary>The naive Pareto/NBD fit.</summary>
    /// <returns>ln L.</returns>
    [Benchmark]
    public double NaiveParetoNbd() => NaiveFits.ParetoNbd(_plain);
}

/// <summary>The fits of <see cref="ModelFitScalingBenchmarks"/> at 1M and 10M purchases (100k and 1M customers); no naive fit (minutes each).</summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn] // a shared VM: one of three iterations may meet a full collection of the 10M-record heap or a noisy neighbour
public class ModelFitScalingLargeBenchmarks : ModelFitScalingBase
{
    /// <inheritdoc />
    [Params(1_000_000, 10_000_000)]
    public override int Purchases { get; set; }
}
