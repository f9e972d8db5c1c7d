using System.Globalization;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Orleans.Wire;
using Crm.Metrics.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Orleans.Tests;

/// <summary>
/// The packed customer rows of the states on the wire: any row — extreme numbers, every decimal bit pattern, null
/// members and null rows, ids with any UTF-16 code units — reads back exactly as written, and bytes that were cut,
/// padded or forged are refused with an <see cref="ArgumentException"/> naming the row's field, never read as a
/// partial or altered row.
/// </summary>
public class PackedRowsProperties
{
    private static readonly Gen<uint> Word =
        from high in Gen.Choose(0, 0xFFFF) from low in Gen.Choose(0, 0xFFFF) select ((uint)high << 16) | (uint)low;

    private static readonly Gen<long> Long = Gen.Frequency(
        (3, Gen.Choose(-1000, 1000).Select(i => (long)i)),
        (2, from high in Word from low in Word select (long)(((ulong)high << 32) | low)),
        (1, Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L, 1L)));

    private static readonly Gen<int> Int = Gen.Frequency(
        (3, Gen.Choose(-1000, 1000)),
        (2, Word.Select(w => (int)w)),
        (1, Gen.Elements(int.MinValue, int.MaxValue, 0, -1)));

    private static readonly Gen<decimal> Decimal = Gen.Frequency(
        (3, Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 100m)),
        (3, from low in Word
            from mid in Gen.Frequency((1, Gen.Constant(0u)), (2, Word))
            from high in Gen.Frequency((1, Gen.Constant(0u)), (2, Word))
            from negative in Gen.Elements(false, true)
            from scale in Gen.Choose(0, 28)
            select new decimal((int)low, (int)mid, (int)high, negative, (byte)scale)),
        (1, Gen.Elements(decimal.MaxValue, decimal.MinValue, 0m, new decimal(0, 0, 0, true, 0), 1.000m, -0.0000000000000000000000000001m)));

    private static readonly Gen<string?> Text = Gen.Frequency(
        (1, Gen.Constant<string?>(null)),
        (6, Gen.Choose(0, 0xFFFF).Select(c => (char)c).ListOf().Select(cs => (string?)new string([.. cs]))),
        (3, Gen.Choose(0, 999_999).Select(i => (string?)("C" + i.ToString("000000", CultureInfo.InvariantCulture)))));

    private static readonly Gen<int[]?> Days = Gen.Frequency(
        (1, Gen.Constant<int[]?>(null)),
        (4, Gen.Choose(18_000, 21_000).ListOf().Select(d => (int[]?)[.. d.Order()])),
        (2, Int.ListOf().Select(d => (int[]?)[.. d])));

    private static readonly Gen<long?> MaybeLong = Gen.Frequency((1, Gen.Constant<long?>(null)), (3, Long.Select(l => (long?)l)));

    private static readonly Gen<CustomerPurchaseState?> PurchaseRow = Gen.Frequency(
        (1, Gen.Constant<CustomerPurchaseState?>(null)),
        (12, from id in Text
             from first in MaybeLong
             from acquired in MaybeLong
             from flags in Gen.Choose(0, 7)
             from amounts in Decimal.ArrayOf(5)
             from counts in Int.ArrayOf(4)
             from months in Long
             select (CustomerPurchaseState?)new CustomerPurchaseState
             {
                 Id = id!,
                 FirstSaleTicks = first,
                 LifetimeNet = amounts[0],
                 LifetimeCost = amounts[1],
                 LifetimeSalesWithoutCost = counts[0],
                 SaleInWindowBefore = (flags & 1) != 0,
                 SaleMonths = (ulong)months,
                 AcquiredTicks = acquired,
                 HasPeriodRecord = (flags & 2) != 0,
                 PeriodSales = counts[1],
                 FirstSaleDay = counts[2],
                 SalesOnSeveralDays = (flags & 4) != 0,
                 PeriodSalesAmount = amounts[2],
                 PeriodRefundAmount = amounts[3],
                 PeriodCost = amounts[4],
                 PeriodSalesWithoutCost = counts[3],
             }));

    private static readonly Gen<CustomerDaysState?> DaysRow = Gen.Frequency(
        (1, Gen.Constant<CustomerDaysState?>(null)),
        (12, from id in Text from first in Int from totals in Decimal.ArrayOf(2) from days in Days
             select (CustomerDaysState?)new CustomerDaysState { Id = id!, FirstDay = first, FirstDayTotal = totals[0], CalibrationTotal = totals[1], Days = days! }));

    private static readonly Gen<CustomerRfmState?> RfmRow = Gen.Frequency(
        (1, Gen.Constant<CustomerRfmState?>(null)),
        (12, from id in Text from total in Decimal from days in Days
             select (CustomerRfmState?)new CustomerRfmState { Id = id!, Total = total, Days = days! }));

    public static Arbitrary<CustomerPurchaseState?[]?> PurchaseRows() =>
        Gen.Frequency((1, Gen.Constant<CustomerPurchaseState?[]?>(null)), (9, PurchaseRow.ArrayOf().Select(r => (CustomerPurchaseState?[]?)r))).ToArbitrary();

    public static Arbitrary<CustomerDaysState?[]?> DaysRows() =>
        Gen.Frequency((1, Gen.Constant<CustomerDaysState?[]?>(null)), (9, DaysRow.ArrayOf().Select(r => (CustomerDaysState?[]?)r))).ToArbitrary();

    public static Arbitrary<CustomerRfmState?[]?> RfmRows() =>
        Gen.Frequency((1, Gen.Constant<CustomerRfmState?[]?>(null)), (9, RfmRow.ArrayOf().Select(r => (CustomerRfmState?[]?)r))).ToArbitrary();

    [Property(Arbitrary = new[] { typeof(PackedRowsProperties) }, MaxTest = 300)]
    public void Purchase_rows_read_back_exactly(CustomerPurchaseState?[]? rows) =>
        Assert.Equal(Keys(rows, Key), Keys(PackedRows.PurchaseRows(PackedRows.Pack(rows!)), Key));

    [Property(Arbitrary = new[] { typeof(PackedRowsProperties) }, MaxTest = 300)]
    public void Summary_rows_read_back_exactly(CustomerDaysState?[]? rows) =>
        Assert.Equal(Keys(rows, Key), Keys(PackedRows.DaysRows(PackedRows.Pack(rows!)), Key));

    [Property(Arbitrary = new[] { typeof(PackedRowsProperties) }, MaxTest = 300)]
    public void Rfm_rows_read_back_exactly(CustomerRfmState?[]? rows) =>
        Assert.Equal(Keys(rows, Key), Keys(PackedRows.RfmRows(PackedRows.Pack(rows!)), Key));

    [Property(Arbitrary = new[] { typeof(PackedRowsProperties) }, MaxTest = 100)]
    public void Cut_or_padded_rows_are_refused(CustomerPurchaseState?[]? rows)
    {
        var packed = PackedRows.Pack(rows!);

        // Every proper prefix but the empty one (which is the form of "no rows") fails, as does a byte too many.
        for (var length = 1; length < packed.Length; length++)
        {
            var cut = packed.AsSpan(0, length).ToArray();
            var e = Assert.Throws<ArgumentException>(() => PackedRows.PurchaseRows(cut));
            Assert.Equal("state", e.ParamName);
            Assert.StartsWith("The state's purchases.customers", e.Message, StringComparison.Ordinal);
        }

        if (packed.Length > 0)
        {
            var padded = Assert.Throws<ArgumentException>(() => PackedRows.PurchaseRows([.. packed, 0]));
            Assert.Contains("purchases.customers.length is followed by bytes", padded.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new byte[] { 1, 0x40 }, "purchases.customers[0].flags has an unused bit set")]
    [InlineData(new byte[] { 1, 0x00, 1, 0x1D, 0 }, "purchases.customers[0].lifetimeNet is not a packed decimal")]
    [InlineData(new byte[] { 1, 0x00, 1, 0x40, 0 }, "purchases.customers[0].lifetimeNet is not a packed decimal")]
    [InlineData(new byte[] { 1, 0x00, 1, 0x20, 0, 0 }, "purchases.customers[0].lifetimeNet is not a packed decimal")]
    [InlineData(new byte[] { 1, 0x00, 1, 0, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x10 }, "purchases.customers[0].lifetimeSalesWithoutCost is beyond the range of a 32-bit integer")]
    [InlineData(new byte[] { 1, 0x00, 1, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 }, "purchases.customers[0].saleMonths is a varint beyond 64 bits")]
    [InlineData(new byte[] { 1, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "purchases.customers[0].id ends early")]
    [InlineData(new byte[] { 9, 0x80 }, "purchases.customers.length counts more rows than there are bytes left")]
    public void Forged_purchase_rows_are_refused_naming_the_field(byte[] packed, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => PackedRows.PurchaseRows(packed));
        Assert.Equal("state", e.ParamName);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0x00, 1, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x0F }, "customers[0].days counts more values than there are bytes left")]
    [InlineData(new byte[] { 1, 0x00, 1, 0, 0, 0, 0, 0, 3, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F, 0x02 }, "customers[0].days holds a value beyond the range of a 32-bit integer")]
    [InlineData(new byte[] { 1, 0x01 }, "customers[0].flags has an unused bit set")]
    public void Forged_summary_rows_are_refused_naming_the_field(byte[] packed, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => PackedRows.DaysRows(packed));
        Assert.Equal("state", e.ParamName);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typical_customer_packs_in_under_fifty_bytes()
    {
        var rows = Enumerable.Range(0, 1000).Select(i => new CustomerPurchaseState
        {
            Id = "C" + i.ToString("000000", CultureInfo.InvariantCulture),
            FirstSaleTicks = 17_700_000_000_000_000 + (i * 864_000_000_000L),
            LifetimeNet = 1234.50m + i,
            LifetimeCost = 600.25m,
            SaleMonths = 0b1011,
            HasPeriodRecord = i % 3 == 0,
            PeriodSales = i % 3 == 0 ? 2 : 0,
            FirstSaleDay = i % 3 == 0 ? 7 : 0,
            PeriodSalesAmount = i % 3 == 0 ? 99.90m : 0m,
        }).ToArray();

        Assert.InRange(PackedRows.Pack(rows).Length, 1000 * 30, 1000 * 50);
    }

    private static string[]? Keys<T>(T?[]? rows, Func<T, string> key)
        where T : class =>
        rows?.Select(r => r is null ? "null" : key(r)).ToArray();

    private static string Key(CustomerPurchaseState r) => string.Join(
        "|",
        Id(r.Id),
        r.FirstSaleTicks?.ToString(CultureInfo.InvariantCulture) ?? "-",
        Bits(r.LifetimeNet),
        Bits(r.LifetimeCost),
        r.LifetimeSalesWithoutCost.ToString(CultureInfo.InvariantCulture),
        r.SaleInWindowBefore,
        r.SaleMonths.ToString(CultureInfo.InvariantCulture),
        r.AcquiredTicks?.ToString(CultureInfo.InvariantCulture) ?? "-",
        r.HasPeriodRecord,
        r.PeriodSales.ToString(CultureInfo.InvariantCulture),
        r.FirstSaleDay.ToString(CultureInfo.InvariantCulture),
        r.SalesOnSeveralDays,
        Bits(r.PeriodSalesAmount),
        Bits(r.PeriodRefundAmount),
        Bits(r.PeriodCost),
        r.PeriodSalesWithoutCost.ToString(CultureInfo.InvariantCulture));

    private static string Key(CustomerDaysState r) =>
        string.Join("|", Id(r.Id), r.FirstDay.ToString(CultureInfo.InvariantCulture), Bits(r.FirstDayTotal), Bits(r.CalibrationTotal), List(r.Days));

    private static string Key(CustomerRfmState r) => string.Join("|", Id(r.Id), Bits(r.Total), List(r.Days));

    // Code units as numbers, so that a lone surrogate altered on the way would show.
    private static string Id(string? id) => id is null ? "null" : string.Join(",", id.Select(c => ((int)c).ToString(CultureInfo.InvariantCulture)));

    // The decimal's four words: its sign, scale and trailing zeros, not only its value.
    private static string Bits(decimal d) => string.Join(",", decimal.GetBits(d).Select(b => b.ToString(CultureInfo.InvariantCulture)));

    private static string List(IReadOnlyList<int>? days) => days is null ? "null" : string.Join(",", days.Select(d => d.ToString(CultureInfo.InvariantCulture)));
}
