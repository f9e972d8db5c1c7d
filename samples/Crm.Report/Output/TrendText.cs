using System.Globalization;
using System.Text;

namespace Crm.Report.Output;

/// <summary>The text report's twelve-month trend: one line per calendar month.</summary>
internal static class TrendText
{
    public static void Write(StringBuilder text, TrendSection trend)
    {
        TextLayout.Wrap(text, string.Empty, "Each month is a scorecard of its own: net revenue, customers with a sale, retention (of the customers who bought in the 365 days before the month, the share who bought in it) and NPS.", string.Empty);
        text.AppendLine($"{"Month",-9}{"Revenue (" + trend.Currency.Code + ")",18}{"Active customers",18}{"Retention",12}{"NPS",8}");
        foreach (var m in trend.Months)
        {
            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{m.Month.ToString("uuuu-MM", CultureInfo.InvariantCulture),-9}{m.Revenue,18:N2}{m.ActiveCustomers,18:N0}{(m.Retention is { } r ? r.ToString("0.0 %", CultureInfo.InvariantCulture) : "n/a"),12}{(m.Nps is { } n ? n.ToString("0.0", CultureInfo.InvariantCulture) : "n/a"),8}"));
        }
    }
}
