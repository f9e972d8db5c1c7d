using BenchmarkDotNet.Attributes;
using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Metrics;
using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// The report's per-purchase analyses — twelve monthly scorecards, the models' summary, RFM, lifecycles and the churn
/// warning — from one read with one customer index (<see cref="ICrmMetrics.ComputeAnalyses"/>) against their five
/// entry points called one after the other (the baseline, as the report did), on the time-ordered log of 200,000
/// customers (about 824,000 purchases, customers interleaved, made in the order they are read; see
/// <see cref="ArrivalLog"/>). The floor is one scan of the purchases. The purchases are objects made before the run,
/// their id strings old by then; <see cref="OneReadAsRead"/> and its floor read them as a reader of a log hands them
/// on instead, each record made as it is read with a new id string, which the young collections during the read meet.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class AnalysisSetBenchmarks
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly LocalDate AnalysisDate = new(2026, 9, 30);
    private Purchase[] _purchases = null!;
    private ServiceProvider _provider = null!;
    private ICrmMetrics _metrics = null!;
    private AnalysisRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _purchases = ArrivalLog.Generate(customers: 200_000);
        _provider = new ServiceCollection().AddCrmMetrics(o => o.DefaultZone = Berlin).BuildServiceProvider();
        _metrics = _provider.GetRequiredService<ICrmMetrics>();
        _request = new AnalysisRequest
        {
            Scorecards = ReportingPeriod.MonthsUpTo(new YearMonth(2026, 9), 12, Berlin),
            Summary = new SummaryOptions(new LocalDate(2026, 1, 1)) { HoldoutEnd = AnalysisDate, Zone = Berlin },
            Rfm = new RfmOptions(AnalysisDate) { Zone = Berlin },
            Lifecycles = new LifecycleOptions(AnalysisDate) { Zone = Berlin },
            Churn = new ChurnWarningOptions(AnalysisDate) { Zone = Berlin },
        };
        Console.WriteLine($"// {_purchases.Length:N0} purchases");
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    /// <summary>One scan of the purchases summing the amounts: the least any calculation over them costs.</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public decimal Floor()
    {
        var sum = 0m;
        foreach (var p in _purchases)
        {
            sum += p.Amount.Amount;
        }

        return sum;
    }

    /// <summary>
    /// One scan of the purchases as a reader of a log hands them on (see <see cref="AsRead"/>), summing the amounts:
    /// the floor of <see cref="OneReadAsRead"/>.
    /// </summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public decimal FloorAsRead()
    {
        var sum = 0m;
        foreach (var p in AsRead())
        {
            sum += p.Amount.Amount;
        }

        return sum;
    }

    /// <summary>The five entry points, one read each (the baseline).</summary>
    /// <returns>The churn warning's customer count, after every analysis.</returns>
    [Benchmark(Baseline = true)]
    public int OneReadEach()
    {
        var data = new CrmDataSet { Purchases = _purchases };
        var cards = _metrics.ComputeScorecards(data, _request.Scorecards!);
        var summary = CustomerBaseSummary.FromPurchases(_purchases, _request.Summary!);
        var rfm = RfmAnalysis.Compute(_purchases, _request.Rfm!);
        var lifecycles = LifecycleDerivation.Derive(_purchases, AnalysisDate, Berlin);
        var churn = ChurnWarning.Assess(AnalysisDate, Berlin, _purchases);
        return cards.Count + summary.Customers.Count + rfm.Customers.Count + lifecycles.Count + churn.Customers.Count;
    }

    /// <summary>The same analyses from one read.</summary>
    /// <returns>The churn warning's customer count, after every analysis.</returns>
    [Benchmark]
    public int OneRead()
    {
        var results = _metrics.ComputeAnalyses(new CrmDataSet { Purchases = _purchases }, _request);
        return results.Scorecards!.Count + results.Summary!.Customers.Count + results.Rfm!.Customers.Count + results.Lifecycles!.Count + results.AssessChurn().Customers.Count;
    }

    /// <summary>
    /// The same analyses from one read of the purchases as a reader of a log hands them on: records made as they are
    /// read, each with its own new id string, so that the young collections during the read meet what they meet in
    /// the report (strings and records in flight, the buffers that hold them).
    /// </summary>
    /// <returns>The churn warning's customer count, after every analysis.</returns>
    [Benchmark]
    public int OneReadAsRead()
    {
        var results = _metrics.ComputeAnalyses(new CrmDataSet { Purchases = CrmDataSet.PurchasesOf(AsRead()) }, _request);
        return results.Scorecards!.Count + results.Summary!.Customers.Count + results.Rfm!.Customers.Count + results.Lifecycles!.Count + results.AssessChurn().Customers.Count;
    }

    /// <summary>
    /// The same read told how many customers to expect (<see cref="AnalysisRequest.ExpectedCustomers"/>): the index and
    /// the tables start at their final size instead of doubling.
    /// </summary>
    /// <returns>The churn warning's customer count, after every analysis.</returns>
    [Benchmark]
    public int OneReadWithCustomersHinted()
    {
        var results = _metrics.ComputeAnalyses(new CrmDataSet { Purchases = _purchases }, _request with { ExpectedCustomers = 200_000 });
        return results.Scorecards!.Count + results.Summary!.Customers.Count + results.Rfm!.Customers.Count + results.Lifecycles!.Count + results.AssessChurn().Customers.Count;
    }

    /// <summary>The purchases as records made as they are read, each with its own new id string.</summary>
    private IEnumerable<PurchaseRecord> AsRead()
    {
        foreach (var p in _purchases)
        {
            yield return new PurchaseRecord(new CustomerId(new string(p.CustomerId.Value)), p.OccurredAt, p.Kind, p.Amount, p.Channel, p.Cost);
        }
    }
}
