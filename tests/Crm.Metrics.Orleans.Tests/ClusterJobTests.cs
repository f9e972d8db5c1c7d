using System.Collections.Concurrent;
using System.Text.Json;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Metrics.Orleans.Tests;

/// <summary>Cluster jobs give exactly what one process gives, and fail whole, naming the partition.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class ClusterJobTests(ClusterFixture fixture) : IDisposable
{
    private static readonly ReportingPeriod March = ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly SummaryOptions Summary = new(new LocalDate(2026, 1, 1)) { HoldoutEnd = new LocalDate(2026, 9, 30), Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] };
    private static readonly RfmOptions Rfm = new(new LocalDate(2026, 9, 30)) { Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"], LookBackDays = 365 };

    public void Dispose()
    {
        fixture.Control.Reset();
        fixture.Hooks.DuplicatedPartition = null;
        fixture.Hooks.ChunkBytes = 0;
    }

    [Fact]
    public async Task States_longer_than_one_message_travel_in_chunks_whole()
    {
        // Chunks of 30 kB (the package's are 16 MiB): each partition's state takes several, the finished scorecard more than ten.
        fixture.Hooks.ChunkBytes = 30_000;
        var result = await fixture.Metrics.ComputeScorecardAsync(fixture.Data.Keys.Take(16).ToList(), March);

        Assert.Equal(Json(OneProcess().ComputeScorecardFromPartitions(fixture.Data.DataSets.Take(16).ToList(), March)), Json(result.Value));
        Assert.Equal(WithRows(OneProcess().ComputeScorecardFromPartitions(fixture.Data.DataSets.Take(16).ToList(), March)), WithRows(result.Value));
        Assert.True(result.Statistics.ResultBytes > 10 * 30_000, result.Statistics.ToString());
        Assert.True(result.Statistics.LargestStateBytes > 3 * 30_000, result.Statistics.ToString());
    }

    [Fact]
    public async Task The_scorecard_of_64_partitions_on_three_silos_is_the_one_process_scorecard_to_the_byte()
    {
        Assert.True(fixture.Data.PurchaseCount >= 1_000_000, $"{fixture.Data.PurchaseCount} purchases");
        var heard = new ConcurrentQueue<ClusterProgress>();
        var result = await fixture.Metrics.ComputeScorecardAsync(fixture.Data.Keys, March, progress: new SyncProgress<ClusterProgress>(heard.Enqueue));

        // The coordinator finishes the scorecard: the caller's copy has every figure and every customer row of one pass,
        // and what came back is smaller than the states that went in.
        var onePass = OneProcess().ComputeScorecardFromPartitions(fixture.Data.DataSets, March);
        Assert.Equal(Json(onePass), Json(result.Value));
        Assert.Equal(WithRows(onePass), WithRows(result.Value));
        var statistics = result.Statistics;
        Assert.True(statistics.ResultBytes < statistics.StateBytes / 2, statistics.ToString());
        Assert.Equal(64, statistics.Partitions);
        Assert.Equal(64, statistics.PartitionsBySilo.Values.Sum());
        Assert.Equal(3, statistics.PartitionsBySilo.Count);
        Assert.Equal(0, statistics.DuplicateAnswers);
        Assert.True(statistics.StateBytes > statistics.LargestStateBytes && statistics.LargestStateBytes > 0);
        // In order, never backwards, and the last step reported before the call returns.
        var steps = heard.ToArray();
        Assert.Equal(new ClusterProgress(64, 64, 0), steps[^1]);
        Assert.All(steps, p => Assert.Equal(64, p.Partitions));
        Assert.Equal(steps.Select(p => p.PartitionsDone).Order(), steps.Select(p => p.PartitionsDone));
    }

    [Fact]
    public async Task The_summary_and_RFM_of_64_partitions_are_the_one_process_ones()
    {
        var summary = await fixture.Metrics.SummarizeAsync(fixture.Data.Keys, Summary);
        var rfm = await fixture.Metrics.ComputeRfmAsync(fixture.Data.Keys, Rfm with { Monetary = RfmMonetaryBasis.Total });

        var purchases = fixture.Data.DataSets.Select(d => d.Purchases!).ToList();
        Assert.Equal(Json(CustomerBaseSummary.FromPartitions(purchases, Summary)), Json(summary.Value));
        Assert.Equal(Json(RfmAnalysis.ComputeFromPartitions(purchases, Rfm with { Monetary = RfmMonetaryBasis.Total })), Json(rfm.Value));
        Assert.True(summary.Value.Customers.Count > 200_000);
    }

    [Fact]
    public async Task The_loyalty_programme_of_64_partitions_is_the_one_process_one()
    {
        var programme = new Domain.LoyaltyProgrammes.LoyaltyProgramme(
            [
                Domain.LoyaltyProgrammes.LoyaltyTier.ByPoints("Member", 0, 365, 0),
                Domain.LoyaltyProgrammes.LoyaltyTier.BySpend("Gold", new Money(500m, Currency.Eur), 365, 30),
            ],
            new Money(0.01m, Currency.Eur),
            expiryMonths: 12);
        var result = await fixture.Metrics.ComputeLoyaltyProgrammeAsync(fixture.Data.Keys, programme, March);

        var one = new Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeAccumulator(programme, March);
        foreach (var data in fixture.Data.DataSets)
        {
            one.AddRange(data);
        }

        var expected = one.Result(result.Value.ComputedAt);
        Assert.Equal(JsonSerializer.Serialize(expected, CrmJson.Options), JsonSerializer.Serialize(result.Value, CrmJson.Options));
        Assert.True(expected.Members > 10_000, $"{expected.Members} members");
        Assert.True(expected.Points.Expired > 0 && expected.Tiers[2].Members > 0);
        Assert.Equal(64, result.Statistics.Partitions);
    }

    [Fact]
    public async Task A_scorecard_with_a_value_basis_is_finished_by_the_caller_as_in_one_process()
    {
        var settings = new ScorecardSettings { ValueBasis = Crm.Metrics.CustomerValue.ValueBasis.Given(new Money(250m, Currency.Eur)) };
        var keys = fixture.Data.Keys[..16];
        var plain = await fixture.Metrics.ComputeScorecardAsync(keys, March);
        var result = await fixture.Metrics.ComputeScorecardAsync(keys, March, settings);

        Assert.Equal(WithRows(OneProcess().ComputeScorecardFromPartitions(fixture.Data.DataSets.Take(16).ToList(), March, settings)), WithRows(result.Value));
        Assert.Equal(new Money(250m, Currency.Eur), result.Value.AcquisitionCost.LifetimeValue.Value);
        Assert.Null(plain.Value.AcquisitionCost.LifetimeValue.Value);

        // With a value basis the coordinator sends the merged state (a row per customer seen), not the finished scorecard.
        Assert.True(result.Statistics.ResultBytes > plain.Statistics.ResultBytes, $"{result.Statistics.ResultBytes} against {plain.Statistics.ResultBytes}");
    }

    [Fact]
    public async Task A_scorecard_that_declines_its_customer_rows_comes_back_without_them_and_smaller()
    {
        var settings = new ScorecardSettings { CustomerRows = ScorecardCustomerRows.None };
        var keys = fixture.Data.Keys[..16];
        var plain = await fixture.Metrics.ComputeScorecardAsync(keys, March);
        var result = await fixture.Metrics.ComputeScorecardAsync(keys, March, settings);

        Assert.False(result.Value.CustomerValue.HasCustomerRows);
        Assert.Empty(result.Value.CustomerValue.Customers);
        Assert.True(plain.Value.CustomerValue.HasCustomerRows);
        Assert.NotEmpty(plain.Value.CustomerValue.Customers);
        Assert.Equal(Json(plain.Value), Json(result.Value));
        Assert.Equal(WithRows(OneProcess().ComputeScorecardFromPartitions(fixture.Data.DataSets.Take(16).ToList(), March, settings)), WithRows(result.Value));
        Assert.True(result.Statistics.ResultBytes < plain.Statistics.ResultBytes / 2, $"{result.Statistics.ResultBytes} against {plain.Statistics.ResultBytes}");
    }

    [Fact]
    public async Task A_duplicated_answer_is_merged_once()
    {
        fixture.Hooks.DuplicatedPartition = "p07";
        var result = await fixture.Metrics.ComputeScorecardAsync(fixture.Data.Keys[..16], March);

        Assert.Equal(1, result.Statistics.DuplicateAnswers);
        Assert.Equal(Json(OneProcess().ComputeScorecardFromPartitions(fixture.Data.DataSets.Take(16).ToList(), March)), Json(result.Value));
    }

    [Fact]
    public async Task A_throwing_partition_source_fails_the_job_naming_the_partition()
    {
        var e = await Assert.ThrowsAsync<PartitionFailedException>(() => fixture.Metrics.ComputeScorecardAsync([.. fixture.Data.Keys[..8], "throws"], March));

        Assert.Equal("throws", e.Partition);
        Assert.Contains("InvalidOperationException: The test source cannot read this partition.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_in_another_currency_is_refused_on_merge_and_fails_the_job()
    {
        // One partition at a time: p00's euros are merged first, so the yen partition is the one refused.
        var metrics = fixture.MetricsWith(o => o.MaxPartitionsInFlight = 1);

        var e = await Assert.ThrowsAsync<PartitionFailedException>(() => metrics.SummarizeAsync(["p00", "yen", "p01"], Summary));

        Assert.Equal("yen", e.Partition);
        Assert.Contains("refused on merge", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partition_past_its_timeout_is_tried_again_and_then_fails_the_job()
    {
        fixture.Control.Gate = (_, partition, token) => partition == "p03" ? Task.Delay(Timeout.Infinite, token) : Task.CompletedTask;
        var metrics = fixture.MetricsWith(o => { o.PartitionTimeout = TimeSpan.FromSeconds(3); o.MaxAttempts = 2; });

        var e = await Assert.ThrowsAsync<PartitionFailedException>(() => metrics.ComputeScorecardAsync(fixture.Data.Keys[..6], March));

        Assert.Equal("p03", e.Partition);
        Assert.Contains("partition timeout", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, fixture.Control.Opened.Count(o => o.Partition == "p03"));
    }

    [Fact]
    public async Task Cancelling_a_job_stops_it_on_every_silo()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelledOnSilos = 0;
        fixture.Control.Gate = async (_, _, token) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelledOnSilos);
                throw;
            }
        };
        using var cancellation = new CancellationTokenSource();
        var job = fixture.Metrics.ComputeScorecardAsync(fixture.Data.Keys[..4], March, cancellationToken: cancellation.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);
        await WaitUntil(() => Volatile.Read(ref cancelledOnSilos) == 4);
    }

    [Fact]
    public async Task Bad_partition_lists_are_refused_before_anything_runs()
    {
        var metrics = fixture.Metrics;
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => metrics.ComputeScorecardAsync([], March));
        var twice = await Assert.ThrowsAsync<ArgumentException>(() => metrics.SummarizeAsync(["p00", "p01", "p00"], Summary));
        var blank = await Assert.ThrowsAsync<ArgumentException>(() => metrics.ComputeRfmAsync(["p00", ""], Rfm));

        Assert.Equal("partitions", empty.ParamName);
        Assert.Contains("partitions[2] repeats", twice.Message, StringComparison.Ordinal);
        Assert.Contains("partitions[1] is null or empty", blank.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Control.Opened);
    }

    [Fact]
    public void Job_options_out_of_range_are_refused_naming_the_option()
    {
        var services = new ServiceCollection();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddCrmMetricsCluster(o => o.MaxAttempts = 0));
        Assert.Equal("MaxAttempts", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddCrmMetricsCluster(o => o.PartitionTimeout = TimeSpan.Zero));
        Assert.Equal("PartitionTimeout", e.ParamName);
    }

    internal static ICrmMetrics OneProcess() =>
        new ServiceCollection().AddSingleton<IClock>(ClusterFixture.Clock).AddCrmMetrics().BuildServiceProvider().GetRequiredService<ICrmMetrics>();

    internal static string Json<T>(T value) => JsonSerializer.Serialize(value, CrmJson.Options);

    internal static string WithRows<T>(T value) => JsonSerializer.Serialize(value, CrmJson.OptionsWithCustomerRows);

    internal static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition());
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress&lt;T&gt; posts to a context).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
