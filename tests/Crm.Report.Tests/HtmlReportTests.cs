using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using NodaTime.Testing;

namespace Crm.Report.Tests;

/// <summary>The HTML report: well-formed, self-contained, one SVG per chart with data, and the charts' numbers are the JSON's.</summary>
public sealed class HtmlReportTests : IDisposable
{
    private static readonly IClock Clock = new FakeClock(Instant.FromUtc(2026, 11, 20, 8, 0));
    private readonly string _temp = Directory.CreateTempSubdirectory("crm-report-html").FullName;

    /// <summary>Every chart the page can draw, by the id of its SVG (or of the note in its place).</summary>
    private static readonly string[] FixedCharts =
        ["chart-funnel", "chart-cohorts", "chart-rfm-grid", "chart-pareto", "chart-frequency-fit", "chart-clv", "chart-tracking", "chart-incremental", "chart-by-frequency", "chart-alive", "chart-trend-revenue", "chart-trend-retention", "chart-tier-migration"];

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>Runs the report as HTML and as JSON with the same arguments.</summary>
    private (string Html, JsonElement Json) Both(params string[] args)
    {
        var page = Path.Combine(_temp, "report.html");
        var stderr = new StringWriter();
        Assert.True(ReportApp.Run([.. args, "--format", "html", "--out", page], new StringWriter(), stderr, Clock) == 0, stderr.ToString());
        var json = new StringWriter();
        Assert.True(ReportApp.Run([.. args, "--format", "json"], json, stderr, Clock) == 0, stderr.ToString());
        return (File.ReadAllText(page), JsonDocument.Parse(json.ToString()).RootElement);
    }

    /// <summary>Parses the page as XML, as an XHTML-compatible document must parse.</summary>
    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse });
        return XDocument.Load(reader);
    }

    private static XElement Svg(XDocument page, string id) =>
        page.Descendants("svg").SingleOrDefault(e => (string?)e.Attribute("id") == id)
        ?? throw new Xunit.Sdk.XunitException($"no <svg id=\"{id}\"> in the page");

    private static double[] Values(XElement svg, string element) =>
        [.. svg.Descendants(element).Where(e => e.Attribute("data-value") is not null).Select(e => double.Parse((string)e.Attribute("data-value")!, CultureInfo.InvariantCulture))];

    private static double[] Series(XElement svg, int index) =>
        [.. ((string)svg.Descendants("polyline").Where(e => e.Attribute("data-values") is not null).ElementAt(index).Attribute("data-values")!)
            .Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    private static JsonElement.ArrayEnumerator Array(JsonElement element, params string[] path) =>
        path.Aggregate(element, (e, key) => e.GetProperty(key)).EnumerateArray();

    [Fact]
    public void The_demo_page_is_well_formed_self_contained_and_draws_every_chart_with_the_json_s_numbers()
    {
        var (html, json) = Both("--calibration-end", "2026-06-30", "--holdout-end", "2026-10-31");
        var page = Parse(html);

        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(page.Descendants("script"));
        Assert.Empty(page.Descendants("img"));
        Assert.Empty(page.Descendants("link"));

        // One SVG per chart: the fixed ones and a radar per assessment; every one has a title and a description.
        var radars = Array(json, "assessments").Select(a => "chart-radar-" + Slug(a.GetProperty("framework").GetString()!)).ToList();
        var svgs = page.Descendants("svg").ToList();
        Assert.Equal(FixedCharts.Concat(radars).Order(), svgs.Select(s => (string)s.Attribute("id")!).Order());
        Assert.All(svgs, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Element("title")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(s.Element("desc")?.Value));
            Assert.Equal("img", (string?)s.Attribute("role"));
        });
        Assert.DoesNotContain(page.Descendants("p"), p => (string?)p.Attribute("class") == "no-chart");

        // Under every chart, one line says how to read it.
        var figures = page.Descendants("figure").ToList();
        Assert.Equal(svgs.Count, figures.Count);
        Assert.All(figures, f => Assert.StartsWith("How to read: ", f.Element("figcaption")?.Value ?? string.Empty, StringComparison.Ordinal));

        // Funnel: the bars are the leads reaching each stage.
        Assert.Equal(Array(json, "funnel", "stages").Select(s => s.GetProperty("reached").GetDouble()), Values(Svg(page, "chart-funnel"), "rect"));

        // Cohorts: every observable cell, row by row; censored cells are not drawn.
        Assert.Equal(
            Array(json, "cohorts").SelectMany(c => c.GetProperty("retention").EnumerateArray()).Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()),
            Values(Svg(page, "chart-cohorts"), "rect"));

        // Radars: the scored dimensions in the framework's order.
        foreach (var assessment in Array(json, "assessments"))
        {
            var id = "chart-radar-" + Slug(assessment.GetProperty("framework").GetString()!);
            Assert.Equal(
                assessment.GetProperty("dimensions").EnumerateArray().Select(d => d.GetProperty("score")).Where(s => s.ValueKind == JsonValueKind.Number).Select(s => s.GetDouble()),
                Values(Svg(page, id), "circle"));
        }

        // RFM map and Pareto curve.
        Assert.Equal(Array(json, "rfm", "grid").Select(c => c.GetProperty("customers").GetDouble()), Values(Svg(page, "chart-rfm-grid"), "rect"));
        var gridTexts = Svg(page, "chart-rfm-grid").Descendants("text").Select(t => t.Value).ToList();
        Assert.DoesNotContain(gridTexts, t => t.EndsWith('…'));                  // segment names whole
        Assert.Contains("Customers per cell", gridTexts);                          // and a colour legend
        Assert.Contains(Array(json, "rfm", "grid").Max(c => c.GetProperty("customers").GetInt32()).ToString("N0", CultureInfo.InvariantCulture), gridTexts);
        Assert.Equal(Array(json, "rfm", "paretoCurve").Select(p => p.GetProperty("revenueShare").GetDouble()), Series(Svg(page, "chart-pareto"), 0));

        // Tier migration: one cell per pair of tiers (before the period, at its end), row by row, its value the members.
        Assert.Equal(
            Array(json, "loyaltyProgramme", "migration", "counts").SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()),
            Values(Svg(page, "chart-tier-migration"), "rect"));

        // CLV histogram: one bar per bin, its height the bin's customers; the bins hold every customer valued.
        var bins = Array(json, "models", "clv", "distribution", "bins").Select(b => b.GetProperty("customers").GetDouble()).ToList();
        Assert.Equal(bins, Values(Svg(page, "chart-clv"), "rect").Take(bins.Count));

        // Calibration fit: the actual bars are the customers per x of the tracking table; the expected ones add up
        // to every customer summarised (P(X(T) = x) over x sums to 1 for each customer).
        var fit = Svg(page, "chart-frequency-fit").Descendants("rect").Where(e => e.Attribute("data-value") is not null).ToList();
        double Value(XElement e) => double.Parse((string)e.Attribute("data-value")!, CultureInfo.InvariantCulture);
        Assert.Equal(Array(json, "models", "tracking", "byFrequency").Select(b => b.GetProperty("customers").GetDouble()), fit.Where(e => (string?)e.Attribute("class") == "s1").Select(Value));
        Assert.Equal(json.GetProperty("models").GetProperty("customers").GetDouble(), fit.Where(e => (string?)e.Attribute("class") == "s2").Sum(Value), 6);

        // The bar the top-decile threshold cuts has its own class, bars from it on say their counts, the open bar its start.
        var clvChart = Svg(page, "chart-clv");
        var from = json.GetProperty("models").GetProperty("clv").GetProperty("distribution").GetProperty("topDecileFrom").GetDouble();
        var binJson = Array(json, "models", "clv", "distribution", "bins").ToList();
        var cutIndex = binJson.FindIndex(b => b.GetProperty("from").GetDouble() < from && (b.GetProperty("to").ValueKind == JsonValueKind.Null || b.GetProperty("to").GetDouble() > from));
        var bars = clvChart.Descendants("rect").Where(e => e.Attribute("data-value") is not null).ToList();
        Assert.Equal("s2", (string?)bars[cutIndex].Attribute("class"));
        Assert.All(bars.Skip(cutIndex + 1), b => Assert.Equal("s1", (string?)b.Attribute("class")));
        var clvTexts = clvChart.Descendants("text").Select(t => t.Value).ToList();
        Assert.Contains(clvTexts, t => t.StartsWith("≥ ", StringComparison.Ordinal));
        Assert.Contains(((int)bins[^1]).ToString("N0", CultureInfo.InvariantCulture), clvTexts);
        Assert.Equal(json.GetProperty("models").GetProperty("clv").GetProperty("distribution").GetProperty("customers").GetDouble(), bins.Sum());

        // Tracking: the cumulative curves and the bars by frequency (actual, BG/NBD, Pareto/NBD per x).
        var cumulative = Array(json, "models", "tracking", "cumulative").ToList();
        var tracking = Svg(page, "chart-tracking");
        Assert.Equal(cumulative.Select(p => p.GetProperty("actual").GetDouble()), Series(tracking, 0));
        Assert.Equal(cumulative.Select(p => p.GetProperty("bgNbdExpected").GetDouble()), Series(tracking, 1));
        Assert.Equal(cumulative.Select(p => p.GetProperty("paretoNbdExpected").GetDouble()), Series(tracking, 2));
        Assert.Equal(cumulative.Select(p => p.GetProperty("mbgNbdExpected").GetDouble()), Series(tracking, 3));

        // Per period: the actual bars are the steps of the cumulative actual, the BG/NBD line the steps of its expectation.
        var actualSteps = cumulative.Select(p => p.GetProperty("actual").GetDouble()).ToList();
        var expectedSteps = cumulative.Select(p => p.GetProperty("bgNbdExpected").GetDouble()).ToList();
        Assert.Equal(actualSteps.Select((v, i) => i == 0 ? v : v - actualSteps[i - 1]), Values(Svg(page, "chart-incremental"), "rect"));
        Assert.Equal(expectedSteps.Select((v, i) => i == 0 ? v : v - expectedSteps[i - 1]), Series(Svg(page, "chart-incremental"), 0));

        // Twelve months: revenue bars and the active customers' line; retention in percent and NPS, as the JSON's months.
        var months = Array(json, "trends", "months").ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(json.GetProperty("metrics").GetProperty("revenue").GetProperty("value").GetDouble(), months[^1].GetProperty("revenue").GetDouble());
        Assert.Equal(json.GetProperty("metrics").GetProperty("retentionRate").GetProperty("value").GetDouble(), months[^1].GetProperty("retentionRate").GetDouble());
        Assert.Equal(months.Select(m => m.GetProperty("revenue").GetDouble()), Values(Svg(page, "chart-trend-revenue"), "rect"));
        Assert.Equal(months.Select(m => m.GetProperty("activeCustomers").GetDouble()), Series(Svg(page, "chart-trend-revenue"), 0));
        Assert.Equal(months.Select(m => m.GetProperty("retentionRate").GetDouble() * 100), Series(Svg(page, "chart-trend-retention"), 0));
        Assert.Equal(months.Select(m => m.GetProperty("nps").GetDouble()), Series(Svg(page, "chart-trend-retention"), 1));

        // P(alive): probabilities, rising with the recency of the last repeat purchase for every number of them.
        var alive = Values(Svg(page, "chart-alive"), "rect").ToList();
        Assert.True(alive.Count >= 31 && (alive.Count - 1) % 10 == 0, $"{alive.Count} cells");
        Assert.All(alive, p => Assert.InRange(p, 0, 1));
        Assert.All(alive.Skip(1).Chunk(10), row => Assert.Equal(row.Order(), row));
        Assert.Equal(
            Array(json, "models", "tracking", "byFrequency").SelectMany(b => new[] { b.GetProperty("actualMean").GetDouble(), b.GetProperty("bgNbdExpectedMean").GetDouble(), b.GetProperty("paretoNbdExpectedMean").GetDouble() }),
            Values(Svg(page, "chart-by-frequency"), "rect"));
    }

    [Fact]
    public void A_chart_without_data_is_a_short_note_in_its_place()
    {
        // The fixture: no holdout (so no tracking charts), March 2026; no assessment is fully unscored.
        var (html, json) = Both(ReportTests.AllFiles("--from", "2026-03-01", "--to", "2026-03-31"));
        var page = Parse(html);

        var notes = page.Descendants("p").Where(p => (string?)p.Attribute("class") == "no-chart").ToDictionary(p => (string)p.Attribute("id")!, p => p.Value);
        Assert.Contains("--holdout-end", notes["chart-tracking"], StringComparison.Ordinal);
        Assert.True(notes.ContainsKey("chart-by-frequency"));
        Assert.DoesNotContain(page.Descendants("svg"), s => notes.ContainsKey((string)s.Attribute("id")!));

        // Every chart is either drawn or explained, never silently missing; without a programme there is no loyalty
        // section, so no tier-migration chart.
        var radars = Array(json, "assessments").Select(a => "chart-radar-" + Slug(a.GetProperty("framework").GetString()!));
        var accounted = page.Descendants("svg").Select(s => (string)s.Attribute("id")!).Concat(notes.Keys).Order();
        Assert.Equal(JsonValueKind.Null, json.GetProperty("loyaltyProgramme").ValueKind);
        Assert.Equal(FixedCharts.Where(c => c != "chart-tier-migration").Concat(radars).Order(), accounted);
    }

    [Fact]
    public void An_unscored_dimension_is_a_gap_in_the_radar_with_a_legend_saying_so()
    {
        var (html, json) = Both();
        var page = Parse(html);
        var sixC = Array(json, "assessments").Single(a => a.GetProperty("framework").GetString() == "6C");
        var unscored = sixC.GetProperty("dimensions").EnumerateArray().Where(d => d.GetProperty("score").ValueKind == JsonValueKind.Null).Select(d => d.GetProperty("key").GetString()!).ToList();
        Assert.NotEmpty(unscored); // Culture and Competition always need hand scoring

        var radar = Svg(page, "chart-radar-6c");
        Assert.DoesNotContain(radar.Descendants("polygon"), p => (string?)p.Attribute("class") == "area1"); // no closed outline
        Assert.Contains(radar.Descendants("text"), t => t.Value.StartsWith("Gap in the outline", StringComparison.Ordinal) && unscored.All(u => t.Value.Contains(u, StringComparison.Ordinal)));
        Assert.All(unscored, u => Assert.Contains(radar.Descendants("text"), t => t.Value == $"{u} (not scored)"));
    }

    [Fact]
    public void An_assessment_with_fewer_than_three_scored_dimensions_is_bars_not_a_radar()
    {
        // Without the customer file, 6C has evidence for two dimensions only (convenience and communication).
        var args = ReportTests.AllFiles().ToList();
        args.RemoveRange(args.IndexOf("--customers"), 2);
        var (html, json) = Both([.. args]);
        var page = Parse(html);
        var sixC = Array(json, "assessments").Single(a => a.GetProperty("framework").GetString() == "6C");
        var scores = Array(sixC, "dimensions").Where(d => d.GetProperty("score").ValueKind == JsonValueKind.Number).Select(d => d.GetProperty("score").GetDouble()).ToList();

        Assert.Equal(2, scores.Count);
        Assert.DoesNotContain(page.Descendants("svg"), s => (string?)s.Attribute("id") == "chart-radar-6c");
        var bars = Svg(page, "chart-bars-6c");
        Assert.Equal(scores, Values(bars, "rect"));
        Assert.Equal(4, bars.Descendants("text").Count(t => t.Value == "not scored: no evidence in the data"));
    }

    [Fact]
    public void Names_appear_in_the_page_only_with_show_names()
    {
        var hidden = Both(ReportTests.AllFiles("--from", "2026-03-01", "--to", "2026-03-31")).Html;
        var shown = Both(ReportTests.AllFiles("--from", "2026-03-01", "--to", "2026-03-31", "--show-names")).Html;

        Assert.DoesNotContain("Alice", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@", hidden, StringComparison.Ordinal);
        Assert.Contains("Alice Example", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cdnow_page_draws_the_tracking_plot_with_the_calibration_boundary()
    {
        var transactions = ReportTests.CdnowTransactions(_temp);

        var (html, json) = Both("--transactions", transactions, "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30");
        var page = Parse(html);

        var tracking = Svg(page, "chart-tracking");
        Assert.Contains(tracking.Descendants("text"), t => t.Value == "calibration");
        Assert.Contains(tracking.Descendants("text"), t => t.Value == "holdout");
        var cumulative = Array(json, "models", "tracking", "cumulative").ToList();
        Assert.Equal(cumulative.Select(p => p.GetProperty("actual").GetDouble()), Series(tracking, 0));

        // The holdout's actual repeat purchases: the curve's last point less its value at the calibration end.
        var atCalibrationEnd = cumulative.Last(p => string.CompareOrdinal(p.GetProperty("date").GetString(), "1997-09-30") <= 0).GetProperty("actual").GetDouble();
        Assert.Equal(1882, cumulative[^1].GetProperty("actual").GetDouble() - atCalibrationEnd);
    }

    private static string Slug(string name) => string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}
