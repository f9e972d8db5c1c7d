using System.Globalization;

namespace Crm.Report.Output;

/// <summary>The twelve-month trends: revenue and active customers; retention and NPS.</summary>
internal static partial class Charts
{
    private const string NoTrend = "No trend: no purchases to compute monthly scorecards from.";

    public static Chart TrendRevenue(Report report)
    {
        const string id = "chart-trend-revenue", title = "The last twelve months: revenue and active customers";
        if (report.Trend is not { Months.Count: > 0 } trend)
        {
            return Chart.Missing(id, title, NoTrend);
        }

        var months = trend.Months;
        var currency = trend.Currency.Code;
        const double height = 380, bottom = height - 70, right = Width - 70;
        var x = new Axis(-0.5, months.Count - 0.5, Left, right);
        var revenue = Axis.Rounded(Math.Min(0, (double)months.Min(m => m.Revenue)), Math.Max(1, (double)months.Max(m => m.Revenue)), bottom, Top);
        var customers = Axis.Rounded(0, Math.Max(1, months.Max(m => m.ActiveCustomers)), bottom, Top);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Bars of net revenue ({currency}) and a line of active customers for {months.Count} months, {months[0].Month:uuuu-MM} to {months[^1].Month:uuuu-MM}: revenue from {months.Min(m => m.Revenue):N0} to {months.Max(m => m.Revenue):N0}, active customers from {months.Min(m => m.ActiveCustomers):N0} to {months.Max(m => m.ActiveCustomers):N0}.");
        var svg = new Svg(id, Width, height, title, description);
        Heading(svg, title);
        revenue.DrawVertical(svg, Left, right, $"Net revenue ({currency})", v => v.ToString("N0", CultureInfo.InvariantCulture));
        foreach (var tick in customers.Ticks())
        {
            svg.Text(right + 6, customers[tick] + 4, tick.ToString("N0", CultureInfo.InvariantCulture), "tick");
        }

        svg.Text(Width - 12, (Top + bottom) / 2, "Active customers (count)", "axis-title", "middle", 90);
        var bar = (right - Left) / months.Count * 0.7;
        for (var i = 0; i < months.Count; i++)
        {
            var m = months[i];
            var top = revenue[Math.Max(0, (double)m.Revenue)];
            svg.Rect(x[i] - (bar / 2), top, bar, revenue[Math.Min(0, (double)m.Revenue)] - top, "s3", Svg.R(m.Revenue), string.Create(CultureInfo.InvariantCulture, $"{m.Month:uuuu-MM}: {m.Revenue:N2} {currency}"));
            svg.Text(x[i], bottom + 16, m.Month.ToString("MM", CultureInfo.InvariantCulture), "tick", "middle");
        }

        svg.Polyline(months.Select((m, i) => (x[i], customers[m.ActiveCustomers])), "l1", months.Select(m => (double)m.ActiveCustomers));
        svg.Text((Left + right) / 2, bottom + 36, string.Create(CultureInfo.InvariantCulture, $"Month ({months[0].Month:uuuu-MM} to {months[^1].Month:uuuu-MM})"), "axis-title", "middle");
        svg.LegendEntry(Left + 12, Top + 14, "s3", "net revenue (left axis)", line: false);
        svg.LegendEntry(Left + 12, Top + 32, "l1", "active customers (right axis)", line: true);
        return Chart.Drawn(id, title, svg.ToString(), "How to read: bars are each month's net revenue against the left axis, the line its customers with a sale against the right; bars rising faster than the line mean customers spent more each.");
    }

    public static Chart TrendRetention(Report report)
    {
        const string id = "chart-trend-retention", title = "The last twelve months: retention and NPS";
        if (report.Trend is not { Months.Count: > 0 } trend)
        {
            return Chart.Missing(id, title, NoTrend);
        }

        var months = trend.Months;
        const double height = 380, bottom = height - 70;
        var x = new Axis(-0.5, months.Count - 0.5, Left, Width - Right);
        var low = Math.Min(0, months.Select(m => m.Nps ?? 0).Min());
        var y = new Axis(Math.Floor(low / 25) * 25, 100, bottom, Top);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Two lines over {months.Count} months, {months[0].Month:uuuu-MM} to {months[^1].Month:uuuu-MM}: retention in percent ({string.Join(", ", months.Select(m => m.Retention is { } r ? (r * 100).ToString("0", CultureInfo.InvariantCulture) : "n/a"))}) and NPS ({string.Join(", ", months.Select(m => m.Nps is { } n ? n.ToString("0", CultureInfo.InvariantCulture) : "n/a"))}); a month without a value leaves a gap.");
        var svg = new Svg(id, Width, height, title, description);
        Heading(svg, title);
        y.DrawVertical(svg, Left, Width - Right, "Retention (%) and NPS (-100 to 100)", v => (Math.Round(v) == 0 ? 0 : Math.Round(v)).ToString("0", CultureInfo.InvariantCulture));
        for (var i = 0; i < months.Count; i++)
        {
            svg.Text(x[i], bottom + 16, months[i].Month.ToString("MM", CultureInfo.InvariantCulture), "tick", "middle");
        }

        Segments(svg, x, y, months.Select(m => m.Retention * 100).ToList(), "l1");
        Segments(svg, x, y, months.Select(m => m.Nps).ToList(), "l2");
        svg.Text((Left + Width - Right) / 2, bottom + 36, string.Create(CultureInfo.InvariantCulture, $"Month ({months[0].Month:uuuu-MM} to {months[^1].Month:uuuu-MM})"), "axis-title", "middle");
        svg.LegendEntry(Left + 12, Top + 14, "l1", "retention (%)", line: true);
        svg.LegendEntry(Left + 12, Top + 32, "l2", "NPS", line: true);
        return Chart.Drawn(id, title, svg.ToString(), "How to read: retention is the share of last year's buyers who bought in the month, NPS the promoters' share less the detractors'; a line falling for months is a trend, one month's dip is often noise.");
    }

    /// <summary>A line through the defined values, broken where a value is missing.</summary>
    private static void Segments(Svg svg, Axis x, Axis y, List<double?> values, string css)
    {
        var run = new List<(double X, double Y, double Value)>();
        void Flush()
        {
            if (run.Count > 0)
            {
                svg.Polyline(run.Select(p => (p.X, p.Y)), css, run.Select(p => p.Value));
                run.Clear();
            }
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                run.Add((x[i], y[v], v));
            }
            else
            {
                Flush();
            }
        }

        Flush();
    }
}
