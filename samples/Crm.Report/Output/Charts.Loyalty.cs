using System.Globalization;

namespace Crm.Report.Output;

/// <summary>The loyalty programme's tier migration: a matrix of members by tier before the period and at its end.</summary>
internal static partial class Charts
{
    public static Chart TierMigration(Report report)
    {
        const string id = "chart-tier-migration", title = "Tier migration: members by tier before the period and at its end";
        if (report.Loyalty is not { } loyalty)
        {
            return Chart.Missing(id, title, "No loyalty programme: give --programme, --members and --points.");
        }

        var mig = loyalty.Migration;
        var n = mig.Tiers.Count;
        var total = mig.Counts.Sum(r => r.Sum());
        if (total == 0)
        {
            return Chart.Missing(id, title, "No member in the period: nobody was a member before it or joined in it.");
        }

        const double labelWidth = 130, cell = 78, rowHeight = 40;
        var top = Top + 40;
        var width = Math.Max(Width, labelWidth + (n * cell) + Right + 20);
        var height = top + (n * rowHeight) + 90;
        var max = mig.Counts.SelectMany(r => r).Max();
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Matrix of {total:N0} members over {n} tiers (no tier first). {mig.Upgrades:N0} moved up (above the diagonal), {mig.Downgrades:N0} moved down (below it), the rest stayed (on it); {mig.Joined:N0} joined and {mig.Left:N0} left in the period. Darker cells hold more members.");
        var svg = new Svg(id, width, height, title, description);
        Heading(svg, title);
        svg.Text(labelWidth + (n * cell / 2), top - 26, "On the period's last day", "axis-title", "middle");
        for (var j = 0; j < n; j++)
        {
            svg.Text(labelWidth + (j * cell) + (cell / 2), top - 8, mig.Tiers[j], "tick", "middle");
        }

        for (var i = 0; i < n; i++)
        {
            var y = top + (i * rowHeight);
            svg.Text(labelWidth - 8, y + (rowHeight / 2) + 4, mig.Tiers[i], "tick", "end");
            for (var j = 0; j < n; j++)
            {
                var count = mig.Counts[i][j];
                var x = labelWidth + (j * cell);
                var share = max == 0 ? 0 : (double)count / max;
                var move = j > i ? "up" : j < i ? "down" : "stayed";
                svg.Cell(x, y, cell, rowHeight, Shade(share), "cell", count.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"{mig.Tiers[i]} to {mig.Tiers[j]} ({move}): {count:N0} members"));
                svg.Text(x + (cell / 2), y + (rowHeight / 2) + 4, count.ToString("N0", CultureInfo.InvariantCulture), share > 0.5 ? "cell-text dark" : "cell-text", "middle");
            }
        }

        var bottom = top + (n * rowHeight);
        svg.Text(14, (top + bottom) / 2, "The day before the period", "axis-title", "middle", -90);
        svg.Text(labelWidth, bottom + 24, string.Create(CultureInfo.InvariantCulture, $"On the diagonal: kept their tier. Right of it: moved up ({mig.Upgrades:N0}); left of it: moved down ({mig.Downgrades:N0})."), "legend");
        svg.Text(labelWidth, bottom + 44, string.Create(CultureInfo.InvariantCulture, $"Joined in the period: {mig.Joined:N0} (from no tier); left: {mig.Left:N0} (to no tier)."), "legend");
        svg.Text(labelWidth, bottom + 64, string.Create(CultureInfo.InvariantCulture, $"{loyalty.DueForDowngrade:N0} of the {loyalty.Members:N0} members at the end hold their tier only by its grace period."), "legend");
        return Chart.Drawn(id, title, svg.ToString(), "How to read: members on the diagonal kept their tier, right of it moved up, left of it moved down; darker cells hold more members.");
    }
}
