using Crm.Domain.Activity;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace Crm.Metrics.Tests;

/// <summary>Several periods from one read: a hand-computed quarter, large data on several threads, and what a series refuses.</summary>
public class SeriesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 4, 2, 8, 0);
    private static readonly CustomerId A = new("a");
    private static readonly CustomerId B = new("b");

    private static Money Eu(decimal amount) => new(amount, Currency.Eur);

    private static Instant Utc(int year, int month, int day) => Instant.FromUtc(year, month, day, 12, 0);

    [Fact]
    public void A_quarter_month_by_month_matches_the_hand_computed_figures()
    {
        // A bought 100 in December, 50 in January, refunded 20 in February and bought 30 on 1 and on 2 March; B bought
        // 70 on 14 February. By month: revenue 50, 70 - 20 = 50, 60; active A, B, A; new: none in January (A's first
        // sale was in December), B in February; growth on the month before: January against December's 100 is -50 %,
        // February 0 %, March +20 %; A bought on two days in March: repeat rate 1. Purchases after each month: 4, 2, 0.
        var data = new CrmDataSet
        {
            Purchases =
            [
                Purchase.Sale(A, Utc(2023, 12, 10), Eu(100)),
                Purchase.Sale(A, Utc(2024, 1, 5), Eu(50)),
                Purchase.Refund(A, Utc(2024, 2, 3), Eu(20)),
                Purchase.Sale(B, Utc(2024, 2, 14), Eu(70)),
                Purchase.Sale(A, Utc(2024, 3, 1), Eu(30)),
                Purchase.Sale(A, Utc(2024, 3, 2), Eu(30)),
            ],
        };
        var months = ReportingPeriod.MonthsUpTo(new YearMonth(2024, 3), 3, DateTimeZone.Utc);
        using var series = new ScorecardSeriesAccumulator(months);
        series.AddRange(data);
        var cards = series.Result(Now);

        Assert.Equal([Eu(50), Eu(50), Eu(60)], cards.Select(c => c.Loyalty.Revenue));
        Assert.Equal([1L, 1L, 1L], cards.Select(c => c.Loyalty.ActiveCustomers));
        Assert.Equal([0L, 1L, 0L], cards.Select(c => c.Loyalty.NewCustomers));
        Assert.Equal([-0.5, 0.0, 0.2], cards.Select(c => Math.Round(c.Loyalty.SalesGrowth.Value!.Value, 12)));
        Assert.Equal(1.0, cards[2].Loyalty.RepeatPurchaseRate.Value);
        Assert.Equal([4L, 2L, 0L], cards.Select(c => c.RecordsOutsidePeriod));

        // Retention (a sale in the 365 days before the month): A at the start of every month, B too at the start of
        // March; A is retained in January and March, not in February (a refund is no purchase), B not in March.
        Assert.Equal([1L, 1L, 2L], cards.Select(c => c.Loyalty.Retention.CustomersAtStart));
        Assert.Equal([1L, 0L, 1L], cards.Select(c => c.Loyalty.Retention.Retained));
        Assert.Equal(months, cards.Select(c => c.Period));
    }

    [Fact]
    public void A_series_is_written_with_CrmJson_and_reads_back_with_every_member_equal()
    {
        var data = new CrmDataSet { Purchases = [Purchase.Sale(A, Utc(2024, 1, 5), Eu(50)), Purchase.Sale(B, Utc(2024, 2, 14), Eu(70)), Purchase.Refund(A, Utc(2024, 2, 20), Eu(5))] };
        var cards = Metrics(1).ComputeScorecards(data, ReportingPeriod.MonthsUpTo(new YearMonth(2024, 2), 2, DateTimeZone.Utc));
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<IReadOnlyList<Scorecard>>)CrmJson.OptionsWithCustomerRows.GetTypeInfo(typeof(IReadOnlyList<Scorecard>));

        var json = System.Text.Json.JsonSerializer.Serialize(cards, info);
        var back = System.Text.Json.JsonSerializer.Deserialize(json, info)!;

        Assert.StartsWith("[{", json, StringComparison.Ordinal);
        Assert.Equal(cards.Select(Snapshot.Of), back.Select(Snapshot.Of));
    }

    [Fact]
    public void Large_lists_read_on_four_threads_give_each_month_computed_alone_on_one()
    {
        var march = ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
        var purchases = LargeData.Purchases(march, 7, "s", 600_000);
        var months = ReportingPeriod.MonthsUpTo(new YearMonth(2026, 3), 3, march.Zone);
        var one = Metrics(1);
        var expected = months.Select(m => Snapshot.Of(one.ComputeScorecard(new CrmDataSet { Purchases = purchases }, m))).ToList();

        var reported = new List<long>();
        var cards = Metrics(4).ComputeScorecards(new CrmDataSet { Purchases = purchases }, months, progress: new SyncProgress(reported));

        Assert.Equal(expected, cards.Select(Snapshot.Of).ToList());
        Assert.Equal(purchases.Count, reported[^1]);
        Assert.All(expected, e => Assert.DoesNotContain(".Loyalty.ActiveCustomers=0\n", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Periods_out_of_order_overlapping_in_two_zones_or_too_many_are_refused_naming_the_periods()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var jan = ReportingPeriod.Month(2024, 1, berlin);
        var feb = ReportingPeriod.Month(2024, 2, berlin);
        var overlapping = new ReportingPeriod(new DateInterval(new LocalDate(2024, 1, 31), new LocalDate(2024, 2, 5)), berlin);

        Assert.Contains("1 to 64", Refused([]), StringComparison.Ordinal);
        Assert.Contains("1 to 64", Refused(ReportingPeriod.MonthsUpTo(new YearMonth(2024, 1), 64, berlin).Append(feb).ToList()), StringComparison.Ordinal);
        Assert.Contains("Period 1 is null", Refused([jan, null!]), StringComparison.Ordinal);
        Assert.Contains("time order", Refused([feb, jan]), StringComparison.Ordinal);
        Assert.Contains("without overlaps", Refused([jan, overlapping]), StringComparison.Ordinal);
        Assert.Contains("one zone", Refused([jan, ReportingPeriod.Month(2024, 2, DateTimeZone.Utc)]), StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>("periods", () => new ScorecardSeriesAccumulator(null!));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => ReportingPeriod.MonthsUpTo(new YearMonth(2024, 1), 0, berlin));

        // A period at the calendar's edge names its place in the list.
        var edge = new ReportingPeriod(new DateInterval(new LocalDate(-9998, 1, 1), new LocalDate(-9998, 1, 31)), DateTimeZone.Utc);
        var error = Assert.Throws<ArgumentOutOfRangeException>("periods", () => new ScorecardSeriesAccumulator([edge]));
        Assert.StartsWith("Period 0 (-9998-01-01..-9998-01-31): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_series_stops_and_a_disposed_one_refuses_more_work()
    {
        using var cancellation = new CancellationTokenSource();
        var sale = Purchase.Sale(A, Utc(2024, 1, 10), Eu(10));
        IEnumerable<Purchase> Endless()
        {
            for (var i = 0; ; i++)
            {
                if (i == 100_000)
                {
                    cancellation.Cancel();
                }

                yield return sale;
            }
        }

        var months = ReportingPeriod.MonthsUpTo(new YearMonth(2024, 3), 3, DateTimeZone.Utc);
        Assert.ThrowsAny<OperationCanceledException>(() => Metrics(1).ComputeScorecards(new CrmDataSet { Purchases = Endless() }, months, cancellationToken: cancellation.Token));

        var series = new ScorecardSeriesAccumulator(months);
        series.Dispose();
        Assert.Throws<ObjectDisposedException>(() => series.Add(sale));
        Assert.Throws<ObjectDisposedException>(() => series.Result(Now));
    }

    [Fact]
    public void Mixed_currencies_without_rates_are_refused_as_one_period_refuses_them()
    {
        var months = ReportingPeriod.MonthsUpTo(new YearMonth(2024, 2), 2, DateTimeZone.Utc);
        var data = new CrmDataSet { Purchases = [Purchase.Sale(A, Utc(2024, 1, 3), Eu(10)), Purchase.Sale(B, Utc(2024, 2, 3), new Money(10, Currency.Usd))] };

        Assert.Throws<CurrencyMismatchException>(() => Metrics(1).ComputeScorecards(data, months));
    }

    private static string Refused(IReadOnlyList<ReportingPeriod> periods) =>
        Assert.Throws<ArgumentException>(nameof(periods), () => new ScorecardSeriesAccumulator(periods)).Message;

    private static ICrmMetrics Metrics(int threads)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = threads);
        return services.BuildServiceProvider().GetRequiredService<ICrmMetrics>();
    }

    private sealed class SyncProgress(List<long> reported) : IProgress<long>
    {
        public void Report(long value) => reported.Add(value);
    }
}
