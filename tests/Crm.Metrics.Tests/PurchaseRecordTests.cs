using Crm.Domain.Activity;
using Crm.Metrics.Churn;
using Crm.Metrics.Engine;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Metrics.Tests;

/// <summary>
/// Purchases given as values (<see cref="CrmDataSet.PurchasesOf"/>, <see cref="PurchaseRecord"/>): every analysis
/// reads them as it reads the purchases themselves — an array on several threads, a stream one at a time, the
/// accumulators record by record — and a default record is refused as a null purchase is.
/// </summary>
public class PurchaseRecordTests
{
    private static readonly ReportingPeriod Period = ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly Instant Now = Instant.FromUtc(2026, 4, 2, 8, 0);
    private static readonly List<Purchase> Large = LargeData.Purchases(Period, 7, "r", 40_000);
    private static readonly PurchaseRecord[] Records = [.. Large.Select(p => new PurchaseRecord(p))];

    [Fact]
    public void A_large_array_of_records_read_on_several_threads_gives_the_purchases_scorecard()
    {
        var expected = Snapshot.Of(Metrics(1).ComputeScorecard(new CrmDataSet { Purchases = Large }, Period));

        var parallel = new ScorecardAccumulator(Period, options: new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 3 } }).ReadingInParallelFrom(1_000);
        Assert.True(parallel.ReadsInParallel(Records.Length), "the records are read on several threads");
        ScorecardRunner.Fill(parallel, new CrmDataSet { Purchases = CrmDataSet.PurchasesOf(Records) }, DataSources.All, null);

        Assert.Equal(expected, Snapshot.Of(parallel.Result(Now)));
        Assert.Equal(expected, Snapshot.Of(Metrics(2).ComputeScorecard(new CrmDataSet { Purchases = CrmDataSet.PurchasesOf(Records.Select(r => r)) }, Period)));
    }

    [Fact]
    public async Task Records_streamed_give_the_purchases_analyses_sync_and_async()
    {
        var metrics = Metrics(2);
        var months = new[] { ReportingPeriod.Month(2026, 2, Period.Zone), Period };
        var request = new AnalysisRequest
        {
            Scorecards = months,
            Summary = new SummaryOptions(new LocalDate(2026, 3, 15)) { HoldoutEnd = new LocalDate(2026, 3, 31) },
            Rfm = new RfmOptions(new LocalDate(2026, 3, 31)),
            Lifecycles = new LifecycleOptions(new LocalDate(2026, 3, 31)),
            Churn = new ChurnWarningOptions(new LocalDate(2026, 3, 31)),
        };
        var expected = metrics.ComputeAnalyses(new CrmDataSet { Purchases = Large }, request);

        var sync = metrics.ComputeAnalyses(new CrmDataSet { Purchases = CrmDataSet.PurchasesOf(Records.Select(r => r)) }, request);
        var async = await metrics.ComputeAnalysesAsync(CrmAsyncDataSet.From(new CrmDataSet { Purchases = CrmDataSet.PurchasesOf(Records) }), request);
        var streamed = await metrics.ComputeAnalysesAsync(new CrmAsyncDataSet { Purchases = CrmAsyncDataSet.PurchasesOf(Stream(Records)) }, request);

        foreach (var actual in new[] { sync, async, streamed })
        {
            Assert.Equal(expected.Scorecards!.Select(Snapshot.Of), actual.Scorecards!.Select(Snapshot.Of));
            Assert.Equal(Snapshot.Of(expected.Summary), Snapshot.Of(actual.Summary));
            Assert.Equal(Snapshot.Of(expected.Rfm), Snapshot.Of(actual.Rfm));
            Assert.Equal(expected.Lifecycles!.Select(l => $"{l.CustomerId} {l.Stage}"), actual.Lifecycles!.Select(l => $"{l.CustomerId} {l.Stage}"));
            Assert.Equal(Snapshot.Of(expected.AssessChurn()), Snapshot.Of(actual.AssessChurn()));
            Assert.Equal(Large.Count, actual.RecordsRead);
        }
    }

    [Fact]
    public void The_accumulators_take_records_as_they_take_purchases()
    {
        var expected = new ScorecardAccumulator(Period);
        var actual = new ScorecardAccumulator(Period);
        var series = new ScorecardSeriesAccumulator([Period]);
        var purchases = new Loyalty.PurchaseAccumulator(Period);
        foreach (var purchase in Large.Take(5_000))
        {
            expected.Add(purchase);
            var record = new PurchaseRecord(purchase);
            actual.Add(in record);
            series.Add(in record);
            purchases.Add(in record);
        }

        Assert.Equal(Snapshot.Of(expected.Result(Now)), Snapshot.Of(actual.Result(Now)));
        Assert.Equal(Snapshot.Of(expected.Result(Now)), Snapshot.Of(series.Result(Now)[0]));
    }

    [Fact]
    public async Task Streamed_records_give_the_purchases_scorecards_and_other_readers_a_purchase_per_record()
    {
        var metrics = Metrics(2);
        var months = new[] { ReportingPeriod.Month(2026, 2, Period.Zone), Period };
        var expected = metrics.ComputeScorecards(new CrmDataSet { Purchases = Large }, months);

        var streamed = await metrics.ComputeScorecardsAsync(new CrmAsyncDataSet { Purchases = CrmAsyncDataSet.PurchasesOf(Stream(Records)) }, months);

        Assert.Equal(expected.Select(Snapshot.Of), streamed.Select(Snapshot.Of));
        var purchases = new List<Purchase>();
        await foreach (var purchase in CrmAsyncDataSet.PurchasesOf(Stream(Records.Take(100))))
        {
            purchases.Add(purchase);
        }

        Assert.Equal(Large.Take(100).Select(p => new PurchaseRecord(p).ToPurchase()), purchases);
    }

    [Fact]
    public async Task A_default_streamed_record_is_refused_naming_the_data()
    {
        var withDefault = Stream(Records.Take(500).Append(default));

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await Metrics(2).ComputeScorecardAsync(new CrmAsyncDataSet { Purchases = CrmAsyncDataSet.PurchasesOf(withDefault) }, Period));

        Assert.Equal("data", error.ParamName);
        var enumerated = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var purchase in CrmAsyncDataSet.PurchasesOf(Stream(Records.Take(3).Append(default))))
            {
                Assert.NotNull(purchase);
            }
        });
        Assert.Equal("records", enumerated.ParamName);
        Assert.Throws<ArgumentNullException>(() => CrmAsyncDataSet.PurchasesOf(null!));
    }

    /// <summary>The summary and RFM take records as they take purchases: one at a time, as a range, as a stream, and through their entry points.</summary>
    [Fact]
    public async Task The_summary_and_RFM_take_records_as_they_take_purchases()
    {
        var summaryOptions = new SummaryOptions(new LocalDate(2026, 3, 15)) { HoldoutEnd = new LocalDate(2026, 3, 31) };
        var rfmOptions = new RfmOptions(new LocalDate(2026, 3, 31));
        var summary = Snapshot.Of(CustomerBaseSummary.FromPurchases(Large, summaryOptions));
        var rfm = Snapshot.Of(RfmAnalysis.Compute(Large, rfmOptions));

        Assert.Equal(summary, Snapshot.Of(CustomerBaseSummary.FromPurchases(CrmDataSet.PurchasesOf(Records), summaryOptions)));
        Assert.Equal(rfm, Snapshot.Of(RfmAnalysis.Compute(CrmDataSet.PurchasesOf(Records), rfmOptions)));

        using var oneByOne = new CustomerBaseSummaryAccumulator(summaryOptions);
        using var rfmOneByOne = new RfmAccumulator(rfmOptions);
        foreach (ref readonly var record in Records.AsSpan())
        {
            oneByOne.Add(in record);
            rfmOneByOne.Add(in record);
        }

        using var streamed = new CustomerBaseSummaryAccumulator(summaryOptions);
        await streamed.AddRangeAsync(CrmAsyncDataSet.PurchasesOf(Stream(Records)));
        using var rfmStreamed = new RfmAccumulator(rfmOptions);
        await rfmStreamed.AddRangeAsync(CrmAsyncDataSet.PurchasesOf(Stream(Records)));
        Assert.Equal(summary, Snapshot.Of(oneByOne.Result()));
        Assert.Equal(summary, Snapshot.Of(streamed.Result()));
        Assert.Equal(rfm, Snapshot.Of(rfmOneByOne.Result()));
        Assert.Equal(rfm, Snapshot.Of(rfmStreamed.Result()));

        // A default record: named where it was given.
        using var refusing = new CustomerBaseSummaryAccumulator(summaryOptions);
        Assert.Equal("purchase", Assert.Throws<ArgumentException>(() => refusing.Add(default(PurchaseRecord))).ParamName);
        Assert.Equal("purchases", Assert.Throws<ArgumentException>(() => refusing.AddRange(CrmDataSet.PurchasesOf([Records[0], default]))).ParamName);
        using var rfmRefusing = new RfmAccumulator(rfmOptions);
        Assert.Equal("purchase", Assert.Throws<ArgumentException>(() => rfmRefusing.Add(default(PurchaseRecord))).ParamName);
        Assert.Equal("purchases", (await Assert.ThrowsAsync<ArgumentException>(() => rfmRefusing.AddRangeAsync(CrmAsyncDataSet.PurchasesOf(Stream([Records[0], default]))))).ParamName);
    }

    /// <summary>A loyalty programme's figures from records equal those from its purchases: one at a time, from a data set and from a stream.</summary>
    [Fact]
    public async Task A_loyalty_programme_takes_records_as_it_takes_purchases()
    {
        var programme = LoyaltyProgrammes.ProgrammeFixture.Programme;
        var march = LoyaltyProgrammes.ProgrammeFixture.March;
        var data = LoyaltyProgrammes.ProgrammeFixture.Data;
        var records = data.Purchases!.Select(p => new PurchaseRecord(p)).ToArray();
        var expected = new Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeAccumulator(programme, march);
        expected.AddRange(data);

        var fromData = new Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeAccumulator(programme, march);
        fromData.AddRange(data with { Purchases = CrmDataSet.PurchasesOf(records) });
        var streamed = new Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeAccumulator(programme, march);
        await streamed.AddRangeAsync(CrmAsyncDataSet.From(data) with { Purchases = CrmAsyncDataSet.PurchasesOf(Stream(records)) });
        var oneByOne = new Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeAccumulator(programme, march);
        oneByOne.AddRange(data with { Purchases = null });
        foreach (ref readonly var record in records.AsSpan())
        {
            oneByOne.Add(in record);
        }

        var figures = Snapshot.Of(expected.Result(Now));
        var withoutPurchases = new Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeAccumulator(programme, march);
        withoutPurchases.AddRange(data with { Purchases = null });
        Assert.NotEqual(figures, Snapshot.Of(withoutPurchases.Result(Now))); // the purchases count in these figures
        Assert.Equal(figures, Snapshot.Of(fromData.Result(Now)));
        Assert.Equal(figures, Snapshot.Of(streamed.Result(Now)));
        Assert.Equal(figures, Snapshot.Of(oneByOne.Result(Now)));

        var refusing = new Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeAccumulator(programme, march);
        Assert.Equal("purchase", Assert.Throws<ArgumentException>(() => refusing.Add(default(PurchaseRecord))).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => refusing.AddRange(new CrmDataSet { Purchases = CrmDataSet.PurchasesOf([default(PurchaseRecord)]) })).ParamName);
    }

    /// <summary>A default record, wherever it is read, is refused naming what holds it: nothing of it is counted.</summary>
    [Fact]
    public void A_default_record_is_refused_naming_the_data()
    {
        var withDefault = Records.Take(30_000).Append(default).Concat(Records.Skip(30_000)).ToArray();

        var parallel = new ScorecardAccumulator(Period, options: new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 3 } }).ReadingInParallelFrom(1_000);
        var onThreads = Assert.Throws<ArgumentException>(() => ScorecardRunner.Fill(parallel, new CrmDataSet { Purchases = CrmDataSet.PurchasesOf(withDefault) }, DataSources.All, null));
        Assert.Equal("data", onThreads.ParamName);
        Assert.Contains("default PurchaseRecord", onThreads.Message, StringComparison.Ordinal);

        var metrics = Metrics(2);
        var streamed = Assert.Throws<ArgumentException>(() => metrics.ComputeScorecard(new CrmDataSet { Purchases = CrmDataSet.PurchasesOf(withDefault.Select(r => r)) }, Period));
        Assert.Equal("data", streamed.ParamName);
        var analyses = Assert.Throws<ArgumentException>(() => metrics.ComputeAnalyses(new CrmDataSet { Purchases = CrmDataSet.PurchasesOf([default(PurchaseRecord)]) }, new AnalysisRequest { Rfm = new RfmOptions(new LocalDate(2026, 3, 31)) }));
        Assert.Equal("data", analyses.ParamName);

        // A reader of the purchases themselves meets the same refusal, naming the records.
        var enumerated = Assert.Throws<ArgumentException>(() => CrmDataSet.PurchasesOf(withDefault).ToList());
        Assert.Equal("records", enumerated.ParamName);

        var accumulator = new ScorecardAccumulator(Period);
        Assert.Equal("purchase", Assert.Throws<ArgumentException>(() => accumulator.Add(default(PurchaseRecord))).ParamName);
        Assert.Equal("purchase", Assert.Throws<ArgumentException>(() => new ScorecardSeriesAccumulator([Period]).Add(default(PurchaseRecord))).ParamName);
        Assert.Equal("purchase", Assert.Throws<ArgumentException>(() => new Loyalty.PurchaseAccumulator(Period).Add(default(PurchaseRecord))).ParamName);
        Assert.Throws<ArgumentNullException>(() => CrmDataSet.PurchasesOf(null!));
    }

    /// <summary>Other readers of the data set (a loyalty programme's replay, a caller) enumerate a purchase per record, in order.</summary>
    [Fact]
    public void Other_readers_get_a_purchase_per_record()
    {
        var withProduct = Purchase.Sale(new CustomerId("a"), Now, new Money(12.5m, Currency.Eur), SalesChannel.Online, new Money(3m, Currency.Eur), "tea");
        var records = new[] { new PurchaseRecord(withProduct), PurchaseRecord.Refund(new CustomerId("b"), Now, new Money(2m, Currency.Eur)) };

        var purchases = CrmDataSet.PurchasesOf(records).ToList();

        Assert.Equal([Purchase.Sale(new CustomerId("a"), Now, new Money(12.5m, Currency.Eur), SalesChannel.Online, new Money(3m, Currency.Eur)), Purchase.Refund(new CustomerId("b"), Now, new Money(2m, Currency.Eur))], purchases);
    }

    private static async IAsyncEnumerable<PurchaseRecord> Stream(IEnumerable<PurchaseRecord> records)
    {
        foreach (var record in records)
        {
            await Task.Yield();
            yield return record;
        }
    }

    private static ICrmMetrics Metrics(int threads)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new NodaTime.Testing.FakeClock(Now));
        services.AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = threads);
        return services.BuildServiceProvider().GetRequiredService<ICrmMetrics>();
    }
}
