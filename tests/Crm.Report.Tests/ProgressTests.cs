using System.Text.Json;
using Crm.Report.Cli;
using NodaTime.Testing;

namespace Crm.Report.Tests;

/// <summary>
/// Progress on stderr: a redirected run writes one <c>crm-report:</c> line per phase and only the report on stdout;
/// <c>--quiet</c> writes nothing on success and still writes errors in their FILE:LINE form.
/// </summary>
public sealed class ProgressTests
{
    private static readonly IClock Clock = new FakeClock(Instant.FromUtc(2026, 4, 2, 8, 0));

    private static (int Exit, string Out, string Err) Run(ProgressMode mode, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ReportApp.Run(args, stdout, stderr, Clock, mode);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_redirected_run_writes_a_line_per_phase_on_stderr_and_only_the_report_on_stdout()
    {
        var run = Run(ProgressMode.Lines, ReportTests.AllFiles("--format", "json"));

        Assert.Equal(0, run.Exit);
        using var json = JsonDocument.Parse(run.Out);
        var lines = run.Err.TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.Matches(@"^crm-report: .+ \(\d+\.\d s\)$", line));
        Assert.Contains(lines, l => l.StartsWith("crm-report: read ", StringComparison.Ordinal) && l.Contains("transactions.csv: 6 rows", StringComparison.Ordinal));
        Assert.Equal(
            ["scorecard of", "segments", "customer-base models", "wrote the json report"],
            lines.Where(l => !l.StartsWith("crm-report: read ", StringComparison.Ordinal)).Select(l => Phase(l)).ToArray());
        Assert.DoesNotContain('\r', run.Err);
    }

    [Fact]
    public void Quiet_writes_nothing_on_stderr_on_success()
    {
        var run = Run(ProgressMode.Terminal, ReportTests.AllFiles("--format", "json", "--quiet"));

        Assert.Equal(0, run.Exit);
        Assert.Equal(string.Empty, run.Err);
        using var json = JsonDocument.Parse(run.Out);
    }

    [Fact]
    public void Quiet_still_writes_errors_in_their_file_line_form()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-progress-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "customer_id,occurred_at,amount\nc1,2026-03-02,12.50\nc2,not-a-date,3\n");
        try
        {
            var run = Run(ProgressMode.Lines, "--transactions", file, "--quiet");

            Assert.Equal(2, run.Exit);
            Assert.Equal(string.Empty, run.Out);
            Assert.StartsWith($"{file}:3: column occurred_at:", run.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The phase's words, without the file-specific tail: "scorecard of 2026-03-01..." → "scorecard of".</summary>
    private static string Phase(string line)
    {
        var text = line["crm-report: ".Length..line.LastIndexOf(" (", StringComparison.Ordinal)];
        return text.StartsWith("scorecard of", StringComparison.Ordinal) ? "scorecard of"
            : text.StartsWith("wrote the json report", StringComparison.Ordinal) ? "wrote the json report"
            : text;
    }
}
