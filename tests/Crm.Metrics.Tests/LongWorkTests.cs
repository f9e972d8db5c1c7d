using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests;

/// <summary>
/// Long work, evenly: every entry point that reads records takes progress and a cancellation token; progress hears
/// each multiple of 65,536 once and in order, whatever the source and however many threads read it, then the total;
/// a cancelled token stops the work and returns nothing; watching changes no figure.
/// </summary>
public class LongWorkTests
{
    private const int Every = 65_536;
    private static readonly Lazy<List<Purchase>> Many = new(() => LargeData.Purchases(March, seed: 11, prefix: "L", count: 300_000));
    private static readonly ICrmMetrics Metrics = new ServiceCollection()
        .AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 4, 2, 8, 0)))
        .AddCrmMetrics()
        .BuildServiceProvider()
        .GetRequiredService<ICrmMetrics>();

    /// <summary>Records what it hears, on the reporting thread (a <see cref="Progress{T}"/> would post it elsewhere).</summary>
    private sealed class Heard : IProgress<long>
    {
        private readonly List<long> _values = [];

        public IReadOnlyList<long> Values
        {
            get
            {
                lock (_values)
                {
                    return [.. _values];
                }
            }
        }

        public Action<long>? OnReport { get; init; }

        public void Report(long value)
        {
            lock (_values)
            {
                _values.Add(value);
            }

            OnReport?.Invoke(value);
        }
    }

    /// <summary>Each multiple of 65,536 up to the total, in order, then the total (when it is not itself a multiple).</summary>
    private static List<long> Even(long total)
    {
        var expected = new List<long>();
        for (long k = Every; k <= total; k += Every)
        {
            expected.Add(k);
        }

        if (total == 0 || total % Every != 0)
        {
            expected.Add(total);
        }

        return expected;
    }

    private static string Json(Scorecard card) => JsonSerializer.Serialize(card, CrmJson.OptionsWithCustomerRows.GetTypeInfo(typeof(Scorecard)));

    private static CrmDataSet Data(IEnumerable<Purchase> purchases) =>
        new() { Purchases = purchases, SurveyResponses = Surveys, Complaints = Complaints, Costs = Fixture.Costs, Feedback = Fixture.Feedback, Leads = Leads };

    private static long Records(CrmDataSet data) =>
        data.Purchases!.Count() + data.SurveyResponses!.Count() + data.Complaints!.Count() + data.Costs!.Count() + data.Feedback!.Count() + data.Leads!.Count();

    public static TheoryData<string> Sources() => ["array", "list", "sequence"];

    private static IEnumerable<Purchase> Source(string kind) => kind switch
    {
        "array" => [.. Many.Value],
        "list" => Many.Value,
        _ => Many.Value.Select(p => p),
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_scorecard_reports_every_multiple_once_in_order_whatever_the_source(string kind)
    {
        var data = Data(Source(kind));
        var heard = new Heard();

        var card = Metrics.ComputeScorecard(data, March, progress: heard);

        Assert.Equal(Even(Records(data)), heard.Values);
        Assert.Equal(Json(Metrics.ComputeScorecard(data, March)), Json(card)); // watching changes nothing
    }

    [Fact]
    public async Task Partitions_breakdowns_and_async_sets_report_evenly_too()
    {
        var halves = new[] { Data(Many.Value.Take(150_000).ToList()), new CrmDataSet { Purchases = Many.Value.Skip(150_000).ToList() } };
        var heard = new Heard();
        Metrics.ComputeScorecardFromPartitions(halves, March, progress: heard);
        Assert.Equal(Even(Records(halves[0]) + 150_000), heard.Values);

        var data = Data(Many.Value);
        heard = new Heard();
        Metrics.ComputeBreakdown(data, March, id => id.Value.Length % 2 == 0 ? "even" : "odd", _ => null, progress: heard);
        Assert.Equal(Even(Records(data)), heard.Values);

        heard = new Heard();
        await Metrics.ComputeScorecardAsync(CrmAsyncDataSet.From(data), March, progress: heard);
        Assert.Equal(Even(Records(data)), heard.Values);
    }

    [Fact]
    public async Task An_async_set_mixes_streams_and_in_memory_sequences_and_gives_the_same_scorecard()
    {
        var data = Data(Many.Value);
        var expected = Json(Metrics.ComputeScorecard(data, March));

        var streamed = CrmAsyncDataSet.From(data) with { Purchases = Stream(Many.Value) };
        Assert.Equal(expected, Json(await Metrics.ComputeScorecardAsync(streamed, March)));

        var mixed = new CrmAsyncDataSet
        {
            Purchases = CrmAsyncDataSet.Sequence(Many.Value),
            SurveyResponses = Stream(Surveys),
            Complaints = CrmAsyncDataSet.Sequence(Complaints),
            Costs = CrmAsyncDataSet.Sequence(Fixture.Costs),
            Feedback = Stream(Fixture.Feedback),
            Leads = CrmAsyncDataSet.Sequence(Leads),
        };
        Assert.Equal(expected, Json(await Metrics.ComputeScorecardAsync(mixed, March)));

        // A wrapped sequence is still an async sequence to anyone who enumerates it.
        Assert.Equal(Leads.Length, await CountAsync(CrmAsyncDataSet.Sequence(Leads)));
        Assert.Throws<ArgumentNullException>("records", () => CrmAsyncDataSet.Sequence<Lead>(null!));
        Assert.Throws<ArgumentNullException>("data", () => CrmAsyncDataSet.From(null!));
    }

    [Fact]
    public void The_models_segments_churn_and_forecasts_report_evenly()
    {
        var purchases = Many.Value;
        var calibrationEnd = new LocalDate(2026, 3, 31);

        var heard = new Heard();
        var summary = Metrics.Models.Summarize(purchases, calibrationEnd, progress: heard);
        Assert.Equal(Even(purchases.Count), heard.Values);

        heard = new Heard();
        Metrics.Segments.Rfm(purchases, Metrics.Segments.RfmOptions(calibrationEnd), heard);
        Assert.Equal(Even(purchases.Count), heard.Values);

        heard = new Heard();
        Metrics.Segments.Lifecycles(purchases.Select(p => p), calibrationEnd, progress: heard);
        Assert.Equal(Even(purchases.Count), heard.Values);

        heard = new Heard();
        Metrics.Churn.Assess(purchases, Complaints, Surveys, analysisDate: calibrationEnd, progress: heard);
        Assert.Equal(Even(purchases.Count + Complaints.Length + Surveys.Length), heard.Values);

        var spend = new GammaGammaModel(6, 3, 15, Currency.Eur);
        var purchaseModel = new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);
        var clv = new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.01, 0.3m);
        heard = new Heard();
        Metrics.Loyalty.Compute(purchases, March, progress: heard);
        Assert.Equal(Even(purchases.Count), heard.Values);

        heard = new Heard();
        var forecasts = Metrics.Models.ForecastClv(purchaseModel, spend, summary, clv, heard);
        Assert.Equal(Even(summary.Customers.Count), heard.Values);
        Assert.Equal(CustomerLifetimeValue.Forecast(purchaseModel, spend, summary, clv), forecasts);
    }

    [Fact]
    public async Task The_async_summary_and_rfm_report_and_match_the_sync_ones()
    {
        var purchases = Many.Value;
        var day = new LocalDate(2026, 3, 31);

        var heard = new Heard();
        var summary = await Metrics.Models.SummarizeAsync(Stream(purchases), day, progress: heard);
        Assert.Equal(Even(purchases.Count), heard.Values);
        Assert.Equal(Snapshot.Of(Metrics.Models.Summarize(purchases, day).Customers), Snapshot.Of(summary.Customers));

        heard = new Heard();
        var rfm = await Metrics.Segments.RfmAsync(Stream(purchases), Metrics.Segments.RfmOptions(day), heard);
        Assert.Equal(Even(purchases.Count), heard.Values);
        Assert.Equal(Snapshot.Of(Metrics.Segments.Rfm(purchases, day).Customers), Snapshot.Of(rfm.Customers));
    }

    [Fact]
    public async Task A_cancelled_token_stops_every_entry_point()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var token = cancelled.Token;
        var purchases = Many.Value;
        var data = Data(purchases);
        var day = new LocalDate(2026, 3, 31);

        Assert.ThrowsAny<OperationCanceledException>(() => Metrics.ComputeScorecard(data, March, cancellationToken: token));
        Assert.ThrowsAny<OperationCanceledException>(() => Metrics.ComputeBreakdown(data, March, _ => "all", _ => null, cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Metrics.ComputeScorecardAsync(CrmAsyncDataSet.From(data), March, cancellationToken: token).AsTask());
        Assert.ThrowsAny<OperationCanceledException>(() => Metrics.Models.Summarize(purchases, day, cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Metrics.Models.SummarizeAsync(Stream(purchases), day, cancellationToken: token));
        Assert.ThrowsAny<OperationCanceledException>(() => Metrics.Segments.Rfm(purchases, Metrics.Segments.RfmOptions(day), cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Metrics.Segments.RfmAsync(Stream(purchases), Metrics.Segments.RfmOptions(day), cancellationToken: token));
        Assert.ThrowsAny<OperationCanceledException>(() => Metrics.Segments.Lifecycles(purchases, day, cancellationToken: token));
        Assert.ThrowsAny<OperationCanceledException>(() => Metrics.Churn.Assess(purchases, analysisDate: day, cancellationToken: token));
        Assert.ThrowsAny<OperationCanceledException>(() => Metrics.Loyalty.Compute(purchases, March, cancellationToken: token));
        Assert.ThrowsAny<OperationCanceledException>(() => Metrics.Satisfaction.Compute(Surveys, March, cancellationToken: token));
        using var accumulator = Metrics.CreateAccumulator(March);
        Assert.ThrowsAny<OperationCanceledException>(() => accumulator.AddRange(data, cancellationToken: token));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Cancelling_midway_stops_the_reading_soon_after(string kind)
    {
        var purchases = Source(kind);
        using var cancellation = new CancellationTokenSource();
        var heard = new Heard { OnReport = value => { if (value >= 2 * Every) cancellation.Cancel(); } };

        Assert.ThrowsAny<OperationCanceledException>(() => Metrics.ComputeScorecard(new CrmDataSet { Purchases = purchases }, March, progress: heard, cancellationToken: cancellation.Token));
        Assert.InRange(heard.Values[^1], 2 * Every, 3 * Every); // stopped at the next check

        using var again = new CancellationTokenSource();
        heard = new Heard { OnReport = value => { if (value >= Every) again.Cancel(); } };
        Assert.ThrowsAny<OperationCanceledException>(() => RfmAnalysis.Compute(purchases, new RfmOptions(new LocalDate(2026, 3, 31)), heard, again.Token));
        Assert.True(heard.Values[^1] < 300_000);
    }

    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> records)
    {
        foreach (var record in records)
        {
            await Task.CompletedTask;
            yield return record;
        }
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> records)
    {
        var n = 0;
        await foreach (var _ in records)
        {
            n++;
        }

        return n;
    }
}
