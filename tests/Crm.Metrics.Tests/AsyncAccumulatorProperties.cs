using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>
/// The accumulators read asynchronous streams (a database cursor, a partition source on a silo) as they read
/// in-memory sequences: the same state, the same supplied kinds, and a null record refused naming the parameter.
/// </summary>
public class AsyncAccumulatorProperties
{
    private static readonly ReportingPeriod Period = ReportingPeriod.Month(2020, 1, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur, Funnel = Crm.Testing.CrmGen.Funnel };

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 50)]
    public void A_scorecard_accumulator_fed_by_streams_equals_one_fed_by_sequences((CrmDataSet Data, int[] Parts) input)
    {
        var data = input.Data with { Feedback = null };
        using var bySequences = new ScorecardAccumulator(Period, Settings);
        bySequences.AddRange(data);
        using var byStreams = new ScorecardAccumulator(Period, Settings);
        var streams = new CrmAsyncDataSet
        {
            Purchases = StreamOrNull(data.Purchases),
            SurveyResponses = StreamOrNull(data.SurveyResponses),
            Costs = StreamOrNull(data.Costs),
            Customers = StreamOrNull(data.Customers),
            Complaints = StreamOrNull(data.Complaints),
            Leads = StreamOrNull(data.Leads),
        };

        byStreams.AddRangeAsync(streams).GetAwaiter().GetResult();

        Assert.Equal(bySequences.Supplied, byStreams.Supplied);
        Assert.DoesNotContain(DataSources.Feedback.ToString(), byStreams.ToState().Supplied);
        Assert.Equal(Snapshot.Of(bySequences.Result(Now)), Snapshot.Of(byStreams.Result(Now)));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 50)]
    public void Summary_and_RFM_accumulators_fed_by_a_stream_equal_ones_fed_by_a_sequence((CrmDataSet Data, int[] Parts) input)
    {
        var purchases = input.Data.Purchases!.ToList();
        var summary = new SummaryOptions(new LocalDate(2020, 1, 15)) { HoldoutEnd = new LocalDate(2020, 2, 10), Zone = Period.Zone };
        using var summaryBySequence = new CustomerBaseSummaryAccumulator(summary);
        summaryBySequence.AddRange(purchases);
        using var summaryByStream = new CustomerBaseSummaryAccumulator(summary);
        summaryByStream.AddRangeAsync(Stream(purchases)).GetAwaiter().GetResult();
        using var summaryByWrapped = new CustomerBaseSummaryAccumulator(summary);
        summaryByWrapped.AddRangeAsync(CrmAsyncDataSet.Sequence(purchases)).GetAwaiter().GetResult();

        var rfm = new RfmOptions(new LocalDate(2020, 1, 31)) { Zone = Period.Zone, LookBackDays = 60 };
        using var rfmBySequence = new RfmAccumulator(rfm);
        rfmBySequence.AddRange(purchases);
        using var rfmByStream = new RfmAccumulator(rfm);
        rfmByStream.AddRangeAsync(Stream(purchases)).GetAwaiter().GetResult();

        Assert.Equal(Snapshot.Of(summaryBySequence.ToState()), Snapshot.Of(summaryByStream.ToState()));
        Assert.Equal(Snapshot.Of(summaryBySequence.ToState()), Snapshot.Of(summaryByWrapped.ToState()));
        Assert.Equal(Snapshot.Of(rfmBySequence.ToState()), Snapshot.Of(rfmByStream.ToState()));
    }

    [Fact]
    public async Task A_null_record_in_a_stream_is_refused_naming_the_parameter_and_cancellation_stops_the_reading()
    {
        Purchase[] withNull = [Fixture.Purchases[0], null!];
        using var summary = new CustomerBaseSummaryAccumulator(new SummaryOptions(new LocalDate(2026, 3, 31)));
        using var rfm = new RfmAccumulator(new RfmOptions(new LocalDate(2026, 3, 31)));
        using var scorecard = new ScorecardAccumulator(Fixture.March);

        Assert.Equal("purchases", (await Assert.ThrowsAsync<ArgumentException>(() => summary.AddRangeAsync(Stream(withNull)))).ParamName);
        Assert.Equal("purchases", (await Assert.ThrowsAsync<ArgumentException>(() => rfm.AddRangeAsync(Stream(withNull)))).ParamName);
        Assert.Equal("data", (await Assert.ThrowsAsync<ArgumentException>(() => scorecard.AddRangeAsync(new CrmAsyncDataSet { Purchases = Stream(withNull) }))).ParamName);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rfm.AddRangeAsync(Stream(Fixture.Purchases), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scorecard.AddRangeAsync(new CrmAsyncDataSet { Purchases = Stream(Fixture.Purchases) }, cancellationToken: cancelled.Token));
    }

    private static IAsyncEnumerable<T>? StreamOrNull<T>(IEnumerable<T>? records) => records is null ? null : Stream(records);

    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> records)
    {
        foreach (var record in records)
        {
            await Task.Yield();
            yield return record;
        }
    }
}
