using Crm.Domain.Activity;
using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Crm.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace Crm.Metrics.Tests;

/// <summary>
/// Several analyses from one read (<see cref="ICrmMetrics.ComputeAnalyses"/>): each equals its own entry point over
/// the same records — the scorecards, the summary, RFM, the lifecycles and the churn warning, with and without a
/// purchase model — in zones of their own or one shared, synchronously and asynchronously, on one thread or two.
/// </summary>
public class AnalysisSetProperties
{
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur, Funnel = CrmGen.Funnel };
    private static readonly DateTimeZone[] Zones = [DateTimeZoneProviders.Tzdb["Europe/Berlin"], DateTimeZone.Utc, DateTimeZoneProviders.Tzdb["America/Sao_Paulo"]];
    private static readonly BgNbdModel Model = new(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);

    /// <summary>A series' data and periods (see <see cref="SeriesProperties"/>), with analysis dates near the activity and a zone per analysis.</summary>
    public static Arbitrary<Input> Inputs()
    {
        var gen =
            from series in SeriesProperties.Series().Generator
            from days in Gen.Choose(-150, 100).ArrayOf(4)
            from holdout in Gen.Choose(0, 60)
            from zones in Gen.Elements(Zones).ArrayOf(4)
            from shared in Gen.Elements(true, false)
            from window in Gen.Elements<int?>(null, 30, 90)
            from threads in Gen.Elements(1, 2)
            select new Input(series.Data, series.Periods, Date(days[0]), holdout == 0 ? null : Date(days[0]).PlusDays(holdout), Date(days[1]), Date(days[2]), Date(days[3]), shared ? [.. Enumerable.Repeat(zones[0], 4)] : zones, window, threads);
        return gen.ToArbitrary();

        static LocalDate Date(int offset) => new LocalDate(2020, 2, 1).PlusDays(offset);
    }

    /// <summary>
    /// Many more purchases than the per-customer analyses take from the reading thread in one batch (so several are
    /// applied on their own thread while reading goes on), with customers on file read before them and complaints
    /// after them; on one thread and on two. The scorecards' buffers hold the customers' numbers in the shared index,
    /// and read an id from it only to add a customer or to compare an id too long to pack: ids of up to eight ASCII
    /// characters (packed), of nine to eleven (not packed) and of both, and ids with a character beyond ASCII (not packed).
    /// </summary>
    [Theory]
    [InlineData(1, "c")]
    [InlineData(2, "c")]
    [InlineData(2, "cust-")]
    [InlineData(1, "customer-")]
    [InlineData(2, "\u00e7")]
    public void A_large_read_equals_each_entry_point(int threads, string prefix)
    {
        var period = new ReportingPeriod(new DateInterval(new LocalDate(2020, 1, 1), new LocalDate(2020, 1, 31)), DateTimeZone.Utc);
        var purchases = LargeData.Purchases(period, seed: 11, prefix, count: 50_000);
        var onFile = Enumerable.Range(0, 300).Select(i => Crm.Domain.Customers.Customer.CreatePerson(new CustomerId($"{prefix}{i * 41}"), new Crm.Domain.Customers.PersonProfile("P"), Instant.FromUtc(2018, 6, 1, 0, 0))).ToList();
        var complaints = Enumerable.Range(0, 500).Select(i => new Complaint(new ComplaintId($"k{i}"), new CustomerId($"{prefix}{i * 17}"), Instant.FromUtc(2019, 12, 1 + (i % 28), 9, 0), null, null, null)).ToList();
        var data = new CrmDataSet { Purchases = purchases, Customers = onFile, Complaints = complaints };
        var input = new Input(data, [period], new LocalDate(2019, 10, 31), new LocalDate(2020, 1, 31), new LocalDate(2020, 1, 15), new LocalDate(2020, 1, 20), new LocalDate(2019, 10, 31), [Zones[0], Zones[1], Zones[0], Zones[2]], 90, threads);

        Every_analysis_of_one_read_equals_its_own_entry_point(input);
    }

    [Property(Arbitrary = new[] { typeof(AnalysisSetProperties) }, MaxTest = 120)]
    public void Every_analysis_of_one_read_equals_its_own_entry_point(Input input)
    {
        using var provider = Provider(input.Threads);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var request = Request(input);

        var results = metrics.ComputeAnalyses(input.Data, request);

        var expected = Expected(metrics, input, request);
        Assert.Equal(expected.Cards, results.Scorecards!.Select(Snapshot.Of).ToList());
        Assert.Equal(expected.Summary, Snapshot.Of(results.Summary));
        Assert.Equal(expected.Rfm, Snapshot.Of(results.Rfm));
        Assert.Equal(expected.Lifecycles, Lifecycles(results.Lifecycles!));
        Assert.Equal(expected.Churn, Snapshot.Of(results.AssessChurn()));
        Assert.Equal(expected.ChurnWithModel, results.Summary!.CalibrationEnd == input.ChurnDate ? Snapshot.Of(results.AssessChurn(Model)) : null);
        Assert.Equal(Count(input.Data), results.RecordsRead);
    }

    [Property(Arbitrary = new[] { typeof(AnalysisSetProperties) }, MaxTest = 30)]
    public void The_async_read_equals_the_sync_one(Input input)
    {
        using var provider = Provider(input.Threads);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var request = Request(input);
        var sync = metrics.ComputeAnalyses(input.Data, request);

        var streamed = CrmAsyncDataSet.From(input.Data) with { Purchases = Stream(input.Data.Purchases!) };
        var async = metrics.ComputeAnalysesAsync(streamed, request).AsTask().GetAwaiter().GetResult();

        AssertSame(sync, async);
    }

    /// <summary>
    /// The capacity hints change memory, never a result: with no hint, too few or too many customers and purchases,
    /// every analysis is the one of the read without hints (synchronously, and asynchronously where the purchases'
    /// count is not known).
    /// </summary>
    [Property(Arbitrary = new[] { typeof(AnalysisSetProperties) }, MaxTest = 40)]
    public void Capacity_hints_change_no_result(Input input, byte customerShare, byte purchaseShare)
    {
        using var provider = Provider(input.Threads);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var request = Request(input);
        var purchases = input.Data.Purchases!.Count();
        var customers = input.Data.Purchases!.Select(p => p.CustomerId).Distinct().Count();
        var hinted = request with { ExpectedCustomers = customers * customerShare / 64, ExpectedPurchases = purchases * purchaseShare / 64 };

        var plain = metrics.ComputeAnalyses(input.Data, request);
        var sync = metrics.ComputeAnalyses(input.Data, hinted);
        var async = metrics.ComputeAnalysesAsync(CrmAsyncDataSet.From(input.Data) with { Purchases = Stream(input.Data.Purchases!) }, hinted).AsTask().GetAwaiter().GetResult();

        AssertSame(plain, sync);
        AssertSame(plain, async);
    }

    /// <summary>
    /// Hints far from the truth over a read large enough for every table to fill (50,000 purchases, thousands of
    /// customers): a third of the customers and purchases (the tables outgrow the room made and grow as without a
    /// hint), the exact counts, and ten times as many; on one thread and two.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 3)]
    [InlineData(2, 1, 3)]
    [InlineData(2, 1, 1)]
    [InlineData(2, 10, 1)]
    public void Large_reads_with_wrong_hints_equal_the_read_without(int threads, int times, int divided)
    {
        var period = new ReportingPeriod(new DateInterval(new LocalDate(2020, 1, 1), new LocalDate(2020, 1, 31)), DateTimeZone.Utc);
        var purchases = LargeData.Purchases(period, seed: 5, "c", count: 50_000);
        var customers = purchases.Select(p => p.CustomerId).Distinct().Count();
        var data = new CrmDataSet { Purchases = purchases };
        var input = new Input(data, [period], new LocalDate(2019, 10, 31), new LocalDate(2020, 1, 31), new LocalDate(2020, 1, 15), new LocalDate(2020, 1, 20), new LocalDate(2019, 10, 31), [Zones[0], Zones[1], Zones[0], Zones[2]], 90, threads);
        using var provider = Provider(threads);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var request = Request(input);

        var plain = metrics.ComputeAnalyses(data, request);
        var hinted = metrics.ComputeAnalyses(data, request with { ExpectedCustomers = customers * times / divided, ExpectedPurchases = purchases.Count * times / divided });

        AssertSame(plain, hinted);
    }

    /// <summary>Every analysis of <paramref name="actual"/> equals the one of <paramref name="expected"/>.</summary>
    private static void AssertSame(AnalysisResults expected, AnalysisResults actual)
    {
        Assert.Equal(expected.Scorecards!.Select(Snapshot.Of), actual.Scorecards!.Select(Snapshot.Of));
        Assert.Equal(Snapshot.Of(expected.Summary), Snapshot.Of(actual.Summary));
        Assert.Equal(Snapshot.Of(expected.Rfm), Snapshot.Of(actual.Rfm));
        Assert.Equal(Lifecycles(expected.Lifecycles!), Lifecycles(actual.Lifecycles!));
        Assert.Equal(Snapshot.Of(expected.AssessChurn()), Snapshot.Of(actual.AssessChurn()));
    }

    internal static ServiceProvider Provider(int threads)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = threads);
        return services.BuildServiceProvider();
    }

    private static AnalysisRequest Request(Input input) => new()
    {
        Scorecards = input.Periods,
        ScorecardSettings = Settings,
        Summary = new SummaryOptions(input.CalibrationEnd) { HoldoutEnd = input.HoldoutEnd, Zone = input.Zones[0] },
        Rfm = new RfmOptions(input.RfmDate) { Zone = input.Zones[1], LookBackDays = input.Window },
        Lifecycles = new LifecycleOptions(input.LifecycleDate) { Zone = input.Zones[2] },
        Churn = new ChurnWarningOptions(input.ChurnDate) { Zone = input.Zones[3] },
    };

    private static (List<string> Cards, string Summary, string Rfm, List<string> Lifecycles, string Churn, string? ChurnWithModel) Expected(ICrmMetrics metrics, Input input, AnalysisRequest request)
    {
        var data = input.Data;
        var summary = CustomerBaseSummary.FromPurchases(data.Purchases!, request.Summary!);
        var churnIds = data.Customers?.Select(c => c.Id);
        return (
            [.. metrics.ComputeScorecards(data, input.Periods, Settings).Select(Snapshot.Of)],
            Snapshot.Of(summary),
            Snapshot.Of(RfmAnalysis.Compute(data.Purchases!, request.Rfm!)),
            Lifecycles(LifecycleDerivation.Derive(data.Purchases!, input.LifecycleDate, input.Zones[2])),
            Snapshot.Of(ChurnWarning.Assess(input.ChurnDate, input.Zones[3], data.Purchases!, data.Complaints, data.SurveyResponses, churnIds)),
            summary.CalibrationEnd == input.ChurnDate
                ? Snapshot.Of(ChurnWarning.Assess(input.ChurnDate, input.Zones[3], data.Purchases!, data.Complaints, data.SurveyResponses, churnIds, Model, summary))
                : null);
    }

    /// <summary>Each lifecycle's customer, stage and transitions.</summary>
    private static List<string> Lifecycles(IReadOnlyList<DerivedLifecycle> lifecycles) =>
        [.. lifecycles.Select(l => $"{l.CustomerId} {l.Stage} {string.Join(";", l.Transitions.Select(t => $"{t.From}>{t.To}@{t.At} {t.Reason}"))}")];

    private static long Count(CrmDataSet data) =>
        (data.Purchases?.Count() ?? 0) + (data.SurveyResponses?.Count() ?? 0) + (data.Costs?.Count() ?? 0) + (data.Customers?.Count() ?? 0)
        + (data.Complaints?.Count() ?? 0) + (data.Feedback?.Count() ?? 0) + (data.Leads?.Count() ?? 0);

    private static async IAsyncEnumerable<Purchase> Stream(IEnumerable<Purchase> purchases)
    {
        foreach (var purchase in purchases)
        {
            await Task.Yield();
            yield return purchase;
        }
    }

    /// <summary>One generated case.</summary>
    public sealed record Input(CrmDataSet Data, IReadOnlyList<ReportingPeriod> Periods, LocalDate CalibrationEnd, LocalDate? HoldoutEnd, LocalDate RfmDate, LocalDate LifecycleDate, LocalDate ChurnDate, DateTimeZone[] Zones, int? Window, int Threads)
    {
        /// <summary>Short, for a failing case's report.</summary>
        public override string ToString() => $"{Data.Purchases?.Count()} purchases, calibration {CalibrationEnd} holdout {HoldoutEnd}, RFM {RfmDate}, lifecycle {LifecycleDate}, churn {ChurnDate}, zones {string.Join(",", Zones.Select(z => z.Id))}, window {Window}, {Threads} threads";
    }
}
