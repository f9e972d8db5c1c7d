using Crm.Domain.Activity;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace Crm.Metrics.Tests.Integrity;

/// <summary>
/// Overflow is one documented error; partitions equal one pass whatever the currencies; a disposed accumulator says so.
/// </summary>
public class OverflowAndPartitionTests
{
    private static readonly ReportingPeriod Period = ReportingPeriod.Month(2020, 1, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);

    private static Instant At(int day) => Instant.FromUtc(2020, 1, day, 12, 0);

    private static ICrmMetrics Metrics(IExchangeRateProvider? rates = null, int parallelism = -1)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        if (rates is not null)
        {
            services.AddSingleton(rates);
        }

        services.AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = parallelism);
        return services.BuildServiceProvider().GetRequiredService<ICrmMetrics>();
    }

    [Fact]
    public void Sums_beyond_the_decimal_range_in_a_scorecard_are_an_amount_overflow_naming_the_currency()
    {
        var metrics = Metrics();
        var max = new Money(decimal.MaxValue, Currency.Eur);
        CrmDataSet[] overflowing =
        [
            new() { Purchases = [Purchase.Sale(new CustomerId("a"), At(3), max), Purchase.Sale(new CustomerId("a"), At(4), max)] },
            new() { Purchases = [Purchase.Sale(new CustomerId("a"), At(3), max), Purchase.Sale(new CustomerId("b"), At(4), max)] },
            new() { Purchases = [Purchase.Sale(new CustomerId("a"), Instant.FromUtc(2019, 12, 3, 0, 0), max), Purchase.Sale(new CustomerId("b"), Instant.FromUtc(2019, 12, 4, 0, 0), max)] },
            new() { Costs = [new(CostKind.Acquisition, max, new DateInterval(new LocalDate(2020, 1, 1), new LocalDate(2020, 1, 1))), new(CostKind.Acquisition, max, new DateInterval(new LocalDate(2020, 1, 2), new LocalDate(2020, 1, 2)))] },
            new() { Costs = [new(CostKind.Acquisition, max, new DateInterval(new LocalDate(2020, 1, 1), new LocalDate(2020, 1, 1))), new(CostKind.Retention, max, new DateInterval(new LocalDate(2020, 1, 2), new LocalDate(2020, 1, 2)))] },
        ];
        foreach (var data in overflowing)
        {
            var error = Assert.Throws<AmountOverflowException>(() => metrics.ComputeScorecard(data, Period));
            Assert.Equal(Currency.Eur, error.Currency);
            Assert.Throws<AmountOverflowException>(() => metrics.ComputeScorecardFromPartitions([data, new CrmDataSet()], Period));
            Assert.Equal(Currency.Eur, Assert.Throws<AmountOverflowException>(() => metrics.ComputeScorecards(data, [Period.Previous(), Period])).Currency);
        }

        Purchase[] twoCustomers = [Purchase.Sale(new CustomerId("a"), At(3), max), Purchase.Sale(new CustomerId("b"), At(4), max)];
        Assert.Throws<AmountOverflowException>(() => RfmAnalysis.Compute(twoCustomers, new RfmOptions(new LocalDate(2020, 1, 31))));
        var loyalty = new Loyalty.PurchaseAccumulator(Period, currency: Currency.Eur);
        loyalty.Add(twoCustomers[0]);
        loyalty.Add(twoCustomers[1]);
        Assert.Throws<AmountOverflowException>(() => loyalty.LoyaltyResult(Currency.Eur));
        Assert.Throws<AmountOverflowException>(() => ValueTierAnalysis.Compute([KeyValuePair.Create(new CustomerId("a"), decimal.MaxValue), KeyValuePair.Create(new CustomerId("b"), decimal.MaxValue)]));
        Assert.Throws<AmountOverflowException>(() => LifetimeValue.Simple(max, 0.999999, 0));
    }

    [Fact]
    public void A_purchase_that_overflows_its_customer_is_refused_whole_and_the_others_stand()
    {
        var accumulator = new ScorecardAccumulator(Period, new ScorecardSettings { Currency = Currency.Eur });
        var max = new Money(decimal.MaxValue, Currency.Eur);
        accumulator.Add(Purchase.Sale(new CustomerId("a"), At(3), max));
        accumulator.Add(Purchase.Sale(new CustomerId("a"), At(4), max));
        accumulator.Add(Purchase.Sale(new CustomerId("b"), At(5), new Money(10m, Currency.Eur)));
        Assert.Throws<AmountOverflowException>(() => accumulator.ToState());

        // Refused once: the state now holds a's first sale and b's, and no half of a's second.
        var row = accumulator.ToState().Purchases.Customers.Single(c => c.Id == "a");
        Assert.Equal((decimal.MaxValue, 1, decimal.MaxValue), (row.PeriodSalesAmount, row.PeriodSales, row.LifetimeNet));
        Assert.Equal(10m, accumulator.ToState().Purchases.Customers.Single(c => c.Id == "b").PeriodSalesAmount);
    }

    [Fact]
    public void A_merge_after_new_records_checks_the_sums_again_and_refuses_an_overflow_whole()
    {
        // A merge keeps a bound of the largest sums for the next merge; a record added in between must not be missed.
        var a = new CustomerId("a");
        var near = new Money(decimal.MaxValue - 20m, Currency.Eur);
        var ten = new Money(10m, Currency.Eur);
        var hundred = new Money(100m, Currency.Eur);
        var settings = new ScorecardSettings { Currency = Currency.Eur };

        using var scorecard = new ScorecardAccumulator(Period, settings);
        using (var first = new ScorecardAccumulator(Period, settings))
        {
            first.Add(Purchase.Sale(a, At(3), ten));
            scorecard.Merge(first);
        }

        scorecard.Add(Purchase.Sale(a, At(5), near));
        using (var second = new ScorecardAccumulator(Period, settings))
        {
            second.Add(Purchase.Sale(a, At(6), hundred));
            Assert.Throws<AmountOverflowException>(() => scorecard.Merge(second));
        }

        Assert.Equal(decimal.MaxValue - 10m, scorecard.ToState().Purchases.Customers.Single().LifetimeNet);

        var summaryOptions = new SummaryOptions(new LocalDate(2020, 1, 31)) { Zone = Period.Zone };
        using var summary = new CustomerBaseSummaryAccumulator(summaryOptions);
        using (var first = new CustomerBaseSummaryAccumulator(summaryOptions))
        {
            first.Add(Purchase.Sale(a, At(3), ten));
            summary.Merge(first);
        }

        summary.Add(Purchase.Sale(a, At(5), near));
        using (var second = new CustomerBaseSummaryAccumulator(summaryOptions))
        {
            second.Add(Purchase.Sale(a, At(6), hundred));
            Assert.Throws<AmountOverflowException>(() => summary.Merge(second));
        }

        Assert.Equal(decimal.MaxValue - 10m, summary.ToState().Customers.Single().CalibrationTotal);

        var rfmOptions = new RfmOptions(new LocalDate(2020, 1, 31)) { Zone = Period.Zone };
        using var rfm = new RfmAccumulator(rfmOptions);
        using (var first = new RfmAccumulator(rfmOptions))
        {
            first.Add(Purchase.Sale(a, At(3), ten));
            rfm.Merge(first);
        }

        rfm.Add(Purchase.Sale(a, At(5), near));
        using (var second = new RfmAccumulator(rfmOptions))
        {
            second.Add(Purchase.Sale(a, At(6), hundred));
            Assert.Throws<AmountOverflowException>(() => rfm.Merge(second));
        }

        Assert.Equal(decimal.MaxValue - 10m, rfm.ToState().Customers.Single().Total);
    }

    [Fact]
    public void Many_merges_of_large_sums_into_one_accumulator_still_merge_what_fits()
    {
        // Each partition's customer holds a third of the range: the kept bound (a sum of bounds) soon exceeds the
        // range although no customer's sum does; the merges must still be accepted.
        var third = new Money(decimal.MaxValue / 3, Currency.Eur);
        var settings = new ScorecardSettings { Currency = Currency.Eur };
        using var total = new ScorecardAccumulator(Period, settings);
        for (var i = 0; i < 6; i++)
        {
            using var part = new ScorecardAccumulator(Period, settings);
            part.Add(Purchase.Sale(new CustomerId("c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), At(3), third));
            total.Merge(part);
        }

        Assert.Equal(6, total.ToState().Purchases.Customers.Count);
        Assert.All(total.ToState().Purchases.Customers, c => Assert.Equal(decimal.MaxValue / 3, c.LifetimeNet));
    }

    /// <summary>Rates that depend on both currencies and the day, so any conversion in the wrong place shows.</summary>
    private sealed class DayRates : IExchangeRateProvider
    {
        public decimal GetRate(Currency source, Currency target, LocalDate day) =>
            (1m + Array.IndexOf(Crm.Testing.CrmGen.Currencies, source) + (day.Day / 100m)) / (1m + Array.IndexOf(Crm.Testing.CrmGen.Currencies, target));
    }

    private sealed class NinetyCents : IExchangeRateProvider
    {
        public decimal GetRate(Currency source, Currency target, LocalDate day) => source == Currency.Usd && target == Currency.Eur ? 0.9m : 1m / 0.9m;
    }

    [Fact]
    public void Partitions_in_two_currencies_with_rates_give_what_one_pass_gives()
    {
        var metrics = Metrics(new NinetyCents());
        var eur = Purchase.Sale(new CustomerId("a"), At(10), new Money(10m, Currency.Eur));
        var usd = Purchase.Sale(new CustomerId("b"), At(11), new Money(10m, Currency.Usd));
        var whole = metrics.ComputeScorecard(new CrmDataSet { Purchases = [eur, usd] }, Period);
        var partitioned = metrics.ComputeScorecardFromPartitions([new() { Purchases = [eur] }, new() { Purchases = [usd] }], Period);

        Assert.Equal(new Money(19.0m, Currency.Eur), whole.Loyalty.Revenue);
        Assert.Equal(Snapshot.Of(whole), Snapshot.Of(partitioned));

        // The first partition without purchases: the currency is still the first met in partition order.
        var later = metrics.ComputeScorecardFromPartitions([new() { SurveyResponses = [] }, new() { Purchases = [usd] }, new() { Purchases = [eur] }], Period);
        Assert.Equal(Snapshot.Of(metrics.ComputeScorecard(new CrmDataSet { SurveyResponses = [], Purchases = [usd, eur] }, Period)), Snapshot.Of(later));
        Assert.Equal(Currency.Usd, later.Currency);
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 60)]
    public void Partitions_in_several_currencies_with_rates_and_no_currency_equal_one_pass((CrmDataSet Data, int[] Parts) input, bool streamed)
    {
        // Each purchase and cost in one of four currencies, chosen from its index and partition.
        var k = 0;
        Currency Pick() => Crm.Testing.CrmGen.Currencies[((k * 7) + input.Parts[k++ % input.Parts.Length]) % 4];
        var purchases = input.Data.Purchases!.Select(p =>
        {
            var currency = Pick();
            return new Purchase(p.CustomerId, p.OccurredAt, p.Kind, new Money(p.Amount.Amount, currency), p.Channel, p.Cost is { } c ? new Money(c.Amount, currency) : null);
        }).ToList();
        var costs = input.Data.Costs!.Select(e => new CostEntry(e.Kind, new Money(e.Amount.Amount, Pick()), e.Period)).ToList();
        var data = input.Data with { Purchases = purchases, Costs = costs };
        var parts = input.Parts;

        var partitions = Enumerable.Range(0, 4).Select(p => new CrmDataSet
        {
            Purchases = streamed ? purchases.Where((_, i) => parts[i % parts.Length] == p).Select(x => x) : [.. purchases.Where((_, i) => parts[i % parts.Length] == p)],
            Costs = [.. costs.Where((_, i) => parts[(i + 3) % parts.Length] == p)],
            SurveyResponses = p == 0 ? data.SurveyResponses : [],
            Complaints = p == 1 ? data.Complaints : [],
            Feedback = p == 2 ? data.Feedback : [],
            Leads = p == 3 ? data.Leads : [],
        }).ToArray();

        // One pass over the partitions one after the other.
        var concatenated = new CrmDataSet
        {
            Purchases = [.. partitions.SelectMany(p => p.Purchases!)],
            Costs = [.. partitions.SelectMany(p => p.Costs!)],
            SurveyResponses = data.SurveyResponses,
            Complaints = data.Complaints,
            Feedback = data.Feedback,
            Leads = data.Leads,
        };
        var settings = new ScorecardSettings { Funnel = Crm.Testing.CrmGen.Funnel };
        foreach (var metrics in new[] { Metrics(new DayRates(), 1), Metrics(new DayRates(), 2) })
        {
            Assert.Equal(Snapshot.Of(metrics.ComputeScorecard(concatenated, Period, settings)), Snapshot.Of(metrics.ComputeScorecardFromPartitions(partitions, Period, settings)));
        }
    }

    [Fact]
    public void Any_use_of_a_disposed_accumulator_is_an_object_disposed_exception()
    {
        var sale = Purchase.Sale(new CustomerId("a"), At(3), new Money(5m, Currency.Eur));
        var scorecard = new ScorecardAccumulator(Period);
        scorecard.Add(sale);
        var state = scorecard.ToState();
        scorecard.Dispose();
        scorecard.Dispose();
        Assert.Throws<ObjectDisposedException>(() => scorecard.Add(sale));
        Assert.Throws<ObjectDisposedException>(() => scorecard.AddRange(new CrmDataSet { Purchases = [sale] }));
        Assert.Throws<ObjectDisposedException>(() => scorecard.Result(Now));
        Assert.Throws<ObjectDisposedException>(() => scorecard.ToState());
        Assert.Throws<ObjectDisposedException>(() => scorecard.Merge(state));
        Assert.Throws<ObjectDisposedException>(() => scorecard.MarkSupplied(DataSources.Costs));
        Assert.Throws<ObjectDisposedException>(() => new ScorecardAccumulator(Period).Merge(scorecard));

        var summary = new CustomerBaseSummaryAccumulator(new SummaryOptions(new LocalDate(2020, 1, 31)));
        summary.Add(sale);
        var summaryState = summary.ToState();
        summary.Dispose();
        Assert.Throws<ObjectDisposedException>(() => summary.Add(sale));
        Assert.Throws<ObjectDisposedException>(() => summary.AddRange([sale]));
        Assert.Throws<ObjectDisposedException>(() => summary.Result());
        Assert.Throws<ObjectDisposedException>(() => summary.ToState());
        Assert.Throws<ObjectDisposedException>(() => summary.Merge(summaryState));

        var rfm = new RfmAccumulator(new RfmOptions(new LocalDate(2020, 1, 31)));
        rfm.Add(sale);
        var rfmState = rfm.ToState();
        rfm.Dispose();
        Assert.Throws<ObjectDisposedException>(() => rfm.Add(sale));
        Assert.Throws<ObjectDisposedException>(() => rfm.AddRange([sale]));
        Assert.Throws<ObjectDisposedException>(() => rfm.Result());
        Assert.Throws<ObjectDisposedException>(() => rfm.ToState());
        Assert.Throws<ObjectDisposedException>(() => rfm.Merge(rfmState));
    }
}
