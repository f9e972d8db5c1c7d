using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Crm.Metrics.States;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace Crm.Metrics.Tests;

/// <summary>
/// Partitioned computation and shipped states: the scorecard, the models' summary and RFM computed per partition —
/// on the thread pool, or as plain-data states through JSON — equal one pass over everything, exactly.
/// </summary>
public class PartitionProperties
{
    private static readonly ReportingPeriod Period = ReportingPeriod.Month(2020, 1, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur, Funnel = Crm.Testing.CrmGen.Funnel };
    private static readonly SummaryOptions Summary = new(new LocalDate(2020, 1, 15)) { HoldoutEnd = new LocalDate(2020, 2, 10), Zone = Period.Zone };
    private static readonly RfmOptions Rfm = new(new LocalDate(2020, 1, 31)) { Zone = Period.Zone, LookBackDays = 60 };

    /// <summary>The data set split by <paramref name="parts"/> into four data sets (every kind present, maybe empty).</summary>
    private static CrmDataSet[] Split(CrmDataSet data, int[] parts)
    {
        var i = 0;
        List<T>[] By<T>(IEnumerable<T> records)
        {
            var lists = Enumerable.Range(0, 4).Select(_ => new List<T>()).ToArray();
            foreach (var record in records)
            {
                lists[parts[i++]].Add(record);
            }

            return lists;
        }

        var purchases = By(data.Purchases!);
        var surveys = By(data.SurveyResponses!);
        var costs = By(data.Costs!);
        var complaints = By(data.Complaints!);
        var feedback = By(data.Feedback!);
        var leads = By(data.Leads!);
        return [.. Enumerable.Range(0, 4).Select(p => new CrmDataSet
        {
            Purchases = purchases[p],
            SurveyResponses = surveys[p],
            Costs = costs[p],
            Complaints = complaints[p],
            Feedback = feedback[p],
            Leads = leads[p],
        })];
    }

    /// <summary>
    /// The purchases crowded onto five customers and 45 days around the calibration end (so that one customer's
    /// purchases, even on one day, land in several partitions), and split into four partitions by the parts.
    /// </summary>
    private static (List<Purchase> All, List<Purchase>[] Partitions) Dense(IEnumerable<Purchase> purchases, int[] parts)
    {
        var all = purchases.Select((p, i) => new Purchase(
            new CustomerId("k" + (i * 7 % 5).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Period.Start + Duration.FromHours((p.OccurredAt.ToUnixTimeSeconds() / 3600 % 45 * 24) + (i % 3)),
            p.Kind,
            p.Amount,
            p.Channel,
            p.Cost)).ToList();
        var partitions = Enumerable.Range(0, 4).Select(_ => new List<Purchase>()).ToArray();
        for (var i = 0; i < all.Count; i++)
        {
            partitions[parts[i]].Add(all[i]);
        }

        return (all, partitions);
    }

    private static ScorecardAccumulator Fill(CrmDataSet data)
    {
        var accumulator = new ScorecardAccumulator(Period, Settings);
        accumulator.AddRange(data);
        return accumulator;
    }

    private static T RoundTrip<T>(T state, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(state, info), info)!;

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 100)]
    public void Scorecard_states_shipped_as_json_and_merged_equal_one_pass((CrmDataSet Data, int[] Parts) input)
    {
        var partitions = Split(input.Data, input.Parts);
        var coordinator = new ScorecardAccumulator(Period, Settings);
        foreach (var partition in partitions)
        {
            coordinator.Merge(RoundTrip(Fill(partition).ToState(), CrmStateJson.ScorecardState));
        }

        Assert.Equal(Snapshot.Of(Fill(input.Data).Result(Now)), Snapshot.Of(coordinator.Result(Now)));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 100)]
    public void A_state_merged_into_a_fresh_accumulator_then_records_then_more_states_equal_one_pass((CrmDataSet Data, int[] Parts) input)
    {
        // The first state merged into an empty accumulator is taken over whole; what follows must add to it as usual.
        var partitions = Split(input.Data, input.Parts);
        using var scorecard = new ScorecardAccumulator(Period, Settings);
        scorecard.Merge(RoundTrip(Fill(partitions[0]).ToState(), CrmStateJson.ScorecardState));
        scorecard.AddRange(partitions[1]);
        scorecard.Merge(RoundTrip(Fill(partitions[2]).ToState(), CrmStateJson.ScorecardState));
        scorecard.Merge(Fill(partitions[3]));
        Assert.Equal(Snapshot.Of(Fill(input.Data).Result(Now)), Snapshot.Of(scorecard.Result(Now)));

        var (purchases, parts) = Dense(input.Data.Purchases!, input.Parts);
        using var summary = new CustomerBaseSummaryAccumulator(Summary);
        using var rfm = new RfmAccumulator(Rfm);
        for (var p = 0; p < parts.Length; p++)
        {
            using var summaryPart = new CustomerBaseSummaryAccumulator(Summary);
            using var rfmPart = new RfmAccumulator(Rfm);
            summaryPart.AddRange(parts[p]);
            rfmPart.AddRange(parts[p]);
            if (p % 2 == 0)
            {
                summary.Merge(RoundTrip(summaryPart.ToState(), CrmStateJson.CustomerBaseSummaryState));
                rfm.Merge(RoundTrip(rfmPart.ToState(), CrmStateJson.RfmState));
            }
            else
            {
                summary.AddRange(parts[p]);
                rfm.AddRange(parts[p]);
            }
        }

        Assert.Equal(Canonical(CustomerBaseSummary.FromPurchases(purchases, Summary)), Canonical(summary.Result()));
        Assert.Equal(Canonical(RfmAnalysis.Compute(purchases, Rfm)), Canonical(rfm.Result()));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 100)]
    public void A_scorecard_state_survives_a_round_trip_unchanged((CrmDataSet Data, int[] Parts) input)
    {
        var state = Fill(input.Data).ToState();
        var json = JsonSerializer.Serialize(state, CrmStateJson.ScorecardState);

        // Read back and merged into an empty accumulator, the state is the same state again.
        var restored = new ScorecardAccumulator(Period, Settings);
        restored.Merge(JsonSerializer.Deserialize(json, CrmStateJson.ScorecardState)!);
        Assert.Equal(json, JsonSerializer.Serialize(restored.ToState(), CrmStateJson.ScorecardState));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 60)]
    public void The_scorecard_from_partitions_on_the_thread_pool_equals_one_pass((CrmDataSet Data, int[] Parts) input)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddCrmMetrics();
        using var provider = services.BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();

        var whole = metrics.ComputeScorecard(input.Data, Period, Settings);
        var partitioned = metrics.ComputeScorecardFromPartitions(Split(input.Data, input.Parts), Period, Settings);

        Assert.Equal(Snapshot.Of(whole), Snapshot.Of(partitioned));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 60)]
    public void Partitions_streamed_on_fewer_threads_than_partitions_give_the_scorecard_of_one_pass((CrmDataSet Data, int[] Parts) input, bool withCurrency)
    {
        // Four partitions on two threads: each thread reads its partitions' purchases in turn (as plain enumerables,
        // not lists) into the shared tables. Without a currency and with exchange rates, each partition has its own
        // accumulator, merged, so that the currency never depends on which thread meets one first.
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        if (!withCurrency)
        {
            services.AddSingleton<IExchangeRateProvider>(new UnitRates());
        }

        services.AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = 2);
        using var provider = services.BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var settings = withCurrency ? Settings : Settings with { Currency = null };
        var streamed = Split(input.Data, input.Parts).Select(d => d with { Purchases = d.Purchases!.Select(p => p) }).ToArray();

        Assert.Equal(Snapshot.Of(metrics.ComputeScorecard(input.Data, Period, settings)), Snapshot.Of(metrics.ComputeScorecardFromPartitions(streamed, Period, settings)));
    }

    [Fact]
    public void Partitions_stop_between_purchases_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var sale = Purchase.Sale(new CustomerId("a"), Instant.FromUtc(2020, 1, 10, 12, 0), new Money(10m, Currency.Eur));
        IEnumerable<Purchase> Endless()
        {
            for (var i = 0; ; i++)
            {
                if (i == 10_000)
                {
                    cancellation.Cancel();
                }

                yield return sale;
            }
        }

        var services = new ServiceCollection();
        services.AddCrmMetrics();
        using var provider = services.BuildServiceProvider();
        CrmDataSet[] shards = [new() { Purchases = Endless() }, new() { Purchases = [sale] }];

        Assert.ThrowsAny<OperationCanceledException>(() => provider.GetRequiredService<ICrmMetrics>().ComputeScorecardFromPartitions(shards, Period, Settings, cancellationToken: cancellation.Token));
    }

    private sealed class UnitRates : IExchangeRateProvider
    {
        public decimal GetRate(Currency source, Currency target, LocalDate day) => 1m;
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 100)]
    public void The_models_summary_from_partitions_and_from_shipped_states_equals_one_pass((CrmDataSet Data, int[] Parts) input)
    {
        var (purchases, partitions) = Dense(input.Data.Purchases!, input.Parts);
        var whole = CustomerBaseSummary.FromPurchases(purchases, Summary);

        var partitioned = CustomerBaseSummary.FromPartitions(partitions, Summary);
        using var coordinator = new CustomerBaseSummaryAccumulator(Summary);
        foreach (var partition in partitions)
        {
            using var accumulator = new CustomerBaseSummaryAccumulator(Summary);
            accumulator.AddRange(partition);
            coordinator.Merge(RoundTrip(accumulator.ToState(), CrmStateJson.CustomerBaseSummaryState));
        }

        // Customers come in order of first appearance, which a partition changes: compare them by id.
        Assert.Equal(Canonical(whole), Canonical(partitioned));
        Assert.Equal(Canonical(whole), Canonical(coordinator.Result()));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 100)]
    public void Rfm_from_partitions_and_from_shipped_states_equals_one_pass((CrmDataSet Data, int[] Parts) input)
    {
        var (purchases, partitions) = Dense(input.Data.Purchases!, input.Parts);
        var whole = RfmAnalysis.Compute(purchases, Rfm);

        var partitioned = RfmAnalysis.ComputeFromPartitions(partitions, Rfm);
        using var coordinator = new RfmAccumulator(Rfm);
        foreach (var partition in partitions)
        {
            using var accumulator = new RfmAccumulator(Rfm);
            accumulator.AddRange(partition);
            coordinator.Merge(RoundTrip(accumulator.ToState(), CrmStateJson.RfmState));
        }

        Assert.Equal(Canonical(whole), Canonical(partitioned));
        Assert.Equal(Canonical(whole), Canonical(coordinator.Result()));
    }

    [Fact]
    public void A_large_array_is_split_across_cores_with_the_same_result_and_order_as_one_pass()
    {
        // 200,000 sales of 20,000 customers over 2019–2020 (above the 131,072 records where an indexed source is split).
        var random = new Random(20261122);
        var purchases = new Purchase[200_000];
        for (var i = 0; i < purchases.Length; i++)
        {
            var at = Instant.FromUtc(2019, 1, 1, 0, 0) + Duration.FromMinutes(random.Next(0, 2 * 365 * 24 * 60));
            purchases[i] = Purchase.Sale(new CustomerId("c" + random.Next(20_000)), at, new Money(random.Next(1, 20_000) / 100m, Currency.Eur));
        }

        // On a machine with several cores the array is split; on one core it is read in one pass (and nothing is compared).
        Assert.Equal(Environment.ProcessorCount > 1, Crm.Metrics.Concurrency.Partitioned.Split(purchases) is not null);

        var options = new SummaryOptions(new LocalDate(2020, 6, 30)) { HoldoutEnd = new LocalDate(2020, 12, 31) };
        using var onePass = new CustomerBaseSummaryAccumulator(options);
        onePass.AddRange(purchases);
        Assert.Equal(Snapshot.Of(onePass.Result().Customers), Snapshot.Of(CustomerBaseSummary.FromPurchases(purchases, options).Customers));

        var rfm = new RfmOptions(new LocalDate(2020, 12, 31));
        using var rfmPass = new RfmAccumulator(rfm);
        rfmPass.AddRange(purchases);
        Assert.Equal(Snapshot.Of(rfmPass.Result().Customers), Snapshot.Of(RfmAnalysis.Compute(purchases, rfm).Customers));
    }

    [Fact]
    public void A_state_of_another_period_version_or_layout_is_refused_and_leaves_the_accumulator_unchanged()
    {
        var data = new CrmDataSet
        {
            Purchases = [Purchase.Sale(new CustomerId("a"), Instant.FromUtc(2020, 1, 10, 12, 0), new Money(10m, Currency.Eur))],
            SurveyResponses = [new SurveyResponse(new CustomerId("a"), Instant.FromUtc(2020, 1, 11, 12, 0), SurveyKind.Nps, 10)],
        };
        var target = Fill(data);
        var before = Snapshot.Of(target.Result(Now));
        var good = Fill(data).ToState();

        void Refused<TException>(ScorecardState state, string fragment)
            where TException : Exception
        {
            var error = Assert.Throws<TException>(() => target.Merge(state));
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
            Assert.Equal(before, Snapshot.Of(target.Result(Now)));
        }

        Refused<ArgumentException>(good with { Version = 1 }, "layout version 1"); // before complaints resolved without a reply
        Refused<ArgumentException>(good with { Version = 2 }, "layout version 2"); // before the prior period of the same kind
        Refused<ArgumentException>(good with { Version = 4 }, "layout version 4");
        Refused<ArgumentException>(good with { To = "2020-02-29" }, "2020-01-01..2020-02-29");
        Refused<ArgumentException>(good with { Options = good.Options with { RetentionWindowDays = 90 } }, "other options");
        Refused<ArgumentException>(good with { FunnelStages = ["a", "b"] }, "another funnel");
        Refused<ArgumentException>(good with { Satisfaction = good.Satisfaction with { Nps = [.. good.Satisfaction.Nps.Take(10)] } }, "satisfaction.nps has 10 entries");
        Refused<ArgumentException>(good with { Satisfaction = good.Satisfaction with { OutsidePeriod = -1 } }, "cannot be negative");
        Refused<ArgumentException>(good with { Supplied = ["Purchases", "Emails"] }, "\"Emails\" is not one of");
        Refused<ArgumentException>(good with { Feedback = good.Feedback with { Praise = new Dictionary<string, long> { ["Pigeon"] = 1 } } }, "feedback.praise \"Pigeon\"");
        Refused<CurrencyMismatchException>(good with { Currency = "USD" }, "EUR and USD");

        // The good state merges, and counts once more.
        target.Merge(good);
        Assert.Equal(2, target.Result(Now).Satisfaction.Nps.Promoters);
    }

    [Fact]
    public void A_bad_partition_throws_its_own_exception_not_an_aggregate()
    {
        Purchase Sale(Currency currency) => Purchase.Sale(new CustomerId("a"), Instant.FromUtc(2020, 1, 10, 12, 0), new Money(10m, currency));
        IEnumerable<Purchase>[] mixed = [[Sale(Currency.Eur)], [Sale(Currency.Usd)]];

        Assert.Throws<CurrencyMismatchException>(() => CustomerBaseSummary.FromPartitions(mixed, Summary));
        Assert.Throws<CurrencyMismatchException>(() => RfmAnalysis.ComputeFromPartitions(mixed, Rfm));
        Assert.Throws<ArgumentException>("partitions", () => CustomerBaseSummary.FromPartitions([[Sale(Currency.Eur)], null!], Summary));
        Assert.Throws<ArgumentException>("partitions", () => RfmAnalysis.ComputeFromPartitions([], Rfm));

        var services = new ServiceCollection();
        services.AddCrmMetrics();
        using var provider = services.BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        CrmDataSet[] shards = [new() { Purchases = [Sale(Currency.Eur)] }, new() { Purchases = [Sale(Currency.Usd)] }];
        Assert.Throws<CurrencyMismatchException>(() => metrics.ComputeScorecardFromPartitions(shards, Period));
        Assert.Throws<ArgumentException>("partitions", () => metrics.ComputeScorecardFromPartitions([shards[0], null!], Period));
    }

    [Fact]
    public void Summary_and_rfm_states_of_other_options_are_refused()
    {
        using var summary = new CustomerBaseSummaryAccumulator(Summary);
        var other = new CustomerBaseSummaryAccumulator(Summary with { CalibrationEnd = new LocalDate(2020, 1, 20) }).ToState();
        Assert.Contains("calibration end 2020-01-20", Assert.Throws<ArgumentException>("state", () => summary.Merge(other)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("state", () => summary.Merge(summary.ToState() with { Version = 0 }));

        using var rfm = new RfmAccumulator(Rfm);
        var rows = new[] { new CustomerRfmState { Id = "a", Total = 5m, Days = [1] } };
        Assert.Contains("outside the window", Assert.Throws<ArgumentException>("state", () => rfm.Merge(rfm.ToState() with { Customers = rows })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("state", () => rfm.Merge(new RfmAccumulator(Rfm with { LookBackDays = 30 }).ToState()));
    }

    private static string Canonical(CustomerBaseSummary summary) =>
        Snapshot.Of(summary.Customers.OrderBy(c => c.CustomerId.Value, StringComparer.Ordinal).ToList())
        + Snapshot.Of(new { summary.RepeatTransactions, summary.HoldoutRepeatTransactions, summary.CustomersFirstBuyingAfterCalibration, summary.RefundsIgnored, summary.Currency });

    private static string Canonical(RfmAnalysis rfm) =>
        Snapshot.Of(rfm.Customers.OrderBy(c => c.CustomerId.Value, StringComparer.Ordinal).ToList())
        + Snapshot.Of(new { rfm.Segments, rfm.RecencyBins, rfm.FrequencyBins, rfm.MonetaryBins });
}
