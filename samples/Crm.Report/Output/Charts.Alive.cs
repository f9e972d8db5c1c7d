using System.Globalization;
using Crm.Domain;
using Crm.Metrics.Lifetime;

namespace Crm.Report.Output;

/// <summary>P(alive) over frequency and recency: the BG/NBD model's answer for each (x, t_x) at the base's longest age.</summary>
internal static partial class Charts
{
    private const int AliveColumns = 10;

    public static Chart AliveMap(Report report)
    {
        const string id = "chart-alive", title = "P(alive) by repeat purchases and recency (BG/NBD)";
        if (report.Models is not { BgNbd: { IsConverged: true } fit } models || models.Summary.Customers.Count == 0)
        {
            return Chart.Missing(id, title, "No P(alive) map: the BG/NBD model was not fitted (see the notes).");
        }

        var unit = models.Summary.TimeUnit;
        var age = models.Summary.Customers.Max(c => c.Age.Value);
        var frequencies = models.Summary.Customers.Select(c => c.Frequency).Order().ToList();
        var rows = Math.Clamp(frequencies[(int)(0.95 * (frequencies.Count - 1))], 3, 15) + 1;
        var grid = AliveGrid(fit.Model, rows, age, unit);
        const double labelWidth = 90, rowHeight = 22;
        var cell = (Width - labelWidth - Right) / AliveColumns;
        var top = Top + 14;
        var bottom = top + (rows * rowHeight);
        var height = bottom + 90;
        var unitName = ModelsSection.Unit(unit);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Heat map of the probability a customer is still active, for a customer first seen {age:0} {unitName} ago, by repeat purchases (rows, 0 to {rows - 1}) and the time of the last one (columns, from the first purchase to now). It ranges from {grid.Where(g => g.Value is not null).Min(g => g.Value):0.00} to {grid.Where(g => g.Value is not null).Max(g => g.Value):0.00}.");
        var svg = new Svg(id, Width, height, title, description);
        Heading(svg, title);
        foreach (var (x, column, value) in grid)
        {
            if (value is not { } p)
            {
                continue;
            }

            var cx = labelWidth + (column * cell);
            var cy = bottom - ((x + 1) * rowHeight);
            svg.Cell(cx, cy, cell, rowHeight, Shade(p), "cell", Svg.R(p), x == 0 ? string.Create(CultureInfo.InvariantCulture, $"no repeat purchase: P(alive) {p:0.00}") : string.Create(CultureInfo.InvariantCulture, $"{x} repeat purchases, the last at {Recency(column, age):0} {unitName}: P(alive) {p:0.00}"));
            svg.Text(cx + (cell / 2), cy + 15, p.ToString("0.00", CultureInfo.InvariantCulture), p > 0.5 ? "cell-text dark" : "cell-text", "middle");
        }

        for (var x = 0; x < rows; x++)
        {
            svg.Text(labelWidth - 6, bottom - (x * rowHeight) - 7, x.ToString(CultureInfo.InvariantCulture), "tick", "end");
        }

        for (var column = 0; column < AliveColumns; column += 3)
        {
            svg.Text(labelWidth + (column * cell) + (cell / 2), bottom + 14, Recency(column, age).ToString("0", CultureInfo.InvariantCulture), "tick", "middle");
        }

        svg.Text(labelWidth + (AliveColumns * cell / 2), bottom + 32, string.Create(CultureInfo.InvariantCulture, $"Last repeat purchase, {unitName} after the first (the customer was first seen {age:0} {unitName} ago)"), "axis-title", "middle");
        svg.Text(14, (top + bottom) / 2, "Repeat purchases (x)", "axis-title", "middle", -90);
        svg.Text(labelWidth, bottom + 56, "Row 0 has one cell: without a repeat purchase there is no last one to date.", "legend");
        return Chart.Drawn(id, title, svg.ToString(), "How to read: darker is more likely still buying; customers who bought often but not lately (top left) are the ones slipping away, those who bought recently (right) are probably still active.");
    }

    /// <summary>The middle of recency column <paramref name="column"/>, in the model's unit.</summary>
    private static double Recency(int column, double age) => (column + 0.5) * age / AliveColumns;

    /// <summary>P(alive) for x = 0 .. rows − 1 and each recency column; null where no customer can be (x = 0 with a last repeat purchase).</summary>
    internal static List<(int X, int Column, double? Value)> AliveGrid(BgNbdModel model, int rows, double age, ModelTimeUnit unit)
    {
        var id = new CustomerId("grid");
        var grid = new List<(int, int, double?)>();
        for (var x = 0; x < rows; x++)
        {
            for (var column = 0; column < AliveColumns; column++)
            {
                double? value = null;
                if (x > 0)
                {
                    value = model.ProbabilityAlive(new CustomerSummary(id, x, new BtydRecency(ModelTime.In(Recency(column, age), unit)), ModelTime.In(age, unit)));
                }
                else if (column == 0)
                {
                    value = model.ProbabilityAlive(new CustomerSummary(id, 0, default, ModelTime.In(age, unit)));
                }

                grid.Add((x, column, value));
            }
        }

        return grid;
    }
}
