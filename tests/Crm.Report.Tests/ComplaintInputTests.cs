using System.Text.Json;

namespace Crm.Report.Tests;

/// <summary>The complaints file: a case resolved without a reply is read as such, not refused and not given an invented reply.</summary>
public sealed class ComplaintInputTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("crm-report-complaints").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void A_resolved_case_with_no_first_response_counts_as_closed_without_a_reply()
    {
        var transactions = Path.Combine(_temp, "t.csv");
        var complaints = Path.Combine(_temp, "c.csv");
        File.WriteAllLines(transactions, ["customer_id,occurred_at,amount", "a,2026-03-02,10", "b,2026-03-03,20"]);
        File.WriteAllLines(complaints,
        [
            "case_id,customer_id,opened_at,first_response_at,resolved_at,target_hours",
            "k1,a,2026-03-05T10:00:00Z,2026-03-05T12:00:00Z,2026-03-05T20:00:00Z,24",
            "k2,b,2026-03-06T10:00:00Z,,2026-03-06T16:00:00Z,24",
        ]);

        var (exit, output, err) = ReportTests.Run("--transactions", transactions, "--complaints", complaints, "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json");

        Assert.True(exit == 0, err);
        var metrics = JsonDocument.Parse(output).RootElement.GetProperty("metrics");
        var response = metrics.GetProperty("firstResponseTime");
        Assert.Equal(1, response.GetProperty("count").GetInt32());
        Assert.Equal(0, response.GetProperty("unanswered").GetInt32());
        Assert.Equal(2.0, response.GetProperty("medianHours").GetDouble());
        Assert.Equal(2, metrics.GetProperty("resolutionTime").GetProperty("count").GetInt32());
    }
}
