using System.Text.Json;

namespace Crm.Report.Tests;

/// <summary>
/// The loyalty programme inputs (<c>--programme</c>, <c>--members</c>, <c>--points</c>): the section, its JSON and
/// rows on a small hand-computed data set, the demo's programme, and malformed input refused with its line.
/// </summary>
public sealed class LoyaltyInputTests : IDisposable
{
    private const string Programme = """
        {
          "tiers": [
            { "name": "Silver", "qualifySpend": 100, "windowDays": 30, "graceDays": 10 },
            { "name": "Gold", "qualifyPoints": 1000, "windowDays": 30, "graceDays": 0 }
          ],
          "expiryMonths": 12,
          "pointValue": { "amount": 0.01, "currency": "EUR" }
        }
        """;

    private readonly string _temp = Directory.CreateTempSubdirectory("crm-report-loyalty").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string File(string name, params string[] lines)
    {
        var path = Path.Combine(_temp, name);
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    private string[] Args(string? programme = null, string[]? members = null, string[]? points = null, params string[] more)
    {
        var transactions = File("t.csv", "customer_id,occurred_at,amount,currency", "A,2026-02-10,50,EUR", "A,2026-03-05,120,EUR", "B,2026-03-12,200,EUR", "D,2026-03-03,80,EUR");
        return
        [
            "--transactions", transactions,
            "--programme", File("programme.json", programme ?? Programme),
            "--members", File("members.csv", members ?? ["customer_id,joined_at,left_at", "A,2025-06-01,", "B,2026-03-10,2026-03-25"]),
            "--points", File("points.csv", points ?? ["customer_id,occurred_at,kind,points,source,reason", "A,2026-03-05T12:00:00Z,earn,1200,purchase,", "A,2026-03-20,redeem,300,,", "B,2026-03-12,earn,200,,", "B,2026-03-25,expire,200,,", "E,2026-03-15,adjust,50,,goodwill"]),
            "--from", "2026-03-01", "--to", "2026-03-31",
            .. more,
        ];
    }

    [Fact]
    public void The_section_json_and_rows_show_the_hand_computed_figures()
    {
        var (exit, output, err) = ReportTests.Run(Args(more: ["--format", "json"]));
        Assert.True(exit == 0, err);
        var loyalty = JsonDocument.Parse(output).RootElement.GetProperty("loyaltyProgramme");

        // Members at the end: A (B left on 25 March). Issued 1,200 + 200; redeemed 300; expired B's 200; adjusted
        // E +50; outstanding A 900 + E 50 = 950, worth 9.50 EUR. A holds Gold (1,200 points on 5 March).
        Assert.Equal(1, loyalty.GetProperty("members").GetInt64());
        var points = loyalty.GetProperty("points");
        Assert.Equal((1400L, 300L, 200L, 50L, 950L), (points.GetProperty("issued").GetInt64(), points.GetProperty("redeemed").GetInt64(), points.GetProperty("expired").GetInt64(), points.GetProperty("adjusted").GetInt64(), points.GetProperty("outstanding").GetInt64()));
        Assert.Equal(9.5m, loyalty.GetProperty("liability").GetProperty("amount").GetDecimal());
        Assert.Equal(0.4, loyalty.GetProperty("breakage").GetProperty("value").GetDouble(), 12);
        Assert.Equal(1, loyalty.GetProperty("tiers").EnumerateArray().Single(t => t.GetProperty("tier").GetString() == "Gold").GetProperty("members").GetInt64());
        foreach (var key in new[] { "activeMembers", "enrolmentRate", "redemptionRate", "migration", "dueForDowngrade" })
        {
            Assert.True(loyalty.TryGetProperty(key, out _), key);
        }

        var effect = loyalty.GetProperty("effect");
        Assert.Equal(1, effect.GetProperty("members").GetProperty("customers").GetInt64());
        Assert.Equal(2, effect.GetProperty("nonMembers").GetProperty("customers").GetInt64());
        Assert.True(effect.TryGetProperty("beforeAfter", out _));

        var text = ReportTests.Run(Args()).Out;
        Assert.Contains("LOYALTY PROGRAMME", text, StringComparison.Ordinal);
        Assert.Contains("Liability     9.50 EUR (950 points outstanding at 0.01 EUR)", text, StringComparison.Ordinal);
        Assert.Contains("observational comparison", text, StringComparison.Ordinal);

        var csv = ReportTests.Run(Args(more: ["--format", "csv"])).Out;
        Assert.Contains("LoyaltyProgramme,liability,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_members_and_points_rows_are_refused_with_their_line_and_column()
    {
        var (exit, _, err) = ReportTests.Run(Args(
            members: ["customer_id,joined_at,left_at", "A,2025-06-01,", "A,2025-07-01,", "B,2026-03-10,2026-03-01"],
            points: ["customer_id,occurred_at,kind,points,source,reason", "A,2026-03-05,earn,100,,", "A,2026-03-06,gift,5,,", "A,2026-03-07,redeem,-5,,", "A,2026-03-08,adjust,5,,", "A,2026-03-09,redeem,5,,oops", "A,2026-03-10,earn,5,shop,", "A,2026-03-11,redeem,500,,"]));
        Assert.Equal(2, exit);
        var members = Path.Combine(_temp, "members.csv");
        var points = Path.Combine(_temp, "points.csv");
        Assert.Contains($"{members}:3: column customer_id: has a membership on an earlier line", err, StringComparison.Ordinal);
        Assert.Contains($"{members}:4: column left_at: is not after joined_at", err, StringComparison.Ordinal);
        Assert.Contains($"{points}:3: column kind: \"gift\" is not earn, redeem, expire or adjust", err, StringComparison.Ordinal);
        Assert.Contains($"{points}:4: column points: is -5;", err, StringComparison.Ordinal);
        Assert.Contains($"{points}:5: column reason: is empty; an adjust row says why", err, StringComparison.Ordinal);
        Assert.Contains($"{points}:6: column reason: is given for a redeem row", err, StringComparison.Ordinal);
        Assert.Contains($"{points}:7: column source: \"shop\" is not purchase, campaign or partner", err, StringComparison.Ordinal);
        Assert.Contains($"{points}:8: column points: the member's balance would go 400 points below zero here", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_programme_is_refused_with_its_line_and_field()
    {
        const string bad = """
            {
              "tiers": [
                { "name": "Silver", "qualifySpend": 100, "windowDays": 30 },
                { "name": "Gold", "qualifyPoints": 1000, "windowDays": 0 },
                { "name": "Both", "qualifySpend": 1, "qualifyPoints": 1, "windowDays": 5 }
              ],
              "colour": "gold",
              "pointValue": { "amount": 0.01, "currency": "euro" }
            }
            """;
        var (exit, _, err) = ReportTests.Run(Args(programme: bad));
        Assert.Equal(2, exit);
        var file = Path.Combine(_temp, "programme.json");
        Assert.Contains($"{file}:5: field tiers[2]: needs exactly one rule", err, StringComparison.Ordinal);
        Assert.Contains($"{file}:7: field colour: is not a field of a programme", err, StringComparison.Ordinal);
        Assert.Contains($"{file}:8: field pointValue.currency:", err, StringComparison.Ordinal);

        var (exit2, _, err2) = ReportTests.Run(Args(programme: "{ \"tiers\": [ { \"name\": \"G\", \"qualifyPoints\": 1, \"windowDays\": 0 } ], \"pointValue\": { \"amount\": 1, \"currency\": \"EUR\" } }"));
        Assert.Equal(2, exit2);
        Assert.Contains($"{file}:1: field tiers[0].windowDays: The qualification window is 1 to 3660 days.", err2, StringComparison.Ordinal);

        var (exit3, _, err3) = ReportTests.Run(Args(programme: "{ \"tiers\": [ }"));
        Assert.Equal(2, exit3);
        Assert.Contains($"{file}:1: field (json): is not valid JSON", err3, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_go_together_and_are_documented()
    {
        var (exit, _, err) = ReportTests.Run("--members", File("m.csv", "customer_id,joined_at"));
        Assert.Equal(2, exit);
        Assert.Contains("--members needs --programme FILE", err, StringComparison.Ordinal);
        Assert.Contains("--programme needs --members FILE", ReportTests.Run("--programme", File("p.json", Programme)).Err, StringComparison.Ordinal);
        var help = ReportTests.Run("--help").Out;
        foreach (var option in new[] { "--programme FILE", "--members FILE", "--points FILE", "qualifySpend", "earn | redeem | expire | adjust" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_demo_company_has_a_programme_and_writes_its_three_files()
    {
        var json = JsonDocument.Parse(ReportTests.Run("--format", "json").Out).RootElement.GetProperty("loyaltyProgramme");
        Assert.Equal(["no tier", "Bean", "Silver", "Gold"], json.GetProperty("migration").GetProperty("tiers").EnumerateArray().Select(t => t.GetString()));
        Assert.True(json.GetProperty("members").GetInt64() > 100);

        var folder = Path.Combine(_temp, "demo");
        Assert.Equal(0, ReportTests.Run("--write-demo", folder).Exit);
        foreach (var name in new[] { "programme.json", "members.csv", "points.csv" })
        {
            Assert.True(System.IO.File.Exists(Path.Combine(folder, name)), name);
        }

        Assert.True(System.IO.File.ReadAllLines(Path.Combine(folder, "points.csv")).Length > 2000);
        string[] kinds = ["transactions", "surveys", "complaints", "costs", "leads", "interactions", "customers", "feedback", "members", "points"];
        var args = kinds.SelectMany(k => new[] { "--" + k, Path.Combine(folder, k + ".csv") }).Concat(["--programme", Path.Combine(folder, "programme.json"), "--format", "json"]).ToArray();
        var fromFiles = JsonDocument.Parse(ReportTests.Run(args).Out).RootElement.GetProperty("loyaltyProgramme").GetRawText();
        Assert.Equal(json.GetRawText(), fromFiles);
    }
}
