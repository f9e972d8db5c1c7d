using Crm.Metrics.Loyalty;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>The scorecard's purchase rows: the flags byte says which optional members are present and holds the booleans.</summary>
internal sealed class PurchaseRowFormat : RowFormat<PurchaseRow, CustomerPurchaseState>
{
    private const byte HasFirstSale = 0x01;
    private const byte HasAcquired = 0x02;
    private const byte WindowBefore = 0x04;
    private const byte PeriodRecord = 0x08;
    private const byte SeveralDays = 0x10;

    /// <summary>The one instance.</summary>
    public static PurchaseRowFormat Instance { get; } = new();

    /// <inheritdoc/>
    public override string Prefix => "purchases.customers";

    /// <inheritdoc/>
    public override byte Flags => HasFirstSale | HasAcquired | WindowBefore | PeriodRecord | SeveralDays;

    /// <inheritdoc/>
    public override int BytesPerRow => 48;

    /// <inheritdoc/>
    /// <remarks>Flags 1, id 3, five decimals 2 each, five numbers 1 each.</remarks>
    public override int MinBytesPerRow => 19;

    /// <inheritdoc/>
    public override string? IdOf(CustomerPurchaseState item) => item.Id;

    /// <inheritdoc/>
    public override PurchaseRow Of(CustomerPurchaseState item) => PurchaseRow.Of(item);

    /// <inheritdoc/>
    public override CustomerPurchaseState ToItem(in PurchaseRow row) => row.ToState();

    /// <inheritdoc/>
    public override void Write(PackWriter writer, in PurchaseRow row)
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
    }

    /// <inheritdoc/>
    public override PurchaseRow Read(ref PackReader reader, byte flags, ref int[] buffer) => new()
    {
        Id = reader.String("id"),
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
    };
}
