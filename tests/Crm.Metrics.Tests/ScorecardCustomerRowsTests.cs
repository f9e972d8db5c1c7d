using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Metrics.CustomerValue;
using Crm.Testing;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace Crm.Metrics.Tests;

/// <summary>
/// <see cref="ScorecardSettings.CustomerRows"/>: a scorecard that declines its customer-value rows has every figure of
/// one that keeps them — totals and distributions included — an empty list, and says so; the choice reaches every
/// entry point, is written to JSON as the absence of the list, and an undefined choice is refused.
/// </summary>
public class ScorecardCustomerRowsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur, Funnel = CrmGen.Funnel };
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Property(Arbitrary = new[] { typeof(SeriesProperties) }, MaxTest = 120)]
    public void Declined_rows_change_no_figure_and_only_the_periods_they_are_declined_for((IReadOnlyList<ReportingPeriod> Periods, CrmMetricsOptions Options, CrmDataSet Data) input)
    {
        var every = Series(input, ScorecardCustomerRows.Every);
        var last = Series(input, ScorecardCustomerRows.LastPeriod);
        var none = Series(input, ScorecardCustomerRows.None);

        for (var p = 0; p < every.Count; p++)
        {
            var isLast = p == every.Count - 1;
            Assert.True(every[p].CustomerValue.HasCustomerRows);
            Assert.Equal(isLast, last[p].CustomerValue.HasCustomerRows);
            Assert.False(none[p].CustomerValue.HasCustomerRows);
            Assert.Empty(none[p].CustomerValue.Customers);

            // Every figure, distributions included (the document without rows has them all).
            Assert.Equal(Json(every[p]), Json(last[p]));
            Assert.Equal(Json(every[p]), Json(none[p]));
            Assert.Equal(WithRows(every[p]), WithRows(isLast ? last[p] : every[p]));
            if (!isLast)
            {
                Assert.Empty(last[p].CustomerValue.Customers);
            }
        }
    }

    [Fact]
    public void The_distributions_of_declined_rows_are_the_rows_distributions_by_hand()
    {
        // January 2026: a buys 100 (cost 40) and b 50 (cost 10); c only returns 30 of a November sale (cost 0), so is
        // not active; d buys 20 without a cost. 90 of retention costs: 30 per active customer (a, b, d).
        // Revenue: 100, 50, −30, 20. Margins of those without a sale lacking its cost (a, b, c): 100 − 40 − 30 = 30,
        // 50 − 10 − 30 = 10 and −30 (no cost to serve). Historical CLV: a 60, b 40, c 30 − 30 = 0; d's is unknown.
        var january = ReportingPeriod.Month(2026, 1, Berlin);
        var at = new LocalDate(2026, 1, 10).AtStartOfDayInZone(Berlin).ToInstant();
        var data = new CrmDataSet
        {
            Purchases =
            [
                Purchase.Sale(new CustomerId("a"), at, new Money(100m, Currency.Eur), cost: new Money(40m, Currency.Eur)),
                Purchase.Sale(new CustomerId("b"), at, new Money(50m, Currency.Eur), cost: new Money(10m, Currency.Eur)),
                Purchase.Sale(new CustomerId("c"), at.Minus(Duration.FromDays(60)), new Money(30m, Currency.Eur), cost: new Money(0m, Currency.Eur)),
                Purchase.Refund(new CustomerId("c"), at, new Money(30m, Currency.Eur)),
                Purchase.Sale(new CustomerId("d"), at, new Money(20m, Currency.Eur)),
            ],
            Costs = [new CostEntry(CostKind.Retention, new Money(90m, Currency.Eur), new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 31)))],
        };
        using var accumulator = new ScorecardAccumulator(january, new ScorecardSettings { Currency = Currency.Eur, CustomerRows = ScorecardCustomerRows.None });
        accumulator.AddRange(data);
        var value = accumulator.Result(Now).CustomerValue;

        Assert.False(value.HasCustomerRows);
        Assert.Empty(value.Customers);
        Assert.Equal(new Money(140m, Currency.Eur), value.TotalRevenue);
        Assert.Equal(new Money(90m, Currency.Eur), value.TotalCostToServe);
        Assert.Equal((4L, 35.0, 35.0, 85.0, -30.0, 100.0), Figures(value.RevenuePerCustomer));
        Assert.Equal((3L, Math.Round(10.0 / 3, 10), 10.0, 26.0, -30.0, 30.0), Figures(value.MarginPerCustomer));
        Assert.Equal((3L, Math.Round(100.0 / 3, 10), 40.0, 56.0, 0.0, 60.0), Figures(value.HistoricalClvPerCustomer));

        using var keeping = new ScorecardAccumulator(january, new ScorecardSettings { Currency = Currency.Eur });
        keeping.AddRange(data);
        var kept = keeping.Result(Now).CustomerValue;
        Assert.Equal(4, kept.Customers.Count);
        Assert.Equal((kept.RevenuePerCustomer, kept.MarginPerCustomer, kept.HistoricalClvPerCustomer), (value.RevenuePerCustomer, value.MarginPerCustomer, value.HistoricalClvPerCustomer));
    }

    [Fact]
    public async Task Every_entry_point_passes_the_choice_on()
    {
        var months = ReportingPeriod.MonthsUpTo(new YearMonth(2026, 3), 3, Berlin);
        var data = new CrmDataSet { Purchases = [.. months.Select((m, i) => Purchase.Sale(new CustomerId("c" + i), m.Start, new Money(10m + i, Currency.Eur)))] };
        var last = Settings with { CustomerRows = ScorecardCustomerRows.LastPeriod };
        var none = Settings with { CustomerRows = ScorecardCustomerRows.None };
        using var provider = Provider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();

        Assert.Equal([false, false, true], metrics.ComputeScorecards(data, months, last).Select(Kept));
        Assert.Equal([false, false, true], (await metrics.ComputeScorecardsAsync(CrmAsyncDataSet.From(data), months, last)).Select(Kept));
        Assert.Equal([false, false, true], metrics.ComputeAnalyses(data, new AnalysisRequest { Scorecards = months, ScorecardSettings = last }).Scorecards!.Select(Kept));
        Assert.Equal([false, false, false], metrics.ComputeScorecards(data, months, none).Select(Kept));

        // One period is the last period: it keeps its rows unless none are kept.
        Assert.True(Kept(metrics.ComputeScorecard(data, months[2], last)));
        Assert.False(Kept(metrics.ComputeScorecard(data, months[2], none)));
        Assert.False(Kept(metrics.ComputeScorecardFromPartitions([data, new CrmDataSet()], months[2], none)));
        Assert.False(Kept(await metrics.ComputeScorecardAsync(CrmAsyncDataSet.From(data), months[2], none)));
        var breakdown = metrics.ComputeBreakdown(data, months[2], id => id.Value, _ => null, none);
        Assert.All(breakdown.Groups.Values, card => Assert.False(Kept(card)));
        Assert.All(metrics.ComputeBreakdown(data, months[2], id => id.Value, _ => null, last).Groups.Values, card => Assert.True(Kept(card)));
    }

    [Fact]
    public void Declined_rows_are_written_as_no_list_and_read_back_as_declined()
    {
        var march = ReportingPeriod.Month(2026, 3, Berlin);
        var data = new CrmDataSet { Purchases = [Purchase.Sale(new CustomerId("a"), march.Start, new Money(10m, Currency.Eur))] };
        using var provider = Provider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var declined = metrics.ComputeScorecard(data, march, Settings with { CustomerRows = ScorecardCustomerRows.None });
        var kept = metrics.ComputeScorecard(data, march, Settings);
        var empty = metrics.ComputeScorecard(new CrmDataSet(), march, Settings);

        var declinedText = WithRows(declined);
        Assert.False(JsonDocument.Parse(declinedText).RootElement.GetProperty("customerValue").TryGetProperty("customers", out _));
        Assert.Equal(1, JsonDocument.Parse(WithRows(kept)).RootElement.GetProperty("customerValue").GetProperty("customers").GetArrayLength());

        Assert.False(Read(declinedText).CustomerValue.HasCustomerRows);
        Assert.True(Read(WithRows(kept)).CustomerValue.HasCustomerRows);
        Assert.True(Read(WithRows(empty)).CustomerValue.HasCustomerRows); // a period without customers lists none of them
        Assert.False(Read(Json(kept)).CustomerValue.HasCustomerRows); // a document written without the lists
        Assert.Single(Read(WithRows(kept)).CustomerValue.Customers);
    }

    [Fact]
    public void An_undefined_choice_is_refused_naming_the_settings()
    {
        var march = ReportingPeriod.Month(2026, 3, Berlin);
        var settings = new ScorecardSettings { CustomerRows = (ScorecardCustomerRows)3 };
        using var provider = Provider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();

        var one = Assert.Throws<ArgumentOutOfRangeException>(() => metrics.CreateAccumulator(march, settings));
        var series = Assert.Throws<ArgumentOutOfRangeException>(() => metrics.CreateSeriesAccumulator([march], settings));
        var analyses = Assert.Throws<ArgumentOutOfRangeException>(() => metrics.ComputeAnalyses(new CrmDataSet(), new AnalysisRequest { Scorecards = [march], ScorecardSettings = settings }));

        Assert.All([one, series], e => Assert.Equal("settings", e.ParamName));
        Assert.Equal("request.ScorecardSettings", analyses.ParamName);
        Assert.All([one, series, analyses], e => Assert.StartsWith("ScorecardSettings.CustomerRows is not a defined choice.", e.Message, StringComparison.Ordinal));
    }

    private static IReadOnlyList<Scorecard> Series((IReadOnlyList<ReportingPeriod> Periods, CrmMetricsOptions Options, CrmDataSet Data) input, ScorecardCustomerRows rows)
    {
        using var series = new ScorecardSeriesAccumulator(input.Periods, Settings with { CustomerRows = rows }, input.Options);
        series.AddRange(input.Data);
        return series.Result(Now);
    }

    private static bool Kept(Scorecard card) => card.CustomerValue.HasCustomerRows;

    private static (long, double?, double?, double?, double?, double?) Figures(Crm.Metrics.Results.Distribution d) =>
        (d.Count, d.Mean is { } m ? Math.Round(m, 10) : null, d.Median, d.P90 is { } p ? Math.Round(p, 10) : null, d.Minimum, d.Maximum);

    private static string Json(Scorecard card) => JsonSerializer.Serialize(card, CrmJson.Options);

    private static string WithRows(Scorecard card) => JsonSerializer.Serialize(card, CrmJson.OptionsWithCustomerRows);

    private static Scorecard Read(string json) => JsonSerializer.Deserialize<Scorecard>(json, CrmJson.OptionsWithCustomerRows)!;

    private static ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddCrmMetrics();
        return services.BuildServiceProvider();
    }
}
