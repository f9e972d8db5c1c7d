using System.Globalization;
using Crm.Metrics.Assessments;

namespace Crm.Report.Output;

/// <summary>
/// A chart of the HTML report: its SVG and one line under it saying how to read it (<see cref="Note"/>), or, without
/// an SVG, a short note saying why there is none.
/// </summary>
internal sealed record Chart(string Id, string Title, string? Svg, string? Note)
{
    public static Chart Missing(string id, string title, string note) => new(id, title, null, note);

    /// <summary>A drawn chart and the line that says how to read it.</summary>
    public static Chart Drawn(string id, string title, string svg, string howToRead) => new(id, title, svg, howToRead);
}

/// <summary>
/// The report's charts, drawn from the same section data the text and JSON reports write. Each has a title, axis
/// titles with units and a text alternative; series differ in lightness and dash as well as hue, so they survive a
/// grey print.
/// </summary>
internal static partial class Charts
{
    private const double Width = 680;
    private const double Left = 78;
    private const double Right = 24;
    private const double Top = 44;

    public static Chart Funnel(Report report)
    {
        const string id = "chart-funnel", title = "Conversion funnel: leads reaching each stage";
        var funnel = report.Card.Conversion;
        if ((report.Card.Supplied & Crm.Metrics.DataSources.Leads) == 0)
        {
            return Chart.Missing(id, title, "No leads file: no funnel chart.");
        }

        if (funnel.Cohort == 0)
        {
            return Chart.Missing(id, title, "No lead entered the funnel in the period: no funnel chart.");
        }

        var stages = funnel.Stages;
        const double labelWidth = 150, row = 34;
        var height = Top + (stages.Count * row) + 56;
        var description = "Leads entering the funnel and reaching each stage: " + string.Join(", ", stages.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.Reached:N0} ({ReportBuilder.Percent((double)s.Reached / funnel.Cohort)} of entering)")));
        var svg = new Svg(id, Width, height, title, description);
        Heading(svg, title);
        var x = Axis.Rounded(0, funnel.Cohort, labelWidth, Width - 150);
        var bottom = Top + (stages.Count * row);
        foreach (var tick in x.Ticks())
        {
            svg.Line(x[tick], Top, x[tick], bottom, "grid");
        }

        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var y = Top + (i * row) + 6;
            svg.Text(labelWidth - 8, y + 16, stage.Name, "label", "end");
            svg.Rect(x[0], y, x[stage.Reached] - x[0], row - 12, "s1", stage.Reached.ToString(CultureInfo.InvariantCulture), $"{stage.Name}: {stage.Reached:N0}");
            svg.Text(x[stage.Reached] + 6, y + 16, string.Create(CultureInfo.InvariantCulture, $"{stage.Reached:N0} ({ReportBuilder.Percent((double)stage.Reached / funnel.Cohort)})"), "value");
        }

        x.DrawHorizontal(svg, bottom, "Leads (count)", Count);
        return Chart.Drawn(id, title, svg.ToString(), "How to read: each bar counts the leads that reached a stage; the gap between two bars is where leads were lost on the way.");
    }

    public static Chart Cohorts(Report report)
    {
        const string id = "chart-cohorts", title = "Cohort retention: share of each acquisition month active N months later";
        var rows = report.Card.Cohorts.Rows;
        if (rows.Count == 0)
        {
            return Chart.Missing(id, title, "No cohort: no customer was acquired in the months covered.");
        }

        var months = rows.Max(r => r.Retention.Count);
        const double labelWidth = 110, rowHeight = 20;
        var cell = Math.Clamp(560 / months, 22, 40);
        var width = labelWidth + (months * cell) + Right;
        var height = Top + 18 + (rows.Count * rowHeight) + 72;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Heat map of {rows.Count} acquisition months ({rows[0].Month:yyyy-MM} to {rows[^1].Month:yyyy-MM}) by months since acquisition (0 to {months - 1}); darker is a higher share active. Month 1 retention ranges {Range(rows.Select(r => r.Retention.Count > 1 ? r.Retention[1] : null))}. Blank cells are months not yet observable.");
        var svg = new Svg(id, Math.Max(width, Width), height, title, description);
        Heading(svg, title);
        var top = Top + 18;
        for (var m = 0; m < months; m++)
        {
            if (m % (cell < 28 ? 2 : 1) == 0)
            {
                svg.Text(labelWidth + (m * cell) + (cell / 2), top - 5, "M" + m.ToString(CultureInfo.InvariantCulture), "tick", "middle");
            }
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var y = top + (r * rowHeight);
            svg.Text(labelWidth - 6, y + 14, string.Create(CultureInfo.InvariantCulture, $"{row.Month:yyyy-MM} ({row.Size:N0})"), "tick", "end");
            for (var m = 0; m < row.Retention.Count; m++)
            {
                if (row.Retention[m] is not { } value)
                {
                    continue;
                }

                var cx = labelWidth + (m * cell);
                svg.Cell(cx, y, cell, rowHeight, Shade(value), "cell", Svg.R(value), string.Create(CultureInfo.InvariantCulture, $"{row.Month:yyyy-MM}, month {m}: {value:0.0 %}"));
                if (cell >= 28)
                {
                    svg.Text(cx + (cell / 2), y + 14, (value * 100).ToString("0", CultureInfo.InvariantCulture), value > 0.5 ? "cell-text dark" : "cell-text", "middle");
                }
            }
        }

        var bottom = top + (rows.Count * rowHeight);
        svg.Text(labelWidth + (months * cell / 2), bottom + 20, "Months since acquisition (M0 = the acquisition month); cells in percent", "axis-title", "middle");
        svg.Text(14, (top + bottom) / 2, "Acquisition month (customers)", "axis-title", "middle", -90);
        var legendY = bottom + 48;
        for (var i = 0; i <= 4; i++)
        {
            svg.Cell(labelWidth + (i * 44), legendY - 12, 44, 14, Shade(i / 4.0), "cell", null, null);
            svg.Text(labelWidth + (i * 44) + 22, legendY + 14, (i * 25).ToString(CultureInfo.InvariantCulture) + " %", "tick", "middle");
        }

        svg.Text(labelWidth + (5 * 44) + 12, legendY, "blank = not yet observable (censored)", "legend");
        return Chart.Drawn(id, title, svg.ToString(), "How to read: a row follows the customers acquired in one month; read along it to see how fast a cohort stops buying, and down a column to compare cohorts at the same age.");
    }

    public static Chart Radar(EvidenceAssessment assessment)
    {
        var name = assessment.Framework.Name;
        var id = "chart-radar-" + Slug(assessment.Framework.Key);
        var title = $"{name} assessment from evidence (0-100 per dimension)";
        var dimensions = assessment.Dimensions;
        if (dimensions.All(d => d.Score is null) || dimensions.Count < 3)
        {
            return Chart.Missing(id, title, $"No dimension of {name} could be scored from the data: no radar chart.");
        }

        // A radar of one or two points is a dot or a segment: bars say the same plainly.
        if (dimensions.Count(d => d.Score is not null) < 3)
        {
            return AssessmentBars(assessment);
        }

        const double width = Width, height = 470, radius = 150;
        const double cx = width / 2, cy = Top + 30 + radius;
        var unscored = dimensions.Where(d => d.Score is null).Select(d => d.Key).ToList();
        var description = $"Radar chart of {name}: " + string.Join(", ", dimensions.Select(d => d.Score is { } s ? string.Create(CultureInfo.InvariantCulture, $"{d.Key} {s:0}") : $"{d.Key} not scored"))
            + (unscored.Count > 0 ? ". Unscored dimensions are gaps in the outline." : ".");
        var svg = new Svg(id, width, height, title, description);
        Heading(svg, title);

        (double X, double Y) At(int i, double value)
        {
            var angle = (2 * Math.PI * i / dimensions.Count) - (Math.PI / 2);
            return (cx + (radius * value / 100 * Math.Cos(angle)), cy + (radius * value / 100 * Math.Sin(angle)));
        }

        for (var ring = 20; ring <= 100; ring += 20)
        {
            svg.Polygon(Enumerable.Range(0, dimensions.Count).Select(i => At(i, ring)), "grid-area");
            svg.Text(cx + 4, cy - (radius * ring / 100) + 12, ring.ToString(CultureInfo.InvariantCulture), "tick");
        }

        for (var i = 0; i < dimensions.Count; i++)
        {
            var (ex, ey) = At(i, 100);
            svg.Line(cx, cy, ex, ey, "axis");
            var (lx, ly) = At(i, 114);
            var anchor = Math.Abs(lx - cx) < 8 ? "middle" : lx > cx ? "start" : "end";
            var d = dimensions[i];
            var label = d.Score is { } s ? string.Create(CultureInfo.InvariantCulture, $"{d.Key} {s:0}") : $"{d.Key} (not scored)";
            svg.Text(lx, ly + 4, label, d.Score is null ? "label muted" : "label", anchor);
        }

        if (unscored.Count == 0)
        {
            svg.Polygon(dimensions.Select((d, i) => At(i, d.Score!.Value)), "area1");
        }
        else
        {
            // Only neighbours that both have a score are joined: an unscored dimension leaves a gap in the outline.
            for (var i = 0; i < dimensions.Count; i++)
            {
                var next = (i + 1) % dimensions.Count;
                if (dimensions[i].Score is { } a && dimensions[next].Score is { } b)
                {
                    svg.Polyline([At(i, a), At(next, b)], "l1");
                }
            }
        }

        for (var i = 0; i < dimensions.Count; i++)
        {
            if (dimensions[i].Score is { } score)
            {
                var (px, py) = At(i, score);
                svg.Circle(px, py, 4.5, "dot1", Svg.R(score), string.Create(CultureInfo.InvariantCulture, $"{dimensions[i].Key}: {score:0.#}"));
            }
        }

        svg.LegendEntry(40, height - 34, "l1", "score from evidence (0 = worst, 100 = best)", line: true);
        svg.Text(40, height - 14, unscored.Count > 0
            ? $"Gap in the outline = dimension not scored (no evidence in the data): {string.Join(", ", unscored)}"
            : "Every dimension has evidence.", "legend");
        return Chart.Drawn(id, title, svg.ToString(), "How to read: each spoke is a dimension scored 0-100 from the data, further out is better; a gap in the outline is a dimension the data could not score.");
    }

    public static Chart RfmGrid(Report report)
    {
        const string id = "chart-rfm-grid", title = "RFM map: customers by recency (R) and frequency (F) score";
        if (report.Rfm is not { } section || section.Rfm.Customers.Count == 0)
        {
            return Chart.Missing(id, title, "No customer with a sale: no RFM map.");
        }

        const double cellW = 124, cellH = 56, left = 70, top = Top + 10, legendWidth = 150;
        var cells = section.Grid;
        var max = Math.Max(1, cells.Max(c => c.Customers));
        var busiest = cells.MaxBy(c => c.Customers)!;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"5 by 5 grid of {section.Rfm.Customers.Count:N0} customers: recency score 1 (longest ago) to 5 (most recent) across, frequency score 1 to 5 up; darker holds more customers; thick lines separate segments. The fullest cell is R{busiest.Recency} F{busiest.Frequency} ({busiest.Segment}) with {busiest.Customers:N0}.");
        var svg = new Svg(id, left + (5 * cellW) + legendWidth + Right, top + (5 * cellH) + 60, title, description);
        Heading(svg, title);
        double X(int r) => left + ((r - 1) * cellW);
        double Y(int f) => top + ((5 - f) * cellH);
        foreach (var cell in cells)
        {
            var share = (double)cell.Customers / max;
            svg.Cell(X(cell.Recency), Y(cell.Frequency), cellW, cellH, Shade(share), "cell", cell.Customers.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"R{cell.Recency} F{cell.Frequency}: {cell.Customers:N0} customers ({cell.Segment})"));
            var ink = share > 0.5 ? "cell-text dark" : "cell-text";
            svg.Text(X(cell.Recency) + (cellW / 2), Y(cell.Frequency) + 24, cell.Customers.ToString("N0", CultureInfo.InvariantCulture), ink + " strong", "middle");
            svg.Text(X(cell.Recency) + (cellW / 2), Y(cell.Frequency) + 42, Fit(cell.Segment, 22), ink + " small", "middle");
        }

        // Segment borders: a thick line wherever two neighbouring cells belong to different segments.
        var segment = cells.ToDictionary(c => (c.Recency, c.Frequency), c => c.Segment);
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                if (r < 5 && segment[(r, f)] != segment[(r + 1, f)])
                {
                    svg.Line(X(r + 1), Y(f), X(r + 1), Y(f) + cellH, "border");
                }

                if (f < 5 && segment[(r, f)] != segment[(r, f + 1)])
                {
                    svg.Line(X(r), Y(f), X(r) + cellW, Y(f), "border");
                }
            }
        }

        for (var s = 1; s <= 5; s++)
        {
            svg.Text(X(s) + (cellW / 2), top + (5 * cellH) + 18, "R" + s.ToString(CultureInfo.InvariantCulture), "tick", "middle");
            svg.Text(left - 8, Y(s) + (cellH / 2) + 4, "F" + s.ToString(CultureInfo.InvariantCulture), "tick", "end");
        }

        // The colour legend: the shade of 0, half and all of the fullest cell's customers.
        var legendX = left + (5 * cellW) + 24;
        svg.Text(legendX, top + 10, "Customers per cell", "label");
        for (var step = 0; step <= 4; step++)
        {
            var count = (int)Math.Round(max * step / 4.0);
            svg.Cell(legendX, top + 22 + (step * 24), 22, 18, Shade((double)count / max), "cell", null, null);
            svg.Text(legendX + 30, top + 36 + (step * 24), count.ToString("N0", CultureInfo.InvariantCulture), "tick");
        }

        svg.Text(legendX, top + 160, "Thick lines:", "tick");
        svg.Text(legendX, top + 176, "segment borders", "tick");
        svg.Text(left + (2.5 * cellW), top + (5 * cellH) + 40, "Recency score (5 = bought most recently); cells: customers", "axis-title", "middle");
        svg.Text(14, top + (2.5 * cellH), "Frequency score (5 = most purchase days)", "axis-title", "middle", -90);
        return Chart.Drawn(id, title, svg.ToString(), "How to read: right is bought recently, up is bought often; darker cells hold more customers, and the name in a cell is its segment.");
    }

    public static Chart ParetoCurve(Report report)
    {
        const string id = "chart-pareto", title = "Value tiers: cumulative share of revenue by share of customers";
        if (report.Rfm is not { Tiers: { } tiers } section || section.ParetoCurve.Count < 2)
        {
            return Chart.Missing(id, title, "No positive revenue: no value tiers.");
        }

        const double height = 380, bottom = height - 60;
        var n = tiers.Customers.Count;
        var a = tiers.Tiers.First(t => t.Tier == Crm.Metrics.Segments.ValueTier.A);
        var b = tiers.Tiers.First(t => t.Tier == Crm.Metrics.Segments.ValueTier.B);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Curve of the share of revenue held by the top share of {n:N0} customers. Tier A, {(double)a.Customers / n:0.0 %} of customers, holds {a.ValueShare:0.0 %} of revenue; tier B, the next {(double)b.Customers / n:0.0 %}, holds {b.ValueShare:0.0 %}.");
        var svg = new Svg(id, Width, height, title, description);
        Heading(svg, title);
        var x = new Axis(0, 1, Left, Width - Right);
        var y = new Axis(0, 1, bottom, Top);
        y.DrawVertical(svg, Left, Width - Right, "Share of revenue (%)", Percent);
        x.DrawHorizontal(svg, bottom, "Share of customers, highest revenue first (%)", Percent);
        svg.Line(x[0], y[0], x[1], y[1], "ref");
        foreach (var (share, label) in new[] { (0.80, "A ends at 80 % of revenue"), (0.95, "B ends at 95 %") })
        {
            svg.Line(Left, y[share], Width - Right, y[share], "mark");
            svg.Text(Width - Right - 4, y[share] + 14, label, "tick", "end");
        }

        var aEnd = (double)a.Customers / n;
        svg.Line(x[aEnd], bottom, x[aEnd], Top, "mark");
        svg.Text(x[aEnd] + 4, bottom - 8, string.Create(CultureInfo.InvariantCulture, $"A: top {aEnd:0.0 %} of customers"), "tick");
        svg.Polyline(section.ParetoCurve.Select(p => (x[p.CustomerShare], y[p.RevenueShare])), "l1", section.ParetoCurve.Select(p => p.RevenueShare));
        svg.LegendEntry(Width - 270, bottom - 44, "l1", "cumulative revenue share", line: true);
        svg.LegendEntry(Width - 270, bottom - 26, "ref", "equal shares (every customer alike)", line: true);
        return Chart.Drawn(id, title, svg.ToString(), "How to read: the curve shows what share of revenue the best customers bring; the further it bulges above the diagonal, the more revenue rests on a few customers.");
    }

    public static Chart ClvHistogram(Report report)
    {
        const string id = "chart-clv", title = "Predicted CLV: customers by 52-week CLV";
        if (report.Models?.ClvDistribution is not { } clv)
        {
            return Chart.Missing(id, title, "No CLV: BG/NBD and Gamma-Gamma were not both fitted (see the notes).");
        }

        const double height = 380, bottom = height - 64;
        var currency = report.Card.Currency.Code;
        var bins = clv.Bins;
        var width = (double)(bins[0].To!.Value - bins[0].From);
        var top = (double)bins[^1].From + width;
        var x = new Axis(0, top, Left, Width - Right);
        var y = Axis.Rounded(0, bins.Max(b => b.Customers), bottom, Top);
        var share = clv.TopDecileShare is { } s ? ReportBuilder.Percent(s) : "an undefined share";
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Histogram of the predicted 52-week CLV of {clv.Customers:N0} customers in {bins.Count} bars of {ReportBuilder.Money((decimal)width, currency)}{(bins[^1].To is null ? ", the last open-ended" : string.Empty)}. The top decile starts at {ReportBuilder.Money(clv.TopDecileFrom, currency)} and holds {share} of the total.");
        var svg = new Svg(id, Width, height, title, description);
        Heading(svg, title);
        y.DrawVertical(svg, Left, Width - Right, "Customers (count)", Count);
        foreach (var bin in bins)
        {
            var from = (double)bin.From;
            var to = from + width;
            // The bar the threshold cuts holds customers of both groups: it gets its own colour, not "the others".
            var top10 = bin.From >= clv.TopDecileFrom;
            var cut = !top10 && (bin.To is null || bin.To > clv.TopDecileFrom);
            var range = bin.To is { } end ? $"{ReportBuilder.Money(bin.From, currency)} to {ReportBuilder.Money(end, currency)}" : $"{ReportBuilder.Money(bin.From, currency)} and above";
            svg.Rect(x[from] + 1, y[bin.Customers], x[to] - x[from] - 2, y[0] - y[bin.Customers], top10 ? "s1" : cut ? "s2" : "s3", bin.Customers.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{range}: {bin.Customers:N0} customers"));

            // Bars of the top decile are short on a scale set by the many low values: each says its count, and the
            // open-ended last bar says where it starts.
            if ((top10 || cut) && bin.Customers > 0)
            {
                svg.Text((x[from] + x[to]) / 2, y[bin.Customers] - 4, bin.Customers.ToString("N0", CultureInfo.InvariantCulture), "tick", "middle");
            }

            if (bin.To is null)
            {
                svg.Text((x[from] + x[to]) / 2, y[bin.Customers] - 18, "≥ " + ReportBuilder.Money(bin.From, currency).Replace(".00 " + currency, string.Empty, StringComparison.Ordinal), "tick", "middle");
            }
        }

        var ticks = Enumerable.Range(0, bins.Count + 1).Where(i => i % Math.Max(1, (bins.Count + 5) / 6) == 0).Select(i => i * width).ToList();
        x.DrawHorizontal(svg, bottom, $"Predicted CLV ({currency}; the last bar is open-ended)", v => ReportBuilder.Money((decimal)v, currency).Replace(".00 " + currency, string.Empty, StringComparison.Ordinal), ticks);
        var threshold = x[Math.Min(top, (double)clv.TopDecileFrom)];
        svg.Line(threshold, Top, threshold, bottom, "mark");
        svg.Text(threshold + 4, Top + 12, $"top decile from {ReportBuilder.Money(clv.TopDecileFrom, currency)}: {share} of total CLV", "tick");
        svg.LegendEntry(Width - 230, Top + 34, "s1", "bars in the top decile", line: false);
        svg.LegendEntry(Width - 230, Top + 52, "s2", "the bar the threshold cuts", line: false);
        svg.LegendEntry(Width - 230, Top + 70, "s3", "the other customers", line: false);
        return Chart.Drawn(id, title, svg.ToString(), "How to read: most customers sit in the short bars on the left; the top decile, from its threshold bar on, holds much of the total value.");
    }

    public static Chart TrackingByFrequency(Report report)
    {
        const string id = "chart-by-frequency", title = "Holdout repeat purchases per customer by calibration repeat purchases (x)";
        if (report.Models?.BgNbdTracking is not { } tracking)
        {
            return Chart.Missing(id, title, "No holdout: no comparison by frequency.");
        }

        const double height = 380, bottom = height - 64;
        var pareto = report.Models.ParetoNbdTracking;
        var bins = tracking.ByFrequency;
        var series = pareto is null ? 2 : 3;
        var max = Enumerable.Range(0, bins.Count).Max(i => Math.Max(bins[i].ActualMean, Math.Max(bins[i].ExpectedMean, pareto?.ByFrequency[i].ExpectedMean ?? 0)));
        var y = Axis.Rounded(0, max, bottom, Top);
        var slot = (Width - Left - Right) / bins.Count;
        var bar = (slot - 14) / series;
        var description = "Grouped bars per x, the customers' repeat purchases in calibration: actual holdout mean, BG/NBD"
            + (pareto is null ? string.Empty : " and Pareto/NBD") + " expected mean. "
            + string.Join("; ", bins.Select((b, i) => string.Create(CultureInfo.InvariantCulture, $"x={Label(b)}: {b.ActualMean:0.00} vs {b.ExpectedMean:0.00}")));
        var svg = new Svg(id, Width, height, title, description);
        Heading(svg, title);
        y.DrawVertical(svg, Left, Width - Right, "Holdout repeat purchases (mean per customer)", v => v.ToString("0.#", CultureInfo.InvariantCulture));
        for (var i = 0; i < bins.Count; i++)
        {
            var b = bins[i];
            var x0 = Left + (i * slot) + 7;
            var values = new List<(double Value, string Css, string Name)> { (b.ActualMean, "s1", "actual"), (b.ExpectedMean, "s2", "BG/NBD") };
            if (pareto is not null)
            {
                values.Add((pareto.ByFrequency[i].ExpectedMean, "s3", "Pareto/NBD"));
            }

            for (var k = 0; k < values.Count; k++)
            {
                var (value, css, name) = values[k];
                svg.Rect(x0 + (k * bar), y[value], bar - 1, y[0] - y[value], css, Svg.R(value),
                    string.Create(CultureInfo.InvariantCulture, $"x={Label(b)} ({b.Customers:N0} customers), {name}: {value:0.000}"));
            }

            svg.Text(Left + (i * slot) + (slot / 2), bottom + 17, Label(b), "tick", "middle");
        }

        svg.Line(Left, bottom, Width - Right, bottom, "axis");
        svg.Text((Left + Width - Right) / 2, bottom + 36, "Repeat purchases in the calibration period (x; the last group is open-ended)", "axis-title", "middle");
        svg.LegendEntry(Left + 12, Top + 14, "s1", "actual", line: false);
        svg.LegendEntry(Left + 12, Top + 32, "s2", "BG/NBD expected", line: false);
        if (pareto is not null)
        {
            svg.LegendEntry(Left + 12, Top + 50, "s3", "Pareto/NBD expected", line: false);
        }

        return Chart.Drawn(id, title, svg.ToString(), "How to read: for each group of past repeat purchases (x), the bars compare what customers then bought in the holdout with what each model expected; close bars mean good predictions.");

        static string Label(Crm.Metrics.Lifetime.FrequencyBin b) => b.Frequency.ToString(CultureInfo.InvariantCulture) + (b.IsOpenEnded ? "+" : string.Empty);
    }

    private static void Heading(Svg svg, string title) => svg.Text(12, 22, title, "chart-title");

    /// <summary>A sequential shade from near white (0) to dark blue (1): light to dark in grey too.</summary>
    private static string Shade(double value)
    {
        var t = Math.Clamp(value, 0, 1);
        int Mix(int from, int to) => (int)Math.Round(from + ((to - from) * t));
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(0xf3, 0x0b):x2}{Mix(0xf6, 0x3d):x2}{Mix(0xfa, 0x6b):x2}");
    }

    private static string Range(IEnumerable<double?> values)
    {
        var defined = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return defined.Count == 0
            ? "nowhere (no cohort is old enough)"
            : string.Create(CultureInfo.InvariantCulture, $"from {defined.Min():0.0 %} to {defined.Max():0.0 %}");
    }

    private static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("0", CultureInfo.InvariantCulture);

    private static string Fit(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Slug(string name) =>
        string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}
