using System.Globalization;
using Crm.Metrics.Assessments;

namespace Crm.Report.Output;

/// <summary>An assessment with fewer than three scored dimensions: one bar per dimension instead of a radar.</summary>
internal static partial class Charts
{
    private static Chart AssessmentBars(EvidenceAssessment assessment)
    {
        var name = assessment.Framework.Name;
        var id = "chart-bars-" + Slug(assessment.Framework.Key);
        var title = $"{name} assessment from evidence (0-100 per dimension)";
        var dimensions = assessment.Dimensions;
        const double labelWidth = 190, rowHeight = 30;
        var bottom = Top + 20 + (dimensions.Count * rowHeight);
        var height = bottom + 70;
        var description = $"Bars of {name}, one per dimension: " + string.Join(", ", dimensions.Select(d => d.Score is { } s ? string.Create(CultureInfo.InvariantCulture, $"{d.Key} {s:0}") : $"{d.Key} not scored"))
            + ". Bars, not a radar: fewer than three dimensions could be scored.";
        var svg = new Svg(id, Width, height, title, description);
        Heading(svg, title);
        var x = new Axis(0, 100, labelWidth, Width - Right - 60);
        for (var i = 0; i < dimensions.Count; i++)
        {
            var d = dimensions[i];
            var y = Top + 20 + (i * rowHeight);
            svg.Text(labelWidth - 8, y + 18, d.Key, d.Score is null ? "label muted" : "label", "end");
            if (d.Score is { } score)
            {
                svg.Rect(x[0], y + 4, x[score] - x[0], rowHeight - 10, "s1", Svg.R(score), string.Create(CultureInfo.InvariantCulture, $"{d.Key}: {score:0.#}"));
                svg.Text(x[score] + 6, y + 18, score.ToString("0", CultureInfo.InvariantCulture), "value");
            }
            else
            {
                svg.Text(x[0] + 6, y + 18, "not scored: no evidence in the data", "label muted");
            }
        }

        x.DrawHorizontal(svg, bottom, "Score from evidence (0 = worst, 100 = best)", v => v.ToString("0", CultureInfo.InvariantCulture), [0, 20, 40, 60, 80, 100]);
        return Chart.Drawn(id, title, svg.ToString(), "How to read: each bar is a dimension scored 0-100 from the data, longer is better; a dimension without a bar could not be scored.");
    }
}
