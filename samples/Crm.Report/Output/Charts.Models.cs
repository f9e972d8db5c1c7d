using System.Globalization;

namespace Crm.Report.Output;

/// <summary>The calibration fit: customers by repeat purchases, actual against what BG/NBD expects.</summary>
internal static partial class Charts
{
    private const int FitGroups = 8; // x = 0 … 6 and 7+

    public static Chart FrequencyFit(Report report)
    {
        const string id = "chart-frequency-fit", title = "Calibration fit: customers by repeat purchases, actual vs BG/NBD expected";
        if (report.Models is not { BgNbd: { IsConverged: true } fit } models || models.Summary.Customers.Count == 0)
        {
            return Chart.Missing(id, title, "No converged BG/NBD fit: no calibration fit to show (see the notes).");
        }

        // Expected customers with x repeat purchases: Σ P(X(T) = x) over the customers, grouped by their age T (few
        // distinct values), the last group 1 − the others.
        var actual = new double[FitGroups];
        var expected = new double[FitGroups];
        foreach (var group in models.Summary.Customers.GroupBy(c => c.Age))
        {
            var below = 0.0;
            for (var x = 0; x < FitGroups - 1; x++)
            {
                var p = fit.Model.ProbabilityOfPurchases(x, group.Key);
                below += p;
                expected[x] += p * group.Count();
            }

            expected[FitGroups - 1] += Math.Max(0, 1 - below) * group.Count();
            foreach (var customer in group)
            {
                actual[Math.Min(customer.Frequency, FitGroups - 1)]++;
            }
        }

        const double height = 380, bottom = height - 64;
        var y = Axis.Rounded(0, Math.Max(actual.Max(), expected.Max()), bottom, Top);
        var slot = (Width - Left - Right) / FitGroups;
        var bar = (slot - 14) / 2;
        string Group(int x) => x == FitGroups - 1 ? $"{x}+" : x.ToString(CultureInfo.InvariantCulture);
        var description = string.Create(CultureInfo.InvariantCulture, $"Grouped bars per x, the repeat purchases in calibration of {models.Summary.Customers.Count:N0} customers: actual customers and BG/NBD expected. ")
            + string.Join("; ", Enumerable.Range(0, FitGroups).Select(x => string.Create(CultureInfo.InvariantCulture, $"x={Group(x)}: {actual[x]:N0} vs {expected[x]:N1}")));
        var svg = new Svg(id, Width, height, title, description);
        Heading(svg, title);
        y.DrawVertical(svg, Left, Width - Right, "Customers (count)", Count);
        for (var x = 0; x < FitGroups; x++)
        {
            var x0 = Left + (x * slot) + 7;
            svg.Rect(x0, y[actual[x]], bar - 1, y[0] - y[actual[x]], "s1", Svg.R(actual[x]), string.Create(CultureInfo.InvariantCulture, $"x={Group(x)}: {actual[x]:N0} customers"));
            svg.Rect(x0 + bar, y[expected[x]], bar - 1, y[0] - y[expected[x]], "s2", Svg.R(expected[x]), string.Create(CultureInfo.InvariantCulture, $"x={Group(x)}: {expected[x]:N1} expected"));
            svg.Text(Left + (x * slot) + (slot / 2), bottom + 17, Group(x), "tick", "middle");
        }

        svg.Line(Left, bottom, Width - Right, bottom, "axis");
        svg.Text((Left + Width - Right) / 2, bottom + 36, "Repeat purchases in the calibration period (x; the last group is open-ended)", "axis-title", "middle");
        svg.LegendEntry(Width - 230, Top + 14, "s1", "actual customers", line: false);
        svg.LegendEntry(Width - 230, Top + 32, "s2", "BG/NBD expected", line: false);
        return Chart.Drawn(id, title, svg.ToString(), "How to read: for each number of repeat purchases, the customers who made it beside the number BG/NBD expects; pairs of equal height mean the model fits the data.");
    }
}
