using Crm.Metrics.Segments;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>The RFM analysis's rows: id, total of sales, the purchase days.</summary>
internal sealed class RfmRowFormat : RowFormat<RfmRow, CustomerRfmState>
{
    /// <summary>The one instance.</summary>
    public static RfmRowFormat Instance { get; } = new();

    /// <inheritdoc/>
    public override string Prefix => "customers";

    /// <inheritdoc/>
    public override int BytesPerRow => 24;

    /// <inheritdoc/>
    /// <remarks>Flags 1, id 3, a decimal 2, the days' count and one day 1 each.</remarks>
    public override int MinBytesPerRow => 8;

    /// <inheritdoc/>
    public override string? IdOf(CustomerRfmState item) => item.Id;

    /// <inheritdoc/>
    public override RfmRow Of(CustomerRfmState item) => RfmRow.Of(item);

    /// <inheritdoc/>
    public override CustomerRfmState ToItem(in RfmRow row) => row.ToState();

    /// <inheritdoc/>
    public override void Write(PackWriter writer, in RfmRow row)
    {
        writer.Byte(0);
        writer.String(row.Id);
        writer.Decimal(row.Total);
        writer.Ints(row.Days);
    }

    /// <inheritdoc/>
    public override RfmRow Read(ref PackReader reader, byte flags, ref int[] buffer) => new()
    {
        Id = reader.String("id"),
        Total = reader.Decimal("total"),
        Days = reader.Ints("days", ref buffer),
    };
}
