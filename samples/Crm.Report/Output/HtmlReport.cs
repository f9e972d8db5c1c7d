using System.Globalization;
using System.Text;
using NodaTime.Text;

namespace Crm.Report.Output;

/// <summary>
/// The report as one self-contained HTML page: the text report's sections, the scorecard as a table, and inline SVG
/// charts beside the sections they picture. No script, font, image or style sheet is fetched from anywhere, and the
/// markup is XML-well-formed (XHTML-compatible), so it opens offline and parses with an XML reader.
/// </summary>
internal static class HtmlReport
{
    /// <summary>The charts of the page, in order, each beside its section (by the text section's key).</summary>
    public static IReadOnlyList<(string Section, Chart Chart)> Charts(Report report)
    {
        var charts = new List<(string, Chart)>
        {
            ("funnel", Output.Charts.Funnel(report)),
            ("cohorts", Output.Charts.Cohorts(report)),
        };
        charts.AddRange(report.Assessments.Select(a => ("assessment-" + a.Framework.Name, Output.Charts.Radar(a))));
        charts.Add(("rfm", Output.Charts.RfmGrid(report)));
        charts.Add(("rfm", Output.Charts.ParetoCurve(report)));
        charts.Add(("models", Output.Charts.FrequencyFit(report)));
        charts.Add(("models", Output.Charts.AliveMap(report)));
        charts.Add(("models", Output.Charts.ClvHistogram(report)));
        charts.Add(("models", Output.Charts.TrackingCumulative(report)));
        charts.Add(("models", Output.Charts.TrackingIncremental(report)));
        charts.Add(("models", Output.Charts.TrackingByFrequency(report)));
        if (report.Trend is not null)
        {
            charts.Add(("trends", Output.Charts.TrendRevenue(report)));
            charts.Add(("trends", Output.Charts.TrendRetention(report)));
        }

        if (report.Loyalty is not null)
        {
            charts.Add(("loyalty", Output.Charts.TierMigration(report)));
        }

        return charts;
    }

    public static string Write(Report report)
    {
        var sections = TextReport.Sections(report);
        var charts = Charts(report);
        var period = report.Period;
        var html = new StringBuilder();
        var title = $"CRM report {LocalDatePattern.Iso.Format(period.Dates.Start)} to {LocalDatePattern.Iso.Format(period.Dates.End)}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<title>").Append(Svg.Escape(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>").Append(Svg.Escape(title)).Append("</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{period.LengthInDays} days in {Svg.Escape(period.Zone.Id)}; amounts in {Svg.Escape(report.Card.Currency.Code)}; data: {Svg.Escape(report.Source)}.</p></header>\n");

        html.Append("<nav><h2>Contents</h2><ol>");
        foreach (var section in sections.Skip(1))
        {
            html.Append("<li><a href=\"#").Append(Id(section.Key)).Append("\">").Append(Svg.Escape(Heading(section.Title))).Append("</a></li>");
        }

        html.Append("</ol></nav>\n<main>\n");
        foreach (var section in sections)
        {
            html.Append("<section id=\"").Append(Id(section.Key)).Append("\">\n<h2>").Append(Svg.Escape(Heading(section.Title))).Append("</h2>\n");
            foreach (var (_, chart) in charts.Where(c => c.Section == section.Key))
            {
                if (chart.Svg is { } svg)
                {
                    html.Append("<figure>").Append(svg);
                    if (chart.Note is { } read)
                    {
                        html.Append("<figcaption class=\"how-to-read\">").Append(Svg.Escape(read)).Append("</figcaption>");
                    }

                    html.Append("</figure>\n");
                }
                else
                {
                    html.Append("<p class=\"no-chart\" id=\"").Append(chart.Id).Append("\">").Append(Svg.Escape(chart.Note!)).Append("</p>\n");
                }
            }

            if (section.Key == "scorecard")
            {
                Scorecard(html, report);
            }
            else
            {
                html.Append("<pre>").Append(Svg.Escape(section.Body.TrimEnd('\n'))).Append("</pre>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("</main>\n<footer><p>Written by crm-report with Crm.Metrics. Self-contained: no script, and nothing is loaded from a network.</p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Scorecard(StringBuilder html, Report report)
    {
        html.Append("<table class=\"scorecard\"><thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Value</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>");
        string? group = null;
        foreach (var metric in report.Metrics)
        {
            if (metric.Section != group)
            {
                group = metric.Section;
                html.Append("<tr class=\"group\"><th colspan=\"3\" scope=\"rowgroup\">").Append(Svg.Escape(group)).Append("</th></tr>");
            }

            var undefined = metric.Value is null;
            html.Append("<tr").Append(undefined ? " class=\"undefined\"" : string.Empty).Append("><th scope=\"row\">").Append(Svg.Escape(metric.Label))
                .Append("</th><td class=\"value\">").Append(Svg.Escape(metric.Shown))
                .Append("</td><td>").Append(Svg.Escape(undefined ? metric.Reason ?? string.Empty : metric.Explained)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    /// <summary>The text title in sentence case ("CONVERSION FUNNEL" → "Conversion funnel"), the parenthesis kept as written.</summary>
    private static string Heading(string title)
    {
        var open = title.IndexOf('(', StringComparison.Ordinal);
        var head = open < 0 ? title : title[..open];
        var rest = open < 0 ? string.Empty : title[open..];
        var lower = head.ToLowerInvariant();
        foreach (var keep in new[] { "crm", "rfm", "bg/nbd", "pareto/nbd", "5c", "6c", "4c" })
        {
            lower = lower.Replace(keep, keep.ToUpperInvariant(), StringComparison.Ordinal);
        }

        return (lower.Length > 0 ? char.ToUpperInvariant(lower[0]) + lower[1..] : lower) + rest;
    }

    private static string Id(string key) => "section-" + string.Concat(key.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    private const string Style = """

        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2329; margin: 0 auto; max-width: 1040px; padding: 0 20px 40px; }
        header { border-bottom: 3px solid #1f4e79; margin-bottom: 12px; }
        h1 { font-size: 26px; margin: 22px 0 4px; }
        h2 { font-size: 19px; margin: 30px 0 10px; border-bottom: 1px solid #c9d3dd; padding-bottom: 3px; }
        nav ol { columns: 2; font-size: 14px; }
        pre { font: 12.5px/1.4 ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; background: #f6f8fa; border: 1px solid #e1e6eb; padding: 10px 12px; overflow-x: auto; }
        figure { margin: 12px 0 18px; }
        .how-to-read { font-size: 13px; color: #4a5560; margin-top: 2px; }
        .no-chart { font-style: italic; color: #4a5560; border-left: 3px solid #c9d3dd; padding-left: 10px; }
        table.scorecard { border-collapse: collapse; width: 100%; font-size: 14px; }
        table.scorecard th, table.scorecard td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e1e6eb; vertical-align: top; }
        table.scorecard td.value { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; font-weight: 600; }
        table.scorecard tr.group th { background: #eef2f6; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
        table.scorecard tr.undefined td { color: #6b7580; font-style: italic; }
        svg.chart { max-width: 100%; height: auto; background: #fff; }
        svg .chart-title { font-size: 15px; font-weight: 600; fill: #1d2329; }
        svg .label { font-size: 12px; fill: #1d2329; }
        svg .label.muted { fill: #6b7580; font-style: italic; }
        svg .value, svg .tick, svg .legend { font-size: 11px; fill: #333c45; }
        svg .axis-title { font-size: 12px; fill: #1d2329; }
        svg .axis { stroke: #4a5560; stroke-width: 1; }
        svg .grid { stroke: #e1e6eb; stroke-width: 1; }
        svg .grid-area { fill: none; stroke: #d5dde5; stroke-width: 1; }
        svg .ref { stroke: #8a949e; stroke-width: 1.2; stroke-dasharray: 2 3; }
        svg .mark { stroke: #4a5560; stroke-width: 1.2; stroke-dasharray: 6 4; }
        svg .border { stroke: #1d2329; stroke-width: 2.5; }
        svg .cell { stroke: #fff; stroke-width: 1; }
        svg .cell-text { font-size: 11px; fill: #1d2329; }
        svg .cell-text.dark { fill: #fff; }
        svg .strong { font-size: 14px; font-weight: 600; }
        svg .small { font-size: 10px; }
        svg .s1 { fill: #1f4e79; }
        svg .s2 { fill: #e08a1e; }
        svg .s3 { fill: #b9cfe4; stroke: #5b7d9e; stroke-width: .8; }
        svg .l1 { fill: none; stroke: #1f4e79; stroke-width: 2.6; }
        svg .l2 { fill: none; stroke: #c8670a; stroke-width: 2.6; stroke-dasharray: 8 4; }
        svg .l3 { fill: none; stroke: #2e7d4f; stroke-width: 2.2; stroke-dasharray: 2 3; }
        svg .l4 { fill: none; stroke: #7b3fa0; stroke-width: 2.2; stroke-dasharray: 10 3 2 3; }
        svg .area1 { fill: rgba(31, 78, 121, .18); stroke: #1f4e79; stroke-width: 2.6; }
        svg .dot1 { fill: #1f4e79; stroke: #fff; stroke-width: 1.2; }
        @media print { nav { display: none; } pre { white-space: pre-wrap; } figure, table { break-inside: avoid; } }

        """;
}
