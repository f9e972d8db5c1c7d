using System.Globalization;
using System.Text.Json;
using Crm.Report.Output;

namespace Crm.Report.Tests;

/// <summary><c>--format csv</c>: one RFC 4180 row per metric, with the keys and values of the JSON report.</summary>
public class CsvFormatTests
{
    [Fact]
    public void Csv_has_the_header_and_one_row_per_metric_of_the_json_report_with_the_same_keys_and_values()
    {
        var csv = ReportTests.Run(ReportTests.AllFiles("--format", "csv"));
        var json = ReportTests.Run(ReportTests.AllFiles("--format", "json"));
        Assert.True(csv.Exit == 0, csv.Err);

        var lines = csv.Out.Split("\r\n");
        Assert.Equal("family,key,label,value,unit,currency,numerator,denominator,undefined_reason", lines[0]);
        Assert.Equal(string.Empty, lines[^1]); // every row ends with CRLF
        var rows = lines[1..^1].Select(Parse).ToList();
        Assert.All(rows, row => Assert.Equal(9, row.Count));

        var metrics = JsonDocument.Parse(json.Out).RootElement.GetProperty("metrics");
        Assert.Equal(metrics.EnumerateObject().Select(m => m.Name), rows.Select(r => r[1]));
        foreach (var row in rows)
        {
            var metric = metrics.GetProperty(row[1]);
            var value = metric.GetProperty("value");
            if (value.ValueKind == JsonValueKind.Null)
            {
                Assert.Equal(string.Empty, row[3]);
                Assert.Equal(metric.GetProperty("reason").GetString(), row[8]);
            }
            else
            {
                // The JSON rounds money to 4 places; the rows keep the amount.
                Assert.Equal(value.GetDouble(), double.Parse(row[3], CultureInfo.InvariantCulture), 4);
                Assert.Equal(string.Empty, row[8]);
            }
        }
    }

    [Fact]
    public void A_label_with_a_comma_is_quoted_and_an_undefined_value_is_empty_with_its_reason()
    {
        // Only transactions: the complaint metrics are undefined ("Complaints per 1,000 orders" has a comma).
        var (exit, output, err) = ReportTests.Run("--transactions", ReportTests.AllFiles()[1], "--format", "csv");
        Assert.True(exit == 0, err);

        var line = output.Split("\r\n").Single(l => l.StartsWith("ServiceEfficiency,complaintsPerThousandOrders,", StringComparison.Ordinal));
        var row = Parse(line);
        Assert.StartsWith("ServiceEfficiency,complaintsPerThousandOrders,\"Complaints per 1,000 orders\",,", line, StringComparison.Ordinal);
        Assert.Equal("Complaints per 1,000 orders", row[2]);
        Assert.Equal(string.Empty, row[3]);
        Assert.False(string.IsNullOrEmpty(row[8]));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Fields_are_quoted_as_RFC_4180_says(string? text, string field) => Assert.Equal(field, CsvReport.Field(text));

    /// <summary>Splits one RFC 4180 record (no line breaks inside fields here).</summary>
    private static List<string> Parse(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
