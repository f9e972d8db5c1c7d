using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>Summaries from purchases: hand-computed fixtures, CDNOW against its shipped file, and a naive re-computation.</summary>
public class CustomerBaseSummaryTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static Purchase Sale(string customer, int month, int day, int hour, decimal amount) =>
        Purchase.Sale(new CustomerId(customer), Instant.FromUtc(2024, month, day, hour, 0), new Money(amount, Currency.Eur));

    [Fact]
    public void A_hand_computed_summary_with_holdout()
    {
        Purchase[] purchases =
        [
            Sale("a", 1, 1, 10, 20m),
            Sale("a", 1, 1, 15, 5m), // same day as the first: one purchase of 25
            Sale("a", 1, 8, 9, 0m), // a zero-amount sale is a purchase
            Purchase.Refund(new CustomerId("a"), Instant.FromUtc(2024, 1, 15, 9, 0), new Money(5m, Currency.Eur)), // not a purchase
            Sale("a", 1, 29, 9, 10m),
            Sale("a", 1, 29, 11, 20m), // on the calibration end: counts, one purchase of 30
            Sale("a", 2, 5, 9, 7m), // holdout
            Sale("a", 2, 5, 12, 7m), // holdout, same day
            Sale("a", 3, 1, 9, 7m), // after the holdout end: not read
            Sale("b", 2, 1, 9, 50m), // first purchase after the calibration end: not in the summary
            Sale("c", 1, 22, 9, 40m),
        ];

        var summary = CustomerBaseSummary.FromPurchases(purchases, new SummaryOptions(new LocalDate(2024, 1, 29)) { HoldoutEnd = new LocalDate(2024, 2, 29) });

        // a: purchase days 01-01 (first), 01-08, 01-29 → x = 2; t_x = 28 days = 4 weeks; T = 28 days = 4 weeks;
        //    m̄ = (0 + 30) / 2 = 15; holdout: 02-05 → 1.
        // c: one purchase on 01-22 → x = 0, t_x = 0, T = 7 days = 1 week, no m̄; holdout 0.
        Assert.Equal(
            [
                new CustomerSummary(new CustomerId("a"), 2, new BtydRecency(ModelTime.Weeks(4)), ModelTime.Weeks(4), new Money(15m, Currency.Eur), 1),
                new CustomerSummary(new CustomerId("c"), 0, default, ModelTime.Weeks(1), null, 0),
            ],
            summary.Customers);
        Assert.Equal(2, summary.RepeatTransactions);
        Assert.Equal(1, summary.HoldoutRepeatTransactions);
        Assert.Equal(ModelTime.Days(31), summary.HoldoutLength); // 01-30 .. 02-29
        Assert.Equal(1, summary.CustomersFirstBuyingAfterCalibration);
        Assert.Equal(1, summary.RefundsIgnored);
        Assert.Equal(Currency.Eur, summary.Currency);
        Assert.Equal(ModelTime.Days(0), summary.Customers[0].RfmRecency.SinceLastPurchase);
        Assert.Equal(7.0, summary.Customers[1].RfmRecency.Days);
    }

    [Fact]
    public void Local_dates_are_read_in_the_zone()
    {
        // 2024-01-28 23:30 UTC is 2024-01-29 00:30 in Berlin: on the calibration end there, the day before in UTC.
        Purchase[] purchases = [Sale("a", 1, 1, 12, 10m), Purchase.Sale(new CustomerId("a"), Instant.FromUtc(2024, 1, 28, 23, 30), new Money(10m, Currency.Eur))];
        var options = new SummaryOptions(new LocalDate(2024, 1, 29)) { TimeUnit = ModelTimeUnit.Days };

        Assert.Equal(ModelTime.Days(27), CustomerBaseSummary.FromPurchases(purchases, options).Customers[0].Recency.SinceFirstPurchase);
        Assert.Equal(ModelTime.Days(28), CustomerBaseSummary.FromPurchases(purchases, options with { Zone = Berlin }).Customers[0].Recency.SinceFirstPurchase);
    }

    [Fact]
    public void The_CDNOW_summary_equals_the_shipped_file_row_by_row()
    {
        var summary = CdnowData.Summary;
        var mine = summary.Customers.ToDictionary(c => c.CustomerId.Value);

        Assert.Equal(2357, summary.Customers.Count);
        Assert.Equal(2457, summary.RepeatTransactions);
        Assert.Equal(946, summary.Customers.Count(c => c.Frequency > 0));
        foreach (var row in CdnowData.PublishedRows())
        {
            var c = mine[row.Id];
            Assert.Equal((row.X, row.Tx, row.T), (c.Frequency, Math.Round(c.Recency.In(ModelTimeUnit.Weeks), 2), Math.Round(c.Age.ToUnit(ModelTimeUnit.Weeks), 2)));
            Assert.Equal(row.X > 0 ? row.Zbar : (decimal?)null, c.MeanRepeatValue is { } m ? Math.Round(m.Amount, 2, MidpointRounding.AwayFromZero) : null);
        }
    }

    [Fact]
    public async Task The_async_summary_equals_the_synchronous_one()
    {
        var options = new SummaryOptions(CdnowData.CalibrationEnd) { HoldoutEnd = CdnowData.HoldoutEnd };
        var summary = await CustomerBaseSummary.FromPurchasesAsync(Stream(CdnowData.Purchases), options);

        Assert.Equal(CdnowData.Summary.Customers, summary.Customers);

        static async IAsyncEnumerable<Purchase> Stream(IEnumerable<Purchase> purchases)
        {
            foreach (var p in purchases)
            {
                await Task.Yield();
                yield return p;
            }
        }
    }

    [Fact]
    public void Bad_input_is_refused_with_the_rule_named()
    {
        var end = new LocalDate(2024, 1, 29);
        Assert.Throws<ArgumentException>("options", () => CustomerBaseSummary.FromPurchases([], new SummaryOptions(end) { HoldoutEnd = end }));
        Assert.Throws<ArgumentException>("options", () => CustomerBaseSummary.FromPurchases([], new SummaryOptions(end) { Zone = null! }));
        Assert.Throws<ArgumentOutOfRangeException>("options", () => CustomerBaseSummary.FromPurchases([], new SummaryOptions(end) { TimeUnit = (ModelTimeUnit)5 }));
        Assert.Throws<CurrencyMismatchException>(() => CustomerBaseSummary.FromPurchases([Sale("a", 1, 1, 1, 1m), Purchase.Sale(new CustomerId("a"), Instant.FromUtc(2024, 1, 2, 0, 0), new Money(1m, Currency.Usd))], new SummaryOptions(end)));
        Assert.Throws<ArgumentException>("purchases", () => CustomerBaseSummary.FromPurchases([null!], new SummaryOptions(end)));

        // The summary's own rules.
        var id = new CustomerId("a");
        Assert.Throws<ArgumentException>("recency", () => new CustomerSummary(id, 1, new BtydRecency(ModelTime.Weeks(5)), ModelTime.Weeks(4)));
        Assert.Throws<ArgumentException>("recency", () => new CustomerSummary(id, 0, new BtydRecency(ModelTime.Weeks(1)), ModelTime.Weeks(4)));
        Assert.Throws<ArgumentException>("meanRepeatValue", () => new CustomerSummary(id, 0, default, ModelTime.Weeks(4), new Money(1m, Currency.Eur)));
        Assert.Throws<ArgumentOutOfRangeException>("frequency", () => new CustomerSummary(id, -1, default, ModelTime.Weeks(4)));
        Assert.Throws<ArgumentException>("customerId", () => new CustomerSummary(default, 0, default, ModelTime.Weeks(4)));
        Assert.Throws<ArgumentOutOfRangeException>("weeks", () => ModelTime.Weeks(-1));
        Assert.Throws<ArgumentOutOfRangeException>("days", () => ModelTime.Days(double.NaN));

        // A caller's own summaries: one row per customer, holdout values exactly when a holdout end is set.
        var row = new CustomerSummary(id, 0, default, ModelTime.Weeks(4));
        Assert.Throws<ArgumentException>("customers", () => CustomerBaseSummary.FromSummaries([row, row], new SummaryOptions(end)));
        Assert.Throws<ArgumentException>("customers", () => CustomerBaseSummary.FromSummaries([row], new SummaryOptions(end) { HoldoutEnd = end.PlusDays(7) }));
    }

    [Fact]
    public void Model_times_in_days_and_weeks_are_one_quantity()
    {
        Assert.Equal(ModelTime.Weeks(2), ModelTime.Days(14));
        Assert.True(ModelTime.Days(6) < ModelTime.Weeks(1));
        Assert.Equal(ModelTime.Days(7), ModelTime.Weeks(3) - ModelTime.Days(14));
        Assert.Equal(3.0, (ModelTime.Weeks(3) - ModelTime.Days(0)).Value);
        Assert.Throws<ArgumentOutOfRangeException>("right", () => ModelTime.Days(1) - ModelTime.Weeks(1));
        Assert.Equal("38.857 weeks", ModelTime.Weeks(272 / 7.0).ToString());
    }

    /// <summary>A few customers, purchases within 60 days either side of the calibration end (hours, so same-day ones occur).</summary>
    public static Arbitrary<Purchase[]> Logs()
    {
        var purchase =
            from customer in Gen.Elements("a", "b", "c", "d", "e")
            from hours in Gen.Choose(-60 * 24, 60 * 24)
            from cents in Gen.Choose(0, 10_000)
            from refund in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
            let at = Instant.FromUtc(2024, 3, 31, 12, 0) + Duration.FromHours(hours)
            let amount = new Money(cents / 100m, Currency.Eur)
            select refund ? Purchase.Refund(new CustomerId(customer), at, amount) : Purchase.Sale(new CustomerId(customer), at, amount);
        return purchase.ArrayOf().ToArbitrary();
    }

    [Property(Arbitrary = [typeof(CustomerBaseSummaryTests)], MaxTest = 200)]
    public void The_summary_equals_a_naive_recomputation_in_any_order(Purchase[] purchases, bool shuffle)
    {
        // Calibration ends on the day Berlin switches to summer time; holdout one month.
        var options = new SummaryOptions(new LocalDate(2024, 3, 31)) { HoldoutEnd = new LocalDate(2024, 4, 30), Zone = Berlin, TimeUnit = ModelTimeUnit.Days };
        var input = shuffle ? purchases.Reverse().ToArray() : purchases;

        var summary = CustomerBaseSummary.FromPurchases(input, options);

        var naive = purchases.Where(p => p.IsSale)
            .GroupBy(p => p.CustomerId)
            .Select(g => (Id: g.Key, Days: g.GroupBy(p => p.OccurredAt.InZone(Berlin).Date).OrderBy(d => d.Key).Select(d => (Date: d.Key, Value: d.Sum(p => p.Amount.Amount))).ToList()))
            .Where(c => c.Days[0].Date <= options.CalibrationEnd)
            .ToDictionary(c => c.Id, c =>
            {
                var first = c.Days[0].Date;
                var repeats = c.Days.Skip(1).Where(d => d.Date <= options.CalibrationEnd).ToList();
                var last = repeats.Count > 0 ? repeats[^1].Date : first;
                return new CustomerSummary(
                    c.Id,
                    repeats.Count,
                    new BtydRecency(ModelTime.Days(Period.DaysBetween(first, last))),
                    ModelTime.Days(Period.DaysBetween(first, options.CalibrationEnd)),
                    repeats.Count > 0 ? new Money(repeats.Sum(d => d.Value) / repeats.Count, Currency.Eur) : null,
                    c.Days.Count(d => d.Date > options.CalibrationEnd && d.Date <= options.HoldoutEnd));
            });

        Assert.Equal(naive.Count, summary.Customers.Count);
        Assert.All(summary.Customers, c => Assert.Equal(naive[c.CustomerId], c));
        Assert.Equal(naive.Values.Sum(c => c.Frequency), summary.RepeatTransactions);
        Assert.Equal(purchases.Count(p => !p.IsSale), summary.RefundsIgnored);
        Assert.Equal(purchases.Where(p => p.IsSale).Select(p => p.CustomerId).Distinct().Count() - naive.Count, summary.CustomersFirstBuyingAfterCalibration);
    }

    /// <summary>
    /// The customers a condition keeps: every n-th from the r-th in the summary's order, or those a spend model can
    /// value, of a large read with and without a holdout.
    /// </summary>
    [Property(MaxTest = 25)]
    public void Where_keeps_the_rows_and_totals_that_FromSummaries_gives_for_them(PositiveInt seed, PositiveInt every, NonNegativeInt from, bool holdout, bool valuable)
    {
        var period = ReportingPeriod.Month(2020, 2, Berlin);
        var purchases = LargeData.Purchases(period, seed.Get, "w", count: 3_000);
        var options = new SummaryOptions(new LocalDate(2020, 1, 31)) { HoldoutEnd = holdout ? new LocalDate(2020, 3, 1) : null, Zone = Berlin };
        var summary = CustomerBaseSummary.FromPurchases(purchases, options);
        var step = (every.Get % 7) + 1;
        var start = from.Get % step;
        var position = 0;
        bool Keep(CustomerSummary c) => valuable ? c.Frequency == 0 || c.MeanRepeatValue is { Amount: > 0 } : position++ % step == start;

        var kept = summary.Where(Keep);
        position = 0;
        var rows = summary.Customers.Where(Keep).ToList();

        Assert.Equal(rows, kept.Customers);
        Assert.Equal(rows.Sum(c => (long)c.Frequency), kept.RepeatTransactions);
        Assert.Equal(holdout ? rows.Sum(c => (long)c.HoldoutFrequency!.Value) : null, kept.HoldoutRepeatTransactions);
        Assert.Equal(summary.Options, kept.Options);
        Assert.Equal(summary.Currency, kept.Currency);
        Assert.Equal(summary.RefundsIgnored, kept.RefundsIgnored);
        Assert.Equal(summary.CustomersFirstBuyingAfterCalibration, kept.CustomersFirstBuyingAfterCalibration);
        if (rows.Count > 0)
        {
            var checkedAgain = CustomerBaseSummary.FromSummaries(rows, options);
            Assert.Equal(checkedAgain.Customers, kept.Customers);
            Assert.Equal(checkedAgain.RepeatTransactions, kept.RepeatTransactions);
            Assert.Equal(checkedAgain.HoldoutRepeatTransactions, kept.HoldoutRepeatTransactions);
        }

        Assert.True(kept.TryGetCustomer(rows.Count > 0 ? rows[^1].CustomerId : new CustomerId("none"), out _) == rows.Count > 0);
    }

    [Fact]
    public void Where_refuses_no_condition_and_keeps_none_when_none_passes()
    {
        var summary = CustomerBaseSummary.FromPurchases([Sale("a", 1, 1, 10, 20m), Sale("a", 1, 8, 9, 5m)], new SummaryOptions(new LocalDate(2024, 1, 29)));

        Assert.Equal("predicate", Assert.Throws<ArgumentNullException>(() => summary.Where(null!)).ParamName);
        var none = summary.Where(_ => false);
        Assert.Empty(none.Customers);
        Assert.Equal(0, none.RepeatTransactions);
        Assert.Equal(Currency.Eur, none.Currency);
    }
}
