using Crm.Metrics.Lifetime;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Segments;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>
/// The customer rows of the scorecard, summary and RFM states — the part of a state that grows with the customers —
/// packed into one byte array that Orleans copies as a block: a row count, then each row's fields in a fixed order
/// (a flags byte first), numbers as varints, decimals and strings exactly (see <see cref="PackWriter"/>). Reading
/// and writing them field by field through Orleans' codecs, with a header per field and an object per row, cost
/// about as much as computing the states. A row packs exactly as written, null members and null rows included, and
/// reads back to an equal row; malformed bytes are refused by <see cref="PackReader"/>, and the rows' values are
/// then validated on merge like any state's.
/// </summary>
internal static class PackedRows
{
    private const byte NullRow = 0x80;

    // How many rows ahead the id strings are asked for: ids come from the partition's records, scattered over the
    // heap, and reading each one cold was most of the cost of packing.
    private const int IdsAhead = 8;

    // The scorecard's purchase rows: which optional members are present and the booleans.
    private const byte HasFirstSale = 0x01;
    private const byte HasAcquired = 0x02;
    private const byte WindowBefore = 0x04;
    private const byte PeriodRecord = 0x08;
    private const byte SeveralDays = 0x10;
    private const byte PurchaseFlags = HasFirstSale | HasAcquired | WindowBefore | PeriodRecord | SeveralDays;

    private delegate T? RowReader<T>(ref PackReader reader, byte flags)
        where T : class;

    /// <summary>The purchase rows of a scorecard state.</summary>
    public static byte[] Pack(IReadOnlyList<CustomerPurchaseState>? rows) => Pack(rows, 48, static r => r.Id, static (writer, row) =>
    {
        writer.Byte((byte)((row.FirstSaleTicks is null ? 0 : HasFirstSale) | (row.AcquiredTicks is null ? 0 : HasAcquired)
            | (row.SaleInWindowBefore ? WindowBefore : 0) | (row.HasPeriodRecord ? PeriodRecord : 0) | (row.SalesOnSeveralDays ? SeveralDays : 0)));
        writer.String(row.Id);
        if (row.FirstSaleTicks is { } first)
        {
            writer.Signed(first);
        }

        writer.Decimal(row.LifetimeNet);
        writer.Decimal(row.LifetimeCost);
        writer.Signed(row.LifetimeSalesWithoutCost);
        writer.Varint(row.SaleMonths);
        if (row.AcquiredTicks is { } acquired)
        {
            writer.Signed(acquired);
        }

        writer.Signed(row.PeriodSales);
        writer.Signed(row.FirstSaleDay);
        writer.Decimal(row.PeriodSalesAmount);
        writer.Decimal(row.PeriodRefundAmount);
        writer.Decimal(row.PeriodCost);
        writer.Signed(row.PeriodSalesWithoutCost);
    });

    /// <summary>The purchase rows back; null for an empty array (a state written without rows).</summary>
    public static CustomerPurchaseState[]? PurchaseRows(byte[]? packed) => Read(packed, "purchases.customers", PurchaseFlags, static (ref reader, flags) => new CustomerPurchaseState
    {
        Id = reader.String("id")!,
        FirstSaleTicks = (flags & HasFirstSale) != 0 ? reader.Signed("firstSaleTicks") : null,
        LifetimeNet = reader.Decimal("lifetimeNet"),
        LifetimeCost = reader.Decimal("lifetimeCost"),
        LifetimeSalesWithoutCost = reader.Int("lifetimeSalesWithoutCost"),
        SaleMonths = reader.Varint("saleMonths"),
        AcquiredTicks = (flags & HasAcquired) != 0 ? reader.Signed("acquiredTicks") : null,
        SaleInWindowBefore = (flags & WindowBefore) != 0,
        HasPeriodRecord = (flags & PeriodRecord) != 0,
        PeriodSales = reader.Int("periodSales"),
        FirstSaleDay = reader.Int("firstSaleDay"),
        SalesOnSeveralDays = (flags & SeveralDays) != 0,
        PeriodSalesAmount = reader.Decimal("periodSalesAmount"),
        PeriodRefundAmount = reader.Decimal("periodRefundAmount"),
        PeriodCost = reader.Decimal("periodCost"),
        PeriodSalesWithoutCost = reader.Int("periodSalesWithoutCost"),
    });

    /// <summary>The customer rows of a summary state.</summary>
    public static byte[] Pack(IReadOnlyList<CustomerDaysState>? rows) => Pack(rows, 32, static r => r.Id, static (writer, row) =>
    {
        writer.Byte(0);
        writer.String(row.Id);
        writer.Signed(row.FirstDay);
        writer.Decimal(row.FirstDayTotal);
        writer.Decimal(row.CalibrationTotal);
        writer.Ints(row.Days);
    });

    /// <summary>The summary's customer rows back; null for an empty array (a state written without rows).</summary>
    public static CustomerDaysState[]? DaysRows(byte[]? packed) => Read(packed, "customers", 0, static (ref reader, _) => new CustomerDaysState
    {
        Id = reader.String("id")!,
        FirstDay = reader.Int("firstDay"),
        FirstDayTotal = reader.Decimal("firstDayTotal"),
        CalibrationTotal = reader.Decimal("calibrationTotal"),
        Days = reader.Ints("days")!,
    });

    /// <summary>The customer rows of an RFM state.</summary>
    public static byte[] Pack(IReadOnlyList<CustomerRfmState>? rows) => Pack(rows, 24, static r => r.Id, static (writer, row) =>
    {
        writer.Byte(0);
        writer.String(row.Id);
        writer.Decimal(row.Total);
        writer.Ints(row.Days);
    });

    /// <summary>The RFM state's customer rows back; null for an empty array (a state written without rows).</summary>
    public static CustomerRfmState[]? RfmRows(byte[]? packed) => Read(packed, "customers", 0, static (ref reader, _) => new CustomerRfmState
    {
        Id = reader.String("id")!,
        Total = reader.Decimal("total"),
        Days = reader.Ints("days")!,
    });

    /// <summary>The row count, then each row (its flags byte first) or <see cref="NullRow"/> for a null one; no bytes for null rows.</summary>
    private static byte[] Pack<T>(IReadOnlyList<T>? rows, int bytesPerRow, Func<T, string?> id, Action<PackWriter, T> write)
        where T : class
    {
        if (rows is null)
        {
            return [];
        }

        var writer = new PackWriter((rows.Count * bytesPerRow) + 8);
        writer.Varint((ulong)rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (i + IdsAhead < rows.Count && rows[i + IdsAhead] is { } ahead)
            {
                PrefetchString(id(ahead));
            }

            if (rows[i] is { } row)
            {
                write(writer, row);
            }
            else
            {
                writer.Byte(NullRow);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Rows as <see cref="Pack{T}"/> wrote them: a flags byte with bits outside <paramref name="flags"/> is refused, and so are bytes left over.</summary>
    private static T[]? Read<T>(byte[]? packed, string prefix, byte flags, RowReader<T> read)
        where T : class
    {
        if (packed is null || packed.Length == 0)
        {
            return null;
        }

        var reader = new PackReader(packed, prefix);
        var rows = new T[reader.Count()];
        for (var i = 0; i < rows.Length; i++)
        {
            reader.Row = i;
            var head = reader.Byte("flags");
            if (head == NullRow)
            {
                continue;
            }

            if ((head & ~flags) != 0)
            {
                throw reader.Broken("flags", "has an unused bit set");
            }

            rows[i] = read(ref reader, head)!;
        }

        reader.Row = -1;
        return reader.AtEnd ? rows : throw reader.Broken("length", "is followed by bytes that belong to no row");
    }

    /// <summary>Hints the processor to fetch a string's characters (x86; elsewhere nothing).</summary>
    private static unsafe void PrefetchString(string? value)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported && value is not null)
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.CompilerServices.Unsafe.AsRef(in value.GetPinnableReference())));
        }
    }
}
