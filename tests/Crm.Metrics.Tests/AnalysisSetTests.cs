using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Metrics.Tests;

/// <summary>The analysis set's contract at its edges: what it refuses, what it reads, how it reports and stops.</summary>
public class AnalysisSetTests
{
    private static readonly CustomerId Ann = new("ann");
    private static readonly CustomerId Bo = new("bo");

    private static readonly Purchase[] Purchases =
    [
        Purchase.Sale(Ann, Instant.FromUtc(2026, 1, 5, 10, 0), new Money(40m, Currency.Eur)),
        Purchase.Sale(Bo, Instant.FromUtc(2026, 1, 6, 10, 0), new Money(15m, Currency.Eur)),
        Purchase.Sale(Ann, Instant.FromUtc(2026, 2, 9, 10, 0), new Money(60m, Currency.Eur)),
        Purchase.Sale(Ann, Instant.FromUtc(2026, 3, 2, 10, 0), new Money(20m, Currency.Eur)),
    ];

    [Fact]
    public void A_request_for_nothing_is_refused_naming_the_request()
    {
        using var provider = AnalysisSetProperties.Provider(1);
        var metrics = provider.GetRequiredService<ICrmMetrics>();

        var e = Assert.Throws<ArgumentException>(() => metrics.ComputeAnalyses(new CrmDataSet { Purchases = Purchases }, new AnalysisRequest()));

        Assert.Equal("request", e.ParamName);
        Assert.Contains("no analysis", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 0, "request.ExpectedCustomers")]
    [InlineData(0, -1, "request.ExpectedPurchases")]
    [InlineData(int.MinValue, 5, "request.ExpectedCustomers")]
    public void A_negative_capacity_hint_is_refused_by_its_path(int customers, int purchases, string path)
    {
        using var provider = AnalysisSetProperties.Provider(1);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var request = new AnalysisRequest { Rfm = new RfmOptions(new LocalDate(2026, 3, 31)), ExpectedCustomers = customers, ExpectedPurchases = purchases };

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => metrics.ComputeAnalyses(new CrmDataSet { Purchases = Purchases }, request));

        Assert.Equal(path, e.ParamName);
        Assert.Contains("capacity hint", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_options_are_refused_by_their_path_before_anything_is_read()
    {
        using var provider = AnalysisSetProperties.Provider(1);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var read = new Counted<Purchase>(Purchases);
        var data = new CrmDataSet { Purchases = read };

        var summary = Assert.ThrowsAny<ArgumentException>(() => metrics.ComputeAnalyses(data, new AnalysisRequest { Summary = new SummaryOptions(new LocalDate(2026, 3, 1)) { HoldoutEnd = new LocalDate(2026, 2, 1) } }));
        var rfm = Assert.ThrowsAny<ArgumentException>(() => metrics.ComputeAnalyses(data, new AnalysisRequest { Rfm = new RfmOptions(new LocalDate(2026, 3, 1)) { LookBackDays = 0 } }));
        var lifecycle = Assert.ThrowsAny<ArgumentException>(() => metrics.ComputeAnalyses(data, new AnalysisRequest { Lifecycles = new LifecycleOptions(new LocalDate(2026, 3, 1)) { Behaviour = new LifecycleBehaviour { GrowingPurchaseDays = 0 } } }));

        Assert.Equal("request.Summary", summary.ParamName);
        Assert.Equal("request.Rfm", rfm.ParamName);
        Assert.Equal("request.Lifecycles.Behaviour", lifecycle.ParamName);
        var edge = Assert.Throws<ArgumentOutOfRangeException>(() => metrics.ComputeAnalyses(data, new AnalysisRequest { Scorecards = [new ReportingPeriod(new DateInterval(new LocalDate(9999, 12, 1), new LocalDate(9999, 12, 30)), DateTimeZone.Utc)] }));
        Assert.Equal("request.Scorecards", edge.ParamName);
        Assert.Contains("edge of the calendar", edge.Message, StringComparison.Ordinal);
        Assert.Equal(0, read.Enumerations);
    }

    [Fact]
    public void Each_sequence_is_enumerated_once_and_only_the_kinds_an_analysis_reads()
    {
        using var provider = AnalysisSetProperties.Provider(2);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var purchases = new Counted<Purchase>(Purchases);
        var costs = new Counted<CostEntry>([]);
        var complaints = new Counted<Complaint>([]);
        var data = new CrmDataSet { Purchases = purchases, Costs = costs, Complaints = complaints };

        var results = metrics.ComputeAnalyses(data, new AnalysisRequest
        {
            Summary = new SummaryOptions(new LocalDate(2026, 2, 28)),
            Rfm = new RfmOptions(new LocalDate(2026, 3, 31)),
            Lifecycles = new LifecycleOptions(new LocalDate(2026, 3, 31)),
            Churn = new ChurnWarningOptions(new LocalDate(2026, 3, 31)),
        });

        Assert.Equal(1, purchases.Enumerations);
        Assert.Equal(1, complaints.Enumerations); // the churn warning reads complaints
        Assert.Equal(0, costs.Enumerations);      // no analysis asked for reads costs
        Assert.Null(results.Scorecards);
        Assert.Equal(4, results.RecordsRead);

        // Hand-computed: Ann bought on 5 Jan and 9 Feb up to the calibration end (x = 1, t_x = 5 weeks, T = 7.57 weeks),
        // Bo once; RFM over every sale: Ann 3 days and 120, Bo 1 day and 15.
        var ann = results.Summary!.Customers.Single(c => c.CustomerId == Ann);
        Assert.Equal(1, ann.Frequency);
        Assert.Equal(5.0, ann.Recency.In(ModelTimeUnit.Weeks), 12);
        Assert.Equal(2, results.Rfm!.Customers.Count);
        Assert.Equal(120m, results.Rfm.Customers.Single(c => c.CustomerId == Ann).Revenue.Amount);
        Assert.Equal(3, results.Rfm.Customers.Single(c => c.CustomerId == Ann).Frequency);
        Assert.Equal([Ann, Bo], results.Lifecycles!.Select(l => l.CustomerId));
        Assert.Equal(2, results.AssessChurn().Customers.Count);
    }

    [Fact]
    public void The_churn_warning_needs_its_request_and_a_model_needs_the_summary_of_its_day()
    {
        using var provider = AnalysisSetProperties.Provider(1);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var data = new CrmDataSet { Purchases = Purchases };
        var model = new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);

        var noChurn = metrics.ComputeAnalyses(data, new AnalysisRequest { Rfm = new RfmOptions(new LocalDate(2026, 3, 31)) });
        var noSummary = metrics.ComputeAnalyses(data, new AnalysisRequest { Churn = new ChurnWarningOptions(new LocalDate(2026, 3, 31)) });
        var otherDay = metrics.ComputeAnalyses(data, new AnalysisRequest { Churn = new ChurnWarningOptions(new LocalDate(2026, 3, 31)), Summary = new SummaryOptions(new LocalDate(2026, 2, 28)) });
        var sameDay = metrics.ComputeAnalyses(data, new AnalysisRequest { Churn = new ChurnWarningOptions(new LocalDate(2026, 3, 31)), Summary = new SummaryOptions(new LocalDate(2026, 3, 31)) });

        Assert.False(noChurn.HasChurn);
        Assert.Throws<InvalidOperationException>(() => noChurn.AssessChurn());
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => noSummary.AssessChurn(model)).ParamName);
        Assert.Contains("2026-02-28", Assert.Throws<ArgumentException>(() => otherDay.AssessChurn(model)).Message, StringComparison.Ordinal);
        var assessed = sameDay.AssessChurn(model);
        Assert.True(assessed.UsedModel);
        Assert.All(assessed.Customers, c => Assert.NotNull(c.ProbabilityAlive));
    }

    [Fact]
    public void Progress_counts_every_record_read_and_a_cancelled_read_returns_nothing()
    {
        using var provider = AnalysisSetProperties.Provider(2);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var many = Enumerable.Range(0, 70_000).Select(i => Purchase.Sale(new CustomerId("c" + (i % 500).ToString(System.Globalization.CultureInfo.InvariantCulture)), Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(i), new Money(1m, Currency.Eur))).ToArray();
        var request = new AnalysisRequest { Rfm = new RfmOptions(new LocalDate(2026, 3, 31)), Scorecards = [ReportingPeriod.Month(2026, 1, DateTimeZone.Utc)] };
        var reported = new List<long>();

        var results = metrics.ComputeAnalyses(new CrmDataSet { Purchases = many }, request, new Inline(reported.Add));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal([65_536L, 70_000L], reported);
        Assert.Equal(70_000, results.RecordsRead);
        Assert.ThrowsAny<OperationCanceledException>(() => metrics.ComputeAnalyses(new CrmDataSet { Purchases = many }, request, cancellationToken: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => metrics.ComputeAnalysesAsync(CrmAsyncDataSet.From(new CrmDataSet { Purchases = many }), request, cancellationToken: cancelled.Token).AsTask().GetAwaiter().GetResult());
    }

    /// <summary>
    /// The first refusal in the order read is the one thrown, on one thread or two: here the summary refuses the
    /// 9,001st purchase (another currency) and the 9,002nd is null. On two threads both lie in the batch the reading
    /// thread is filling (two were handed to the analyses' thread before it), so the reading thread meets the null
    /// before any analysis has seen the purchase before it. A refusal at the reading thread (a scorecard's, of
    /// another currency) comes before the summary's of the same record.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_error_is_that_of_the_first_record_refused_in_the_order_read(int threads)
    {
        using var provider = AnalysisSetProperties.Provider(threads);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var purchases = Enumerable.Range(0, 20_000).Select(i => Purchase.Sale(new CustomerId("c" + (i % 700).ToString(System.Globalization.CultureInfo.InvariantCulture)), Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(i), new Money(1m, i == 9_000 ? Currency.Usd : Currency.Eur))).ToArray();
        var withNull = purchases.Select((p, i) => i == 9_001 ? null! : p).ToArray();
        var summary = new AnalysisRequest { Summary = new SummaryOptions(new LocalDate(2026, 3, 31)), Rfm = new RfmOptions(new LocalDate(2026, 3, 31)) };
        var both = new AnalysisRequest { Summary = summary.Summary, Scorecards = [ReportingPeriod.Month(2026, 1, DateTimeZone.Utc)], ScorecardSettings = new ScorecardSettings { Currency = Currency.Eur } };

        var early = Assert.Throws<CurrencyMismatchException>(() => metrics.ComputeAnalyses(new CrmDataSet { Purchases = withNull }, summary));
        var earlyAsync = Assert.Throws<CurrencyMismatchException>(() => metrics.ComputeAnalysesAsync(CrmAsyncDataSet.From(new CrmDataSet { Purchases = withNull }), summary).AsTask().GetAwaiter().GetResult());
        var card = Assert.Throws<CurrencyMismatchException>(() => metrics.ComputeAnalyses(new CrmDataSet { Purchases = purchases }, both));

        Assert.Equal(Currency.Usd, early.Actual);
        Assert.Equal(Currency.Usd, earlyAsync.Actual);
        Assert.Contains("scorecard", card.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Purchases are looked up a few records behind the reading. A source that fails after a refused purchase still
    /// reports the refusal, however close behind it the failure comes (the next record, within the look-ahead, or past
    /// it), on one thread or two, sync or async, and also when the failing source is the next kind of record read after
    /// the purchases. A failure read before the refused purchase is the error itself.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(1, 40)]
    [InlineData(2, 1)]
    [InlineData(2, 7)]
    [InlineData(2, 40)]
    public void A_source_failing_after_a_refused_purchase_reports_the_refusal(int threads, int after)
    {
        using var provider = AnalysisSetProperties.Provider(threads);
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        const int refused = 9_000;
        var purchases = Enumerable.Range(0, 20_000).Select(i => Purchase.Sale(new CustomerId("c" + (i % 700).ToString(System.Globalization.CultureInfo.InvariantCulture)), Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(i), new Money(1m, i == refused ? Currency.Usd : Currency.Eur))).ToArray();
        var request = new AnalysisRequest { Summary = new SummaryOptions(new LocalDate(2026, 3, 31)), Rfm = new RfmOptions(new LocalDate(2026, 3, 31)) };
        var cards = new AnalysisRequest { Summary = request.Summary, Scorecards = [ReportingPeriod.Month(2026, 1, DateTimeZone.Utc)], ScorecardSettings = new ScorecardSettings { Currency = Currency.Eur } };

        var refusal = Assert.Throws<CurrencyMismatchException>(() => metrics.ComputeAnalyses(new CrmDataSet { Purchases = FailingAt(purchases, refused + after) }, request));
        var refusalAsync = Assert.Throws<CurrencyMismatchException>(() => metrics.ComputeAnalysesAsync(CrmAsyncDataSet.From(new CrmDataSet { Purchases = FailingAt(purchases, refused + after) }), request).AsTask().GetAwaiter().GetResult());
        var nextKind = Assert.Throws<CurrencyMismatchException>(() => metrics.ComputeAnalyses(new CrmDataSet { Purchases = purchases[..(refused + 1)], Complaints = FailingAt(Array.Empty<Complaint>(), 0) }, cards));
        var failure = Assert.Throws<InvalidOperationException>(() => metrics.ComputeAnalyses(new CrmDataSet { Purchases = FailingAt(purchases, refused) }, request));

        Assert.Equal(Currency.Usd, refusal.Actual);
        Assert.Equal(Currency.Usd, refusalAsync.Actual);
        Assert.Contains("scorecard", nextKind.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("The source failed at record 9000.", failure.Message);
    }

    [Fact]
    public void Text_names_the_analyses_and_no_customer()
    {
        using var provider = AnalysisSetProperties.Provider(1);
        var results = provider.GetRequiredService<ICrmMetrics>().ComputeAnalyses(new CrmDataSet { Purchases = Purchases }, new AnalysisRequest { Rfm = new RfmOptions(new LocalDate(2026, 3, 31)) });

        Assert.Equal("AnalysisResults { RecordsRead = 4, Scorecards = none, Summary = none, Rfm = 2 customers, Lifecycles = none, Churn = none }", results.ToString());
    }

    /// <summary>The items up to <paramref name="at"/>, then a failure instead of the item there.</summary>
    private static IEnumerable<T> FailingAt<T>(IReadOnlyList<T> items, int at)
    {
        for (var i = 0; ; i++)
        {
            if (i == at)
            {
                throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The source failed at record {i}."));
            }

            yield return items[i];
        }
    }

    private sealed class Inline(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>A sequence that counts how often it is enumerated.</summary>
    private sealed class Counted<T>(IEnumerable<T> items) : IEnumerable<T>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<T> GetEnumerator()
        {
            Enumerations++;
            return items.GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
