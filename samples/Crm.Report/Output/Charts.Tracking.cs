using System.Globalization;
using Crm.Metrics.Lifetime;

namespace Crm.Report.Output;

/// <summary>Holdout tracking: repeat purchases week by week, actual against each model that converged.</summary>
internal static partial class Charts
{
    public static Chart TrackingCumulative(Report report)
    {
        const string id = "chart-tracking", title = "Tracking: cumulative repeat purchases, actual vs each model";
        if (report.Models?.BgNbdTracking is not { Cumulative.Count: > 1 } tracking)
        {
            return Chart.Missing(id, title, "No holdout: give --calibration-end and --holdout-end to compare the models' predictions with what happened.");
        }

        var points = tracking.Cumulative;
        var models = Models(report.Models, tracking);
        var max = Math.Max(points[^1].Actual, models.Max(m => m.Points.Max(p => p.Expected)));
        var (svg, x, y, day) = TrackingFrame(report.Models, points, id, title, "Repeat purchases (cumulative count)", max,
            string.Create(CultureInfo.InvariantCulture, $"Lines over {points.Count} periods from {points[0].Date:uuuu-MM-dd} to {points[^1].Date:uuuu-MM-dd}: actual cumulative repeat purchases end at {points[^1].Actual:N0}; {string.Join("; ", models.Select(m => $"{m.Name} expects {m.Points[^1].Expected:N0}"))}."));
        svg.Polyline(points.Select(p => (x[day(p.Date)], y[p.Actual])), "l1", points.Select(p => (double)p.Actual));
        svg.LegendEntry(Left + 12, Top + 14, "l1", "actual", line: true);
        for (var k = 0; k < models.Count; k++)
        {
            var m = models[k];
            svg.Polyline(m.Points.Select(p => (x[day(p.Date)], y[p.Expected])), m.Css, m.Points.Select(p => p.Expected));
            svg.LegendEntry(Left + 12, Top + 32 + (18 * k), m.Css, m.Name + " expected", line: true);
        }

        return Chart.Drawn(id, title, svg.ToString(), "How to read: left of the calibration line the models were fitted; right of it, the closer a model's line stays to the actual one, the better it predicts.");
    }

    public static Chart TrackingIncremental(Report report)
    {
        const string id = "chart-incremental", title = "Tracking: repeat purchases per period, actual vs each model";
        if (report.Models?.BgNbdTracking is not { Cumulative.Count: > 1 } tracking)
        {
            return Chart.Missing(id, title, "No holdout: give --calibration-end and --holdout-end to compare the models' predictions with what happened.");
        }

        var points = tracking.Cumulative;
        var models = Models(report.Models, tracking);
        var actual = Increments(points.Select(p => (double)p.Actual).ToList());
        var expected = models.Select(m => Increments(m.Points.Select(p => p.Expected).ToList())).ToList();
        var max = Math.Max(actual.Max(), expected.Max(e => e.Max()));
        var (svg, x, y, day) = TrackingFrame(report.Models, points, id, title, "Repeat purchases in the period (count)", max,
            string.Create(CultureInfo.InvariantCulture, $"Bars of the actual repeat purchases in each of {points.Count} periods from {points[0].Date:uuuu-MM-dd} to {points[^1].Date:uuuu-MM-dd} (from {actual.Min():N0} to {actual.Max():N0}), with a line per model's expectation."));
        var width = Math.Max(1, (x[day(points[^1].Date)] - x[day(points[0].Date)]) / points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var cx = x[day(points[i].Date)];
            svg.Rect(cx - (width / 2), y[actual[i]], Math.Max(1, width - 1), y[0] - y[actual[i]], "s3", Svg.R(actual[i]), string.Create(CultureInfo.InvariantCulture, $"{points[i].Date:uuuu-MM-dd}: {actual[i]:N0} repeat purchases"));
        }

        svg.LegendEntry(Left + 12, Top + 14, "s3", "actual", line: false);
        for (var k = 0; k < models.Count; k++)
        {
            svg.Polyline(points.Select((p, i) => (x[day(p.Date)], y[expected[k][i]])), models[k].Css, expected[k]);
            svg.LegendEntry(Left + 12, Top + 32 + (18 * k), models[k].Css, models[k].Name + " expected", line: true);
        }

        return Chart.Drawn(id, title, svg.ToString(), "How to read: bars are what customers bought again in each period, lines what each model expected; in the holdout, lines that run through the bars predict well, and a line above them overestimates.");
    }

    /// <summary>Each model's cumulative curve with its line style: BG/NBD always, Pareto/NBD and MBG/NBD when they converged.</summary>
    private static List<(string Name, string Css, IReadOnlyList<CumulativePoint> Points)> Models(ModelsSection section, HoldoutTracking bgNbd)
    {
        var models = new List<(string, string, IReadOnlyList<CumulativePoint>)> { ("BG/NBD", "l2", bgNbd.Cumulative) };
        if (section.ParetoNbdTracking is { } pareto && pareto.Cumulative.Count == bgNbd.Cumulative.Count)
        {
            models.Add(("Pareto/NBD", "l3", pareto.Cumulative));
        }

        if (section.MbgNbdTracking is { } mbg && mbg.Cumulative.Count == bgNbd.Cumulative.Count)
        {
            models.Add(("MBG/NBD", "l4", mbg.Cumulative));
        }

        return models;
    }

    private static List<double> Increments(List<double> cumulative) =>
        [.. cumulative.Select((v, i) => i == 0 ? v : v - cumulative[i - 1])];

    /// <summary>The frame both tracking charts share: axes, the date ticks, the calibration line.</summary>
    private static (Svg Svg, Axis X, Axis Y, Func<NodaTime.LocalDate, double> Day) TrackingFrame(ModelsSection models, IReadOnlyList<CumulativePoint> points, string id, string title, string yTitle, double max, string description)
    {
        const double height = 390, bottom = height - 66;
        var calibrationEnd = models.Summary.CalibrationEnd;
        var day0 = points[0].Date;
        double Day(NodaTime.LocalDate date) => NodaTime.Period.Between(day0, date, NodaTime.PeriodUnits.Days).Days;
        var x = new Axis(0, Day(points[^1].Date), Left, Width - Right);
        var y = Axis.Rounded(0, max, bottom, Top);
        var svg = new Svg(id, Width, height, title, description + string.Create(CultureInfo.InvariantCulture, $" A vertical line marks the calibration end, {calibrationEnd:uuuu-MM-dd}; the holdout lies to its right."));
        Heading(svg, title);
        y.DrawVertical(svg, Left, Width - Right, yTitle, Count);
        var ticks = Enumerable.Range(0, 6).Select(i => points[(int)Math.Round(i * (points.Count - 1) / 5.0)]).Select(p => Day(p.Date)).Distinct().ToList();
        x.DrawHorizontal(svg, bottom, $"Date ({(models.Summary.TimeUnit == ModelTimeUnit.Weeks ? "week" : "day")} ends, local dates)", d => day0.PlusDays((int)d).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), ticks);
        var boundary = x[Day(calibrationEnd)];
        svg.Line(boundary, Top, boundary, bottom, "mark");
        svg.Text(boundary - 4, Top + 12, "calibration", "tick", "end");
        svg.Text(boundary + 4, Top + 12, "holdout", "tick");
        return (svg, x, y, Day);
    }
}
