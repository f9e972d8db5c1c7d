using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace Crm.Metrics.Tests;

/// <summary>
/// Several periods from one read: every scorecard of a series equals the scorecard of its period computed alone over
/// the same records — months, weeks and odd periods with gaps, across a change of daylight-saving time, with refunds,
/// missing costs, recorded acquisitions and every other kind of record.
/// </summary>
public class SeriesProperties
{
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur, Funnel = CrmGen.Funnel };
    private static readonly DateTimeZone[] Zones = [DateTimeZoneProviders.Tzdb["Europe/Berlin"], DateTimeZone.Utc, DateTimeZoneProviders.Tzdb["America/Sao_Paulo"]];

    /// <summary>The series' periods, options and data: activity dense around January–April 2020.</summary>
    public static Arbitrary<(IReadOnlyList<ReportingPeriod> Periods, CrmMetricsOptions Options, CrmDataSet Data)> Series()
    {
        var origin = Instant.FromUtc(2020, 2, 1, 0, 0);
        var near = Gen.Choose(-200 * 24, 120 * 24).Select(h => origin + Duration.FromHours(h) + Duration.FromMinutes(h % 60));
        var customer = Gen.Choose(1, 12).Select(i => new CustomerId("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var survey =
            from s in CrmGen.SurveyResponse
            from at in near
            select new SurveyResponse(s.CustomerId, at, s.Kind, s.Score);
        var cost =
            from c in CrmGen.CostEntryIn(Currency.Eur)
            from shift in Gen.Choose(-60, 60)
            select new CostEntry(c.Kind, c.Amount, new DateInterval(c.Period.Start.PlusDays(shift), c.Period.End.PlusDays(shift)), c.Channel, c.Campaign, c.Description);
        var acquired =
            from who in customer
            from at in near
            select Acquired(who, at);
        var periods =
            from zone in Gen.Elements(Zones)
            from kind in Gen.Choose(0, 2)
            from count in Gen.Choose(1, 5)
            from first in Gen.Choose(0, 60)
            from lengths in Gen.Choose(1, 20).ArrayOf(count)
            from gaps in Gen.Choose(0, 6).ArrayOf(count)
            select kind switch
            {
                0 => ReportingPeriod.MonthsUpTo(new YearMonth(2020, 1).PlusMonths(first % 4), count, zone),
                1 => Weeks(new LocalDate(2020, 1, 1).PlusDays(first), count, zone),
                _ => Odd(new LocalDate(2020, 1, 1).PlusDays(first), lengths, gaps, zone),
            };
        var options =
            from window in Gen.Choose(1, 120)
            from cohort in Gen.Choose(1, 14)
            from zeroCost in Gen.Elements(true, false)
            from method in Gen.Elements(Enum.GetValues<RetentionMethod>())
            select new CrmMetricsOptions { RetentionWindowDays = window, CohortMonths = cohort, TreatMissingCostAsZero = zeroCost, RetentionMethod = method };
        var gen =
            from ps in periods
            from o in options
            from purchases in Purchases(near, customer, Edges(ps, o)).ListOf()
            from surveys in survey.ListOf()
            from costs in cost.ListOf()
            from customers in acquired.ListOf()
            from complaints in CrmGen.Complaint.ListOf()
            from leads in CrmGen.Lead.ListOf()
            select (ps, o, new CrmDataSet { Purchases = purchases, SurveyResponses = surveys, Costs = costs, Customers = customers, Complaints = complaints, Leads = leads });
        return gen.ToArbitrary();
    }

    [Property(Arbitrary = new[] { typeof(SeriesProperties) }, MaxTest = 150)]
    public void Every_scorecard_of_a_series_equals_its_period_computed_alone((IReadOnlyList<ReportingPeriod> Periods, CrmMetricsOptions Options, CrmDataSet Data) input)
    {
        using var series = new ScorecardSeriesAccumulator(input.Periods, Settings, input.Options);
        series.AddRange(input.Data);
        var cards = series.Result(Now);

        Assert.Equal(input.Periods.Count, cards.Count);
        for (var p = 0; p < cards.Count; p++)
        {
            using var alone = new ScorecardAccumulator(input.Periods[p], Settings, input.Options);
            alone.AddRange(input.Data);
            Assert.Equal(Snapshot.Of(alone.Result(Now)), Snapshot.Of(cards[p]));
        }
    }

    [Property(Arbitrary = new[] { typeof(SeriesProperties) }, MaxTest = 40)]
    public void The_service_s_series_sync_and_async_equals_the_periods_alone((IReadOnlyList<ReportingPeriod> Periods, CrmMetricsOptions Options, CrmDataSet Data) input)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddCrmMetrics(o =>
        {
            o.RetentionWindowDays = input.Options.RetentionWindowDays;
            o.CohortMonths = input.Options.CohortMonths;
            o.TreatMissingCostAsZero = input.Options.TreatMissingCostAsZero;
            o.RetentionMethod = input.Options.RetentionMethod;
            o.Execution.MaxDegreeOfParallelism = 2;
        });
        using var provider = services.BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();

        var expected = input.Periods.Select(p => Snapshot.Of(metrics.ComputeScorecard(input.Data, p, Settings))).ToList();
        Assert.Equal(expected, metrics.ComputeScorecards(input.Data, input.Periods, Settings).Select(Snapshot.Of).ToList());
        var async = metrics.ComputeScorecardsAsync(CrmAsyncDataSet.From(input.Data), input.Periods, Settings).AsTask().GetAwaiter().GetResult();
        Assert.Equal(expected, async.Select(Snapshot.Of).ToList());
    }

    /// <summary>Purchases near the periods, one in four exactly on an edge a rule compares with.</summary>
    private static Gen<Purchase> Purchases(Gen<Instant> near, Gen<CustomerId> customer, Instant[] edges) =>
        from p in CrmGen.PurchaseIn(Currency.Eur)
        from who in customer
        from onEdge in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from edge in Gen.Elements(edges)
        from at in near
        select new Purchase(who, onEdge ? edge : at, p.Kind, p.Amount, p.Channel, p.Cost);

    /// <summary>Every period's start and end, its previous period's start and its retention window's start.</summary>
    private static Instant[] Edges(IReadOnlyList<ReportingPeriod> periods, CrmMetricsOptions options) =>
        [.. periods.SelectMany(p => new[] { p.Start, p.End, p.Previous().Start, p.StartOf(p.Dates.Start.PlusDays(-options.RetentionWindowDays)) })];

    private static Customer Acquired(CustomerId id, Instant at)
    {
        var customer = Customer.CreatePerson(id, new PersonProfile("Acquired"), at - Duration.FromDays(400));
        customer.RecordAcquisition(at);
        return customer;
    }

    private static IReadOnlyList<ReportingPeriod> Weeks(LocalDate first, int count, DateTimeZone zone) =>
        [.. Enumerable.Range(0, count).Select(k => new ReportingPeriod(new DateInterval(first.PlusDays(7 * k), first.PlusDays((7 * k) + 6)), zone))];

    private static List<ReportingPeriod> Odd(LocalDate first, int[] lengths, int[] gaps, DateTimeZone zone)
    {
        var periods = new List<ReportingPeriod>();
        var start = first;
        for (var k = 0; k < lengths.Length; k++)
        {
            periods.Add(new ReportingPeriod(new DateInterval(start, start.PlusDays(lengths[k] - 1)), zone));
            start = start.PlusDays(lengths[k] + gaps[k]);
        }

        return periods;
    }
}
