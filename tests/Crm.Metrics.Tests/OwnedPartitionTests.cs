using Crm.Domain.Activity;
using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Crm.Metrics.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>
/// The summary and RFM over indexed purchases, each partition of the customers applied by the one thread that owns
/// it: the result, the customers' order, the currency, the errors and the progress are those of one pass in input
/// order, whatever the threads, the chunks and the parts.
/// </summary>
public class OwnedPartitionTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly SummaryOptions Summary = new(new LocalDate(2020, 1, 20)) { HoldoutEnd = new LocalDate(2020, 2, 20), Zone = Berlin };
    private static readonly RfmOptions Rfm = new(new LocalDate(2020, 2, 10)) { Zone = Berlin, LookBackDays = 40 };

    /// <summary>Purchases of up to 40 customers over 70 days around the calibration end (some refunds), cut into parts, with a thread count and a chunk size.</summary>
    public static Arbitrary<Input> Inputs()
    {
        var purchase =
            from customer in Gen.Choose(0, 39)
            from hour in Gen.Choose(0, 70 * 24)
            from cents in Gen.Choose(0, 100_000)
            from refund in Gen.Choose(0, 9)
            select refund == 0
                ? Purchase.Refund(Id(customer), Start + Duration.FromHours(hour), new Money(cents / 100m, Currency.Eur))
                : Purchase.Sale(Id(customer), Start + Duration.FromHours(hour), new Money(cents / 100m, Currency.Eur));
        var gen =
            from purchases in purchase.ListOf().Select(l => l.ToArray())
            from cuts in Gen.Choose(0, purchases.Length).ArrayOf(2)
            from threads in Gen.Choose(1, 3)
            from chunk in Gen.Choose(1, 40)
            select new Input(purchases, [.. cuts.Order()], threads, chunk);
        return gen.ToArbitrary();
    }

    [Property(Arbitrary = new[] { typeof(OwnedPartitionTests) }, MaxTest = 200)]
    public void The_summary_of_owned_partitions_equals_one_pass_in_order(Input input)
    {
        using var onePass = new CustomerBaseSummaryAccumulator(Summary);
        onePass.AddRange(input.Purchases);
        var expected = onePass.Result();

        var owned = CustomerBaseSummaryAccumulator.Summarise(Parts(input), Summary, null, input.Threads, "purchases", input.Chunk);

        Assert.Equal(Snapshot.Of(expected), Snapshot.Of(owned));
        Assert.Equal(Snapshot.Of(expected.Customers), Snapshot.Of(owned.Customers));
        Assert.Equal(expected.RefundsIgnored, owned.RefundsIgnored);
        Assert.Equal(expected.Currency, owned.Currency);
        Assert.Equal(expected.RepeatsOnDay, owned.RepeatsOnDay); // the holdout tracking curve's repeat days
        Assert.Equal(expected.RepeatsOnDay is null ? 0 : expected.RepeatsFromDay, owned.RepeatsOnDay is null ? 0 : owned.RepeatsFromDay);
    }

    [Property(Arbitrary = new[] { typeof(OwnedPartitionTests) }, MaxTest = 200)]
    public void Rfm_of_owned_partitions_equals_one_pass_in_order(Input input)
    {
        using var onePass = new RfmAccumulator(Rfm);
        onePass.AddRange(input.Purchases);

        var owned = RfmAccumulator.Analyse(Parts(input), Rfm, null, input.Threads, "purchases", input.Chunk);

        Assert.Equal(Snapshot.Of(onePass.Result()), Snapshot.Of(owned));
    }

    [Fact]
    public void Large_arrays_lists_segments_and_mixed_parts_give_the_summary_and_rfm_of_one_pass()
    {
        var purchases = LargeData.Purchases(ReportingPeriod.Month(2020, 2, Berlin), 11, "o", 300_000);
        using var onePass = new CustomerBaseSummaryAccumulator(Summary);
        onePass.AddRange(purchases);
        var summary = Snapshot.Of(onePass.Result().Customers);
        using var rfmPass = new RfmAccumulator(Rfm);
        rfmPass.AddRange(purchases);
        var rfm = Snapshot.Of(rfmPass.Result());
        Assert.NotNull(OwnedPartitions.Indexed([purchases]));

        var padded = purchases.Take(1_000).Concat(purchases).ToArray();
        IEnumerable<Purchase>[] forms = [purchases, purchases.ToArray(), new ArraySegment<Purchase>(padded, 1_000, purchases.Count)];
        foreach (var form in forms)
        {
            Assert.Equal(summary, Snapshot.Of(CustomerBaseSummary.FromPurchases(form, Summary).Customers));
            Assert.Equal(rfm, Snapshot.Of(RfmAnalysis.Compute(form, Rfm)));
        }

        IReadOnlyList<IEnumerable<Purchase>> mixed = [purchases.Take(70_000).ToArray(), purchases.Skip(70_000).Take(100_000).ToList(), new ArraySegment<Purchase>(padded, 171_000, 130_000)];
        Assert.NotNull(OwnedPartitions.Indexed(mixed));
        Assert.Equal(summary, Snapshot.Of(CustomerBaseSummary.FromPartitions(mixed, Summary).Customers));
        Assert.Equal(rfm, Snapshot.Of(RfmAnalysis.ComputeFromPartitions(mixed, Rfm)));
    }

    [Theory]
    [InlineData(0, 250_000)]   // the first sale sets EUR; a USD sale far on
    [InlineData(250_000, 5)]   // the first sale is USD; the second record is EUR
    [InlineData(7, 160_000)]   // a USD sale early, in some partition; another later
    public void Several_currencies_fail_as_one_pass_fails_naming_the_first_currency_and_the_first_other(int usdA, int usdB)
    {
        var purchases = LargeData.Purchases(ReportingPeriod.Month(2020, 2, Berlin), 12, "m", 300_000).ToArray();
        foreach (var i in new[] { usdA, usdB })
        {
            purchases[i] = Purchase.Sale(purchases[i].CustomerId, purchases[i].OccurredAt, new Money(3, Currency.Usd));
        }

        if (usdA == 250_000)
        {
            // The first record is a USD sale, everything after it EUR (or one more USD).
            purchases[0] = Purchase.Sale(purchases[0].CustomerId, Instant.FromUtc(2020, 1, 5, 0, 0), new Money(3, Currency.Usd));
        }

        using var onePass = new CustomerBaseSummaryAccumulator(Summary);
        var expected = Assert.Throws<CurrencyMismatchException>(() => onePass.AddRange(purchases));
        var summary = Assert.Throws<CurrencyMismatchException>(() => CustomerBaseSummary.FromPurchases(purchases, Summary));
        Assert.Equal((expected.Expected, expected.Actual, expected.Message), (summary.Expected, summary.Actual, summary.Message));

        using var rfmPass = new RfmAccumulator(new RfmOptions(new LocalDate(2020, 3, 31)) { Zone = Berlin });
        var rfmExpected = Assert.Throws<CurrencyMismatchException>(() => rfmPass.AddRange(purchases));
        var rfm = Assert.Throws<CurrencyMismatchException>(() => RfmAnalysis.Compute(purchases, new RfmOptions(new LocalDate(2020, 3, 31)) { Zone = Berlin }));
        Assert.Equal((rfmExpected.Expected, rfmExpected.Actual), (rfm.Expected, rfm.Actual));
    }

    [Fact]
    public void A_sale_in_another_currency_outside_what_rfm_keeps_is_not_a_mismatch()
    {
        // RFM keeps sales in its window only: a USD sale a year before it is not read as money, as in one pass.
        var purchases = LargeData.Purchases(ReportingPeriod.Month(2020, 2, Berlin), 13, "w", 200_000).ToArray();
        purchases[100_000] = Purchase.Sale(new CustomerId("old"), Instant.FromUtc(2018, 1, 1, 0, 0), new Money(3, Currency.Usd));
        using var onePass = new RfmAccumulator(Rfm);
        onePass.AddRange(purchases);

        Assert.Equal(Snapshot.Of(onePass.Result()), Snapshot.Of(RfmAnalysis.Compute(purchases, Rfm)));
    }

    [Fact]
    public void A_null_record_is_an_ArgumentNullException_naming_the_sequence_and_the_first_null_record()
    {
        var purchases = LargeData.Purchases(ReportingPeriod.Month(2020, 2, Berlin), 14, "n", 200_000).ToArray();
        purchases[190_000] = null!;
        purchases[150_001] = null!;

        var summary = Assert.Throws<ArgumentNullException>(() => CustomerBaseSummary.FromPurchases(purchases, Summary));
        var rfm = Assert.Throws<ArgumentNullException>(() => RfmAnalysis.Compute(purchases, Rfm));

        Assert.Equal("purchases", summary.ParamName);
        Assert.Contains("Record 150001 is null", summary.Message, StringComparison.Ordinal);
        Assert.Equal("purchases", rfm.ParamName);
    }

    [Fact]
    public void Progress_rises_in_order_to_the_number_of_records_and_a_cancelled_token_stops_the_work()
    {
        var purchases = LargeData.Purchases(ReportingPeriod.Month(2020, 2, Berlin), 15, "p", 300_000).ToArray();
        var reports = new List<long>();
        CustomerBaseSummary.FromPurchases(purchases, Summary, new SyncProgress(reports.Add));

        Assert.Equal(purchases.Length, reports[^1]);
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(reports.Count, reports.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, purchases.Length / ProgressWatch.Every).Select(i => (long)i * ProgressWatch.Every), reports.SkipLast(1));

        using var cancel = new CancellationTokenSource();
        var heard = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => RfmAnalysis.Compute(purchases, Rfm, new SyncProgress(_ =>
        {
            if (++heard == 2)
            {
                cancel.Cancel();
            }
        }), cancel.Token));
        Assert.Equal(2, heard);
    }

    [Fact]
    public void Packed_keys_agree_exactly_when_the_ids_are_equal_and_unpacked_ones_when_equal_ids_may_be()
    {
        string[] ids = ["a", "a\0", "\0a", "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "abcdefghijklmnopr", "kunde-ä", "kunde-ö", "x"];
        foreach (var x in ids)
        {
            foreach (var y in ids)
            {
                // Fresh strings: equal ids are different instances, as a reader makes them.
                var (a, b) = (OwnedKey.Of(new CustomerId(new string(x.AsSpan()))), OwnedKey.Of(new CustomerId(new string(y.AsSpan()))));
                Assert.Equal(x.Length <= 16 && x.All(char.IsAscii), a.IsPacked);

                // Unpacked keys of different ids differ in their hash codes here (they could collide: then the
                // table compares the ids' strings, see the next test).
                Assert.Equal(x == y, a.Agrees(in b));
            }
        }
    }

    [Theory]
    [InlineData(12)] // packed into the key
    [InlineData(20)] // compared as strings
    public void Keys_of_ids_whose_hash_codes_collide_differ_when_packed_and_leave_unpacked_ids_to_their_strings(int length)
    {
        var pair = OwnedKeyTableTests.CollidingIds(length);
        var (a, b) = (OwnedKey.Of(new CustomerId(pair.A)), OwnedKey.Of(new CustomerId(pair.B)));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(length > 16, a.Agrees(in b)); // unpacked keys of one length and hash agree: the table compares the strings (OwnedKeyTableTests)
        Assert.True(a.Agrees(OwnedKey.Of(new CustomerId(new string(pair.A.AsSpan())))));
    }

    [Fact]
    public void Currencies_are_numbered_apart_and_each_number_fits_beside_the_sale_flag()
    {
        var seen = new HashSet<int>();
        var entry = default(OwnedEntry);
        foreach (var a in Letters())
        {
            foreach (var b in Letters())
            {
                foreach (var c in Letters())
                {
                    var number = OwnedEntry.CodeOf(new Currency(new string([a, b, c])));
                    Assert.InRange(number, 1, OwnedEntry.CurrencyCodes - 1);
                    Assert.True(seen.Add(number));
                    entry.SetKind(number, isSale: c % 2 == 0);
                    Assert.Equal((number, c % 2 == 0), (entry.CurrencyCode, entry.IsSale));
                }
            }
        }

        Assert.Equal(0, OwnedEntry.CodeOf(default));
        static IEnumerable<char> Letters() => Enumerable.Range('A', 26).Select(c => (char)c);
    }

    private static OwnedPartitions.Part[] Parts(Input input)
    {
        var (a, b) = (input.Cuts[0], input.Cuts[1]);
        var list = input.Purchases.ToList();
        IEnumerable<Purchase>[] sources = [input.Purchases[..a], list.GetRange(a, b - a), new ArraySegment<Purchase>(input.Purchases, b, input.Purchases.Length - b)];
        return OwnedPartitions.Indexed(sources, threshold: 0)!;
    }

    private static readonly Instant Start = Instant.FromUtc(2019, 12, 20, 0, 0);

    /// <summary>Short ASCII ids, long ids that differ only after their 16th character, ids with other characters, and ids ending in a zero character.</summary>
    private static CustomerId Id(int customer)
    {
        var n = customer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new((customer % 4) switch
        {
            0 => "k" + n,
            1 => "customer-number-" + n,
            2 => "kunde-ä-" + n,
            _ => "z" + n + "\0",
        });
    }

    /// <summary>Generated purchases, two cut points into three parts (an array, a list, an array segment), threads and a chunk size.</summary>
    public sealed record Input(Purchase[] Purchases, int[] Cuts, int Threads, int Chunk)
    {
        public override string ToString() => $"{Purchases.Length} purchases, cuts {Cuts[0]}/{Cuts[1]}, {Threads} threads, chunks of {Chunk}";
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
