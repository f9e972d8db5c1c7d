using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime.Testing;

namespace Crm.Report.Tests;

/// <summary>The demo report as a manager reads it: words, not code names; lists wrapped between items; clusters named.</summary>
public sealed partial class ReadabilityTests
{
    private static readonly IClock Clock = new FakeClock(Instant.FromUtc(2026, 11, 2, 8, 0));
    private static readonly string[] Args = ["--calibration-end", "2026-06-30", "--holdout-end", "2026-10-31"];

    private static string Run(params string[] more)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(ReportApp.Run([.. Args, .. more], stdout, stderr, Clock) == 0, stderr.ToString());
        return stdout.ToString();
    }

    [Fact]
    public void The_text_report_has_no_code_names_no_plural_in_brackets_and_no_line_over_100_columns()
    {
        var lines = Run().Split('\n');

        Assert.DoesNotContain(lines, l => l.Contains("(s)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => CodeName().IsMatch(l));
        Assert.DoesNotContain(lines, l => new StringInfo(l.TrimEnd('\r')).LengthInTextElements > 100);

        // Growth names the window it compares with: October against all of September.
        var growth = string.Join(" ", lines.SkipWhile(l => !l.Contains("Sales growth", StringComparison.Ordinal)).Take(2).Select(l => l.Trim()));
        Assert.Contains("Sales growth vs previous month", growth, StringComparison.Ordinal);
        Assert.Contains("revenue of 2026-09-01..2026-09-30", growth, StringComparison.Ordinal);
    }

    [Fact]
    public void Bins_wrap_between_items_and_clusters_are_named_by_their_centroids()
    {
        var lines = Run().Split('\n');
        var bins = lines.SkipWhile(l => !l.StartsWith("Bins (score", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        var clusters = lines.SkipWhile(l => !l.StartsWith("k-means clusters", StringComparison.Ordinal)).Where(l => l.Contains(" customers  R ", StringComparison.Ordinal)).Take(4).ToList();

        // A continuation line starts with a whole item ("5: 280, 84.28-949.02"), never inside one.
        Assert.All(bins.Where(l => l.StartsWith("      ", StringComparison.Ordinal)), l => Assert.Matches(@"^ {6}\d: ", l));
        Assert.Equal(4, clusters.Count);
        Assert.All(clusters, l => Assert.Matches(@"^  (recent|lapsed) · (frequent|occasional) · (high|low) spend", l));
        Assert.Contains(lines, l => l.StartsWith("Lifecycle from behaviour: new ", StringComparison.Ordinal) && l.Contains("at risk", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("M0 is the acquisition month itself.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_json_names_each_cluster_as_the_text_does()
    {
        using var json = JsonDocument.Parse(Run("--format", "json"));
        var names = json.RootElement.GetProperty("rfm").GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();

        Assert.Equal(4, names.Count);
        Assert.All(names, n => Assert.Matches(@"^(recent|lapsed) · (frequent|occasional) · (high|low) spend", n));
    }

    // PascalCase words of two or more parts (an enum or type name), or a dotted API member.
    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][a-zA-Z]*\b|\b[A-Z]\w+\.[A-Z]\w+\b")]
    private static partial Regex CodeName();
}
