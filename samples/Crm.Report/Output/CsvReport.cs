using System.Globalization;
using System.Text;

namespace Crm.Report.Output;

/// <summary>
/// The scorecard's metrics as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, a quote or a line
/// break quoted, quotes doubled): the header <c>family,key,label,value,unit,currency,numerator,denominator,undefined_reason</c>
/// and one row per metric of <see cref="Crm.Metrics.Scorecard.ToRows"/>, then the loyalty programme's rows when it was given. Numbers are invariant, shortest round-trip;
/// an undefined value is empty and its reason filled.
/// </summary>
internal static class CsvReport
{
    public const string Header = "family,key,label,value,unit,currency,numerator,denominator,undefined_reason";

    public static string Write(Report report)
    {
        var csv = new StringBuilder(Header).Append("\r\n");

        // The reasons as the report words them (LTV:CAC names the option that computes it), as in the JSON.
        var reasons = report.Metrics.ToDictionary(m => m.Key, m => m.Reason, StringComparer.Ordinal);
        foreach (var row in report.Card.ToRows())
        {
            var reason = row.Value is null ? reasons.GetValueOrDefault(row.Key) ?? row.UndefinedReason : null;
            csv.AppendJoin(',', Field(row.Family), Field(row.Key), Field(row.Label), Number(row.Value), Field(row.Unit), Field(row.Currency),
                    Number(row.Numerator), Number(row.Denominator), Field(reason))
                .Append("\r\n");
        }

        foreach (var row in report.Loyalty?.ToRows() ?? [])
        {
            csv.AppendJoin(',', Field(row.Family), Field(row.Key), Field(row.Label), Number(row.Value), Field(row.Unit), Field(row.Currency),
                    Number(row.Numerator), Number(row.Denominator), Field(row.UndefinedReason))
                .Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, quotes doubled.</summary>
    internal static string Field(string? text) =>
        text is null ? string.Empty
        : text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text
        : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
