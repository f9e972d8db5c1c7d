using Crm.Domain.Activity;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Metrics.Tests;

/// <summary>
/// A large array or list of purchases is read on several threads, each into its own buffer, applied to shared
/// partition tables: the scorecard, its errors, its currency and its progress are those of one pass.
/// </summary>
public class ParallelReadTests
{
    private static readonly ReportingPeriod Period = ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly Instant Now = Instant.FromUtc(2026, 4, 2, 8, 0);

    // 600,000 purchases: four threads of at least 131,072 each at the default threshold.
    private static readonly List<Purchase> Large = LargeData.Purchases(Period, 3, "p", 600_000);

    [Fact]
    public void Large_arrays_lists_and_segments_give_through_ICrmMetrics_the_scorecard_of_one_thread()
    {
        var expected = Snapshot.Of(Metrics(1).ComputeScorecard(new CrmDataSet { Purchases = Large.ToArray() }, Period));
        Assert.True(new ScorecardAccumulator(Period, options: new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 4 } }).ReadsInParallel(Large.Count), "the default threshold reads these on several threads");

        var metrics = Metrics(4);
        Assert.Equal(expected, Snapshot.Of(metrics.ComputeScorecard(new CrmDataSet { Purchases = Large }, Period)));
        Assert.Equal(expected, Snapshot.Of(metrics.ComputeScorecard(new CrmDataSet { Purchases = Large.ToArray() }, Period)));

        // A segment starting further on in its array: the chunks are read from the segment's offset.
        var padded = Enumerable.Repeat(Purchase.Sale(new CustomerId("outside"), Period.Start, new Money(1, Currency.Eur)), 1_000).Concat(Large).ToArray();
        Assert.Equal(expected, Snapshot.Of(metrics.ComputeScorecard(new CrmDataSet { Purchases = new ArraySegment<Purchase>(padded, 1_000, Large.Count) }, Period)));
        Assert.Contains(".Loyalty.ActiveCustomers=", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_applying_the_same_customers_take_turns()
    {
        // Four customers: every thread's buffer holds the same few partitions, so the threads keep reaching for
        // the same tables at the same time, and the sums would lose updates if they did not take turns.
        var random = new Random(5);
        var purchases = new Purchase[400_000];
        for (var i = 0; i < purchases.Length; i++)
        {
            purchases[i] = Purchase.Sale(new CustomerId("c" + (i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture)), Period.Start + Duration.FromMinutes(random.Next(-60_000, 40_000)), new Money(random.Next(1, 100_000) / 100m, Currency.Eur));
        }

        var sequential = new ScorecardAccumulator(Period, options: new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 1 } });
        Array.ForEach(purchases, sequential.Add);
        var expected = Snapshot.Of(sequential.Result(Now));

        // A race shows in some runs only: three rounds.
        for (var round = 0; round < 3; round++)
        {
            var parallel = new ScorecardAccumulator(Period, options: new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 4 } }).ReadingInParallelFrom(1_000);
            parallel.AddRange(new CrmDataSet { Purchases = purchases });
            Assert.Equal(expected, Snapshot.Of(parallel.Result(Now)));
        }
    }

    [Fact]
    public void A_null_purchase_read_by_another_thread_throws_its_own_ArgumentException_naming_the_data()
    {
        var purchases = Large.ToArray();
        purchases[^10] = null!;

        var ex = Assert.Throws<ArgumentException>(() => Metrics(4).ComputeScorecard(new CrmDataSet { Purchases = purchases }, Period));
        Assert.Equal("data", ex.ParamName);
    }

    [Fact]
    public void A_second_currency_read_by_another_thread_is_a_currency_mismatch_naming_both()
    {
        var purchases = Large.ToArray();
        purchases[^10] = Purchase.Sale(new CustomerId("usd"), Period.Start, new Money(5, Currency.Usd));

        var ex = Assert.Throws<CurrencyMismatchException>(() => Metrics(4).ComputeScorecard(new CrmDataSet { Purchases = purchases }, Period));
        Assert.Contains("EUR", ex.Message, StringComparison.Ordinal);
        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scorecard_currency_is_the_first_met_in_input_order_whichever_thread_reads_the_rest()
    {
        // Without a currency in the settings, the first purchase up to the period's end sets it. The threads take
        // chunks of 16,384 purchases in turn: the first six chunks are USD sales after the period (ignored), the sixth
        // ends with one GBP refund, and the rest are EUR purchases. The thread that takes the sixth chunk is held up
        // 300 ms, so that the others meet EUR long before anyone reaching the GBP refund in its chunk: GBP must still
        // win (the caller reads up to the first currency before the threads start), and EUR is converted at 0.5.
        var late = Purchase.Sale(new CustomerId("late"), Period.End, new Money(7, Currency.Usd));
        var purchases = Enumerable.Repeat(late, (6 * 16_384) - 1).ToList();
        var gbp = purchases.Count;
        purchases.Add(Purchase.Refund(new CustomerId("gbp"), Period.Start, new Money(4, Currency.Gbp)));
        purchases.AddRange(Large.Take(200_000));
        var array = purchases.ToArray();
        var parallel = new ScorecardAccumulator(Period, options: new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 3 } }, exchangeRates: new HalfRates()).ReadingInParallelFrom(5);
        var sequential = new ScorecardAccumulator(Period, options: new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 1 } }, exchangeRates: new HalfRates());

        Crm.Metrics.Engine.ScorecardRunner.ReadIndexed<Purchase, Crm.Metrics.Storage.PurchaseObjects>(parallel, array.Length, (start, length) =>
        {
            if (length < array.Length && start <= gbp && gbp < start + length)
            {
                Thread.Sleep(300);
            }

            return new ReadOnlySpan<Purchase>(array, start, length);
        }, "data", null);
        purchases.ForEach(sequential.Add);

        var card = parallel.Result(Now);
        Assert.Equal(Currency.Gbp, card.Currency);
        Assert.Equal(Currency.Gbp, card.Loyalty.Revenue.Currency);
        Assert.Equal(Snapshot.Of(sequential.Result(Now)), Snapshot.Of(card));
    }

    [Fact]
    public void Progress_is_reported_on_the_callers_thread_rising_to_the_number_of_records()
    {
        var reports = new List<(long Value, int Thread)>();
        var caller = Environment.CurrentManagedThreadId;
        Metrics(4).ComputeScorecard(new CrmDataSet { Purchases = Large.ToArray() }, Period, progress: new SyncProgress(reports));

        Assert.All(reports, r => Assert.Equal(caller, r.Thread));
        Assert.Equal(Large.Count, reports[^1].Value);
        Assert.True(reports.Count >= 3, $"a report about every 65,536 purchases read by the caller's thread, got {reports.Count}");
        Assert.Equal(reports.Select(r => r.Value).Order(), reports.Select(r => r.Value));
        Assert.Equal(reports.Count, reports.Select(r => r.Value).Distinct().Count());
    }

    private static ICrmMetrics Metrics(int parallelism)
    {
        var provider = new ServiceCollection()
            .AddSingleton<IClock>(new NodaTime.Testing.FakeClock(Now))
            .AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = parallelism)
            .BuildServiceProvider();
        return provider.GetRequiredService<ICrmMetrics>();
    }

    private sealed class HalfRates : IExchangeRateProvider
    {
        public decimal GetRate(Currency source, Currency target, LocalDate day) => 0.5m;
    }

    private sealed class SyncProgress(List<(long Value, int Thread)> values) : IProgress<long>
    {
        public void Report(long value) => values.Add((value, Environment.CurrentManagedThreadId));
    }
}
