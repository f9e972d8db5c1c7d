using System.Globalization;
using System.Text.Json;

namespace Crm.Report.Output;

internal static partial class JsonReport
{
    /// <summary><c>trends</c>: per calendar month, the scorecard's revenue, active customers, retention rate and NPS; null without purchases.</summary>
    private static void Trend(Utf8JsonWriter json, Report report)
    {
        if (report.Trend is not { } trend)
        {
            json.WriteNull("trends");
            return;
        }

        json.WriteStartObject("trends");
        json.WriteString("currency", trend.Currency.Code);
        json.WriteStartArray("months");
        foreach (var m in trend.Months)
        {
            json.WriteStartObject();
            json.WriteString("month", m.Month.ToString("uuuu-MM", CultureInfo.InvariantCulture));
            json.WriteNumber("revenue", m.Revenue);
            json.WriteNumber("activeCustomers", m.ActiveCustomers);
            Value(json, "retentionRate", m.Retention);
            Value(json, "nps", m.Nps);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
