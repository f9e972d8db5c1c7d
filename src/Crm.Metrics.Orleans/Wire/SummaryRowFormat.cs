using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>The customer-base summary's rows: id, first day, its total, the calibration total, the purchase days.</summary>
internal sealed class SummaryRowFormat : RowFormat<SummaryRow, CustomerDaysState>
{
    /// <summary>The one instance.</summary>
    public static SummaryRowFormat Instance { get; } = new();

    /// <inheritdoc/>
    public override string Prefix => "customers";

    /// <inheritdoc/>
    public override int BytesPerRow => 32;

    /// <inheritdoc/>
    /// <remarks>Flags 1, id 3, the first day 1, two decimals 2 each, the days' count and one day 1 each.</remarks>
    public override int MinBytesPerRow => 11;

    /// <inheritdoc/>
    public override string? IdOf(CustomerDaysState item) => item.Id;

    /// <inheritdoc/>
    public override SummaryRow Of(CustomerDaysState item) => SummaryRow.Of(item);

    /// <inheritdoc/>
    public override CustomerDaysState ToItem(in SummaryRow row) => row.ToState();

    /// <inheritdoc/>
    public override void Write(PackWriter writer, in SummaryRow row)
    {
        writer.Byte(0);
        writer.String(row.Id);
        writer.Signed(row.FirstDay);
        writer.Decimal(row.FirstDayTotal);
        writer.Decimal(row.CalibrationTotal);
        writer.Ints(row.Days);
    }

    /// <inheritdoc/>
    public override SummaryRow Read(ref PackReader reader, byte flags, ref int[] buffer) => new()
    {
        Id = reader.String("id"),
        FirstDay = reader.Int("firstDay"),
        FirstDayTotal = reader.Decimal("firstDayTotal"),
        CalibrationTotal = reader.Decimal("calibrationTotal"),
        Days = reader.Ints("days", ref buffer),
    };
}
