using System.Text.Json;

namespace Crm.Report.Tests;

/// <summary>
/// The discrete-occasions input (<c>--discrete</c>): BG/BB on the donations patterns in the report and its JSON, alone
/// or with other inputs, and malformed rows refused with their line and column.
/// </summary>
public sealed class DiscreteInputTests : IDisposable
{
    private static readonly string Donations = Path.Combine(AppContext.BaseDirectory, "data", "donations", "donations.csv");
    private readonly string _temp = Directory.CreateTempSubdirectory("crm-report-discrete").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Given_alone_it_fits_bg_bb_and_leaves_the_other_sections_empty()
    {
        var (exit, output, err) = ReportTests.Run("--discrete", Donations, "--format", "json");

        Assert.True(exit == 0, err);
        var root = JsonDocument.Parse(output).RootElement;
        var bgBb = root.GetProperty("models").GetProperty("bgBb");

        // α, β, γ, δ = 1.204, 0.750, 0.657, 2.783; ln L −33,225.58; AIC = 8 − 2 ln L.
        Assert.Equal((1.204, 0.750, 0.657, 2.783), (Round(bgBb, "alpha", 3), Round(bgBb, "beta", 3), Round(bgBb, "gamma", 3), Round(bgBb, "delta", 3)));
        Assert.Equal(-33225.58, Round(bgBb, "logLikelihood", 2));
        Assert.Equal(8 - (2 * bgBb.GetProperty("logLikelihood").GetDouble()), bgBb.GetProperty("aic").GetDouble(), 1e-9);
        Assert.True(bgBb.GetProperty("bic").GetDouble() > bgBb.GetProperty("aic").GetDouble());
        Assert.Equal("converged", bgBb.GetProperty("status").GetString());

        // 22 patterns of 11,104 donors; P(alive next) 0.11, 0.59, 0.93 for (0, 0), (2, 4), (6, 6); 12,884.2 expected over five.
        var patterns = bgBb.GetProperty("patterns").EnumerateArray().ToList();
        Assert.Equal(22, patterns.Count);
        Assert.Equal(11104, patterns.Sum(p => p.GetProperty("customers").GetInt64()));
        double Alive(int x, int tx) => Math.Round(patterns.Single(p => p.GetProperty("frequency").GetInt32() == x && p.GetProperty("recency").GetInt32() == tx).GetProperty("probabilityAliveNext").GetDouble(), 2);
        Assert.Equal((0.11, 0.59, 0.93), (Alive(0, 0), Alive(2, 4), Alive(6, 6)));
        Assert.Equal(12884.2, patterns.Sum(p => p.GetProperty("customers").GetInt64() * p.GetProperty("expectedNext5").GetDouble()), 0.1);

        // No demo company: the purchase models and the scorecard's data are absent, not the demo's.
        Assert.False(root.GetProperty("models").TryGetProperty("bgNbd", out _));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("metrics").GetProperty("revenue").GetProperty("value").ValueKind);

        var text = ReportTests.Run("--discrete", Donations).Out;
        Assert.Contains("BG/BB        alpha 1.204  beta 0.750  gamma 0.657  delta 2.783", text, StringComparison.Ordinal);
        Assert.Contains("--discrete FILE", ReportTests.Run("--help").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void It_combines_with_the_purchase_models()
    {
        var transactions = Path.Combine(_temp, "t.csv");
        File.WriteAllLines(transactions, ["customer_id,occurred_at,amount", "a,2026-01-02,10", "a,2026-02-03,20", "b,2026-01-05,15", "b,2026-03-01,5", "c,2026-02-10,7"]);

        var (exit, output, err) = ReportTests.Run("--transactions", transactions, "--discrete", Donations, "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json");

        Assert.True(exit == 0, err);
        var models = JsonDocument.Parse(output).RootElement.GetProperty("models");
        Assert.True(models.TryGetProperty("bgNbd", out _));
        Assert.Equal(-33225.58, Round(models.GetProperty("bgBb"), "logLikelihood", 2));
    }

    [Fact]
    public void Malformed_rows_are_refused_with_their_line_and_column()
    {
        var file = Path.Combine(_temp, "d.csv");
        File.WriteAllLines(file, ["frequency,recency,periods,weights", "1,0,6,10", "2,4,6,-3", "x,1,6,1", "7,7,6,1", "1,1,6,5"]);

        var (exit, output, err) = ReportTests.Run("--discrete", file);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains($"{file}:2: column frequency:", err, StringComparison.Ordinal);
        Assert.Contains($"{file}:3: column weights:", err, StringComparison.Ordinal);
        Assert.Contains($"{file}:4: column frequency: \"x\" is not a whole number", err, StringComparison.Ordinal);
        Assert.Contains($"{file}:5: column recency:", err, StringComparison.Ordinal);
        Assert.Contains("4 problems in the input", err, StringComparison.Ordinal);
    }

    private static double Round(JsonElement e, string key, int decimals) => Math.Round(e.GetProperty(key).GetDouble(), decimals);
}
