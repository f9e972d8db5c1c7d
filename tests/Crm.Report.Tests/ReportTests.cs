using System.Globalization;
using System.Text.Json;
using NodaTime.Testing;

namespace Crm.Report.Tests;

/// <summary>End-to-end: the program run in-process on small CSV fixtures (tests/Crm.Report.Tests/data) with hand-computed answers.</summary>
public sealed partial class ReportTests : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data");
    internal static readonly IClock Clock = new FakeClock(Instant.FromUtc(2026, 4, 2, 8, 0));
    private readonly string _temp = Directory.CreateTempSubdirectory("crm-report-tests").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ReportApp.Run(args, stdout, stderr, Clock);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The arguments naming every fixture file (tests/Crm.Report.Tests/data), then <paramref name="more"/>.</summary>
    internal static string[] AllFiles(params string[] more) =>
    [
        "--transactions", Path.Combine(Data, "transactions.csv"),
        "--surveys", Path.Combine(Data, "surveys.csv"),
        "--complaints", Path.Combine(Data, "complaints.csv"),
        "--costs", Path.Combine(Data, "costs.csv"),
        "--leads", Path.Combine(Data, "leads.csv"),
        "--interactions", Path.Combine(Data, "interactions.csv"),
        "--customers", Path.Combine(Data, "customers.csv"),
        .. more,
    ];

    /// <summary>CDNOW_sample.txt (sample id, date, dollars) converted to the transactions file the report reads, in <paramref name="folder"/>.</summary>
    internal static string CdnowTransactions(string folder)
    {
        var transactions = Path.Combine(folder, "cdnow.csv");
        File.WriteAllLines(transactions, File.ReadLines(Path.Combine(Data, "cdnow", "CDNOW_sample.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .Select(f => $"{int.Parse(f[1], CultureInfo.InvariantCulture)},{f[2][..4]}-{f[2][4..6]}-{f[2][6..]},{f[4]}")
            .Prepend("customer_id,occurred_at,amount"));
        return transactions;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static double? Value(JsonElement root, string metric) =>
        root.GetProperty("metrics").GetProperty(metric).GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    [Fact]
    public void The_fixture_gives_the_hand_computed_scorecard()
    {
        var (exit, output, error) = Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31", "--format", "json"));
        Assert.True(exit == 0, error);
        var json = Json(output);

        Assert.Equal("2026-03-01", json.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2026-03-31", json.GetProperty("period").GetProperty("to").GetString());
        Assert.Equal("UTC", json.GetProperty("period").GetProperty("zone").GetString());

        // Surveys: CSAT answers 5 and 3 (one skipped) → 1 of 2 top-2-box = 50 %; NPS one 10, one 6 → 0; CES 5.
        Assert.Equal(50.0, Value(json, "csat"));
        Assert.Equal(0.0, Value(json, "nps"));
        Assert.Equal(5.0, Value(json, "ces"));

        // March sales A 100 + A 40 (19:00 on 20 March in +01:00 is 17:00 UTC) + B 80 = 220; B's refund 30 → revenue 190;
        // AOV 220 / 3 = 73.3333; active A, B; A buys on two days → repeat 1/2.
        Assert.Equal(190.0, Value(json, "revenue"));
        Assert.Equal(73.3333, Value(json, "averageOrderValue"));
        Assert.Equal(0.5, Value(json, "repeatPurchaseRate"));

        // At start (a sale in the 365 days before March): A (10 Feb), C (1 Dec); A buys again → retention 1/2, churn 1/2.
        Assert.Equal(0.5, Value(json, "retentionRate"));
        Assert.Equal(0.5, Value(json, "churnRate"));
        var text = System.Text.RegularExpressions.Regex.Replace(Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31")).Out, @"\s+", " ");
        Assert.Contains("Churn rate 50.0 % 1 of the 2 customers who bought in the 365 days before the period did not buy in it (cohort method)", text, StringComparison.Ordinal);

        // Acquired in March: B (acquired_at 12 March) → CAC 310 / 1. Retention cost 300 over 15 Feb..16 Mar (30 days),
        // 16 of them in March → 160, per active customer 160 / 2 = 80.
        Assert.Equal(310.0, Value(json, "customerAcquisitionCost"));
        Assert.Equal(80.0, Value(json, "retentionCostPerCustomer"));

        // Cost of goods 60 + 20 + 50 − 20 reversed by the refund = 110; margin 190 − 110 = 80; CRM cost 310 + 160 + 100 = 570;
        // return on CRM spend (80 − 570) / 570 = −0.859649…
        Assert.Equal((80.0 - 570) / 570, Value(json, "crmReturnOnSpend")!.Value, 12);

        // Complaints: K1 answered in 2 h, resolved in 24 h (met 48 h); K2 4 h, 96 h (breached) → SLA 1/2;
        // 2 complaints / 2 active customers = 1.0; medians 3 h and 60 h.
        Assert.Equal(1.0, Value(json, "complaintRate"));
        Assert.Equal(0.5, Value(json, "slaCompliance"));
        Assert.Equal(3.0, json.GetProperty("metrics").GetProperty("firstResponseTime").GetProperty("medianHours").GetDouble());
        Assert.Equal(60.0, json.GetProperty("metrics").GetProperty("resolutionTime").GetProperty("medianHours").GetDouble());

        // Experience: CSAT 50, CES (5 − 1) / 6 × 100 = 66.67, complaints 100 × (1 − min(1, 1)) = 0 → mean 38.89.
        Assert.Equal((50 + (400.0 / 6) + 0) / 3, Value(json, "customerExperience")!.Value, 9);

        // Funnel: L1 and L2 enter in March (L3 entered in February); L1 is won → 1/2.
        Assert.Equal(0.5, Value(json, "conversionRate"));

        // Interactions in March: the care e-mail and the complaint call (the 2 April call is after the period).
        Assert.Equal(2, json.GetProperty("interactions").GetProperty("total").GetInt32());
    }

    [Fact]
    public void An_omitted_file_leaves_its_metrics_undefined_not_zero()
    {
        var (exit, output, error) = Run("--transactions", Path.Combine(Data, "transactions.csv"), "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json");
        Assert.True(exit == 0, error);
        var json = Json(output);

        Assert.Equal(190.0, Value(json, "revenue"));
        foreach (var metric in new[] { "csat", "nps", "ces", "customerAcquisitionCost", "retentionCostPerCustomer", "complaintRate", "slaCompliance", "conversionRate", "crmReturnOnSpend" })
        {
            Assert.True(Value(json, metric) is null, metric);
            Assert.False(string.IsNullOrEmpty(json.GetProperty("metrics").GetProperty(metric).GetProperty("reason").GetString()), metric);
        }

        var noTransactions = Json(Run("--surveys", Path.Combine(Data, "surveys.csv"), "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json").Out);
        Assert.Null(Value(noTransactions, "revenue"));
        Assert.Null(Value(noTransactions, "orders"));
        Assert.Equal(50.0, Value(noTransactions, "csat"));
    }

    [Fact]
    public void Without_dates_the_period_is_the_data_s_last_full_month()
    {
        // The latest activity is the support call on 2 April: April has just begun, so the period is March.
        var json = Json(Run(AllFiles("--format", "json")).Out);
        Assert.Equal("2026-03-01", json.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2026-03-31", json.GetProperty("period").GetProperty("to").GetString());

        // Without the interactions, the latest is K2's opening on 21 March: March is not complete → February.
        var withoutCalls = Json(Run("--transactions", Path.Combine(Data, "transactions.csv"), "--complaints", Path.Combine(Data, "complaints.csv"), "--format", "json").Out);
        Assert.Equal("2026-02-01", withoutCalls.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2026-02-28", withoutCalls.GetProperty("period").GetProperty("to").GetString());
    }

    [Fact]
    public void The_zone_decides_which_day_an_instant_falls_on()
    {
        // 23:30 UTC on 28 February is 00:30 on 1 March in Berlin; 23:30 UTC on 31 March is 01:30 on 1 April there.
        // A date-only value is the start of that day in the zone, so it is in March either way.
        var file = Path.Combine(_temp, "edges.csv");
        File.WriteAllText(file, "customer_id,occurred_at,amount\nA,2026-02-28T23:30:00Z,20\nA,2026-03-31T23:30:00Z,10\nB,2026-03-01,5\n");
        string[] march = ["--transactions", file, "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json"];

        var utc = Json(Run(march).Out);
        var berlin = Json(Run([.. march, "--zone", "Europe/Berlin"]).Out);

        Assert.Equal(10.0 + 5, Value(utc, "revenue"));
        Assert.Equal(20.0 + 5, Value(berlin, "revenue"));
        Assert.Equal("Europe/Berlin", berlin.GetProperty("period").GetProperty("zone").GetString());
    }

    public static TheoryData<string, string, string, string> Malformed => new()
    {
        // kind, file content, expected message start (FILE replaced by the path), expected reason fragment
        { "--transactions", "customer_id,occurred_at,amount\nA,2026-03-01,10\nA,2026-13-01,10\n", ":3: column occurred_at:", "is not a date" },
        { "--transactions", "customer_id,occurred_at,amount\nA,2026-03-01,1.234,5\n", ":2: column #4:", "the row has 4 fields, the header 3 (a value with a comma needs double quotes)" },
        { "--transactions", "customer_id,occurred_at,amount\n\nA,2026-03-01,1e3\n", ":3: column amount:", "is not a number" },
        { "--transactions", "customer_id,occurred_at,amount\nA,2026-03-01,\"10,5\"\n", ":2: column amount:", "is not a number" },
        { "--transactions", "customer_id,amount\nA,10\n", ":1: column occurred_at:", "required column is missing" },
        { "--transactions", "customer_id,occurred_at,amount,currency\nA,2026-03-01,10,XYZ\n", ":2: column currency:", "is not an ISO 4217 currency code" },
        { "--transactions", "customer_id,occurred_at,amount,currency\nA,2026-03-01,10,usd\n", ":2: column currency:", "must be upper-case" },
        { "--transactions", "customer_id,occurred_at,amount,currency\nA,2026-03-01,10,EUR\nB,2026-03-02,10,USD\n", ":3: column currency:", "differs from EUR first seen at" },
        { "--transactions", "customer_id,occurred_at,amount,channel\nA,2026-03-01,10,fax\n", ":2: column channel:", "is not one of: online, store" },
        { "--transactions", "customer_id,occurred_at,amount\nA,2026-03-01T10:00:00,10\n", ":2: column occurred_at:", "has no offset" },
        { "--transactions", "customer_id,occurred_at,amount\nA,2026-03-01,10\n\" A\",2026-03-01,10\n", ":3: column customer_id:", "must not start or end with white space (it has 2 characters, leading white space)" },
        { "--transactions", "customer_id,occurred_at,amount\n\"A\t\",2026-03-01,10\n", ":2: column customer_id:", "(it has 2 characters, trailing white space)" },
        { "--transactions", "customer_id,occurred_at,amount\n\"\u00a0 \",2026-03-01,10\n", ":2: column customer_id:", "must not be empty or white space" },
        { "--transactions", "customer_id,occurred_at,amount,cost\nA,2026-03-01,10,-2\n", ":2: column cost:", "is negative on a sale" },
        { "--transactions", "customer_id,occurred_at,amount,cost\nA,2026-03-01,10,two\n", ":2: column cost:", "is not a number" },
        { "--surveys", "customer_id,answered_at,kind,score\nA,2026-03-01,ces,5\nA,2026-03-01,star,5\n", ":3: column kind:", "is not one of: csat, nps, ces" },
        { "--surveys", "customer_id,answered_at,kind,score\nA,2026-03-01,csat,9\n", ":2: column score:", "scale" },
        { "--complaints", "case_id,customer_id,opened_at,first_response_at,resolved_at,target_hours\nK1,A,2026-03-05T10:00:00Z,,2026-03-04T10:00:00Z,48\n", ":2: column resolved_at:", "is before the opening" },
        { "--complaints", "case_id,customer_id,opened_at,first_response_at,resolved_at,target_hours\nK1,A,2026-03-05,2026-03-05,,0\n", ":2: column target_hours:", "not a positive number of hours" },
        { "--complaints", "case_id,customer_id,opened_at,first_response_at,resolved_at,target_hours\nK1,A,2026-03-05,,,\nK1,B,2026-03-05,,,\n", ":3: column case_id:", "already appears on line 2" },
        { "--costs", "kind,from,to,amount\nbribes,2026-03-01,2026-03-31,10\n", ":2: column kind:", "is not one of: acquisition, retention, other" },
        { "--costs", "kind,from,to,amount\nother,2026-03-31,2026-03-01,10\n", ":2: column to:", "is before from" },
        { "--leads", "lead_id,stage,reached_at\nL1,lead,2026-03-01\nL1,demo,2026-03-02\n", ":3: column stage:", "is not a stage of the funnel" },
        { "--customers", "customer_id,kind,name,time_zone\nA,person,Ann,Mars/Olympus\n", ":2: column time_zone:", "is not an IANA time zone id" },
        { "--customers", "customer_id,kind,name\nA,robot,Ann\n", ":2: column kind:", "is not one of: person, organisation" },
        { "--customers", "customer_id,kind,name,acquisition_channel\nA,person,Ann,web\n", ":2: column acquisition_channel:", "needs the acquisition instant (acquired_at)" },
        { "--customers", "customer_id,kind,name,email\nA,person,Ann,not-an-address\n", ":2: column email:", "'@'" },
        { "--interactions", "customer_id,occurred_at,channel,direction,purpose\nA,2026-03-01,phone,sideways,care\n", ":2: column direction:", "is not one of: inbound, outbound" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_row_stops_the_run_with_its_file_line_and_column(string option, string content, string location, string reason)
    {
        var file = Path.Combine(_temp, "input.csv");
        File.WriteAllText(file, content);

        var (exit, output, error) = Run(option, file, "--from", "2026-03-01", "--to", "2026-03-31");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var first = error.Split('\n')[0];
        Assert.StartsWith(file + location, first, StringComparison.Ordinal);
        Assert.Contains(reason, first, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public void Line_numbers_are_physical_lines_across_quoted_line_breaks_and_CRLF()
    {
        var file = Path.Combine(_temp, "t.csv");
        File.WriteAllText(file, "customer_id,occurred_at,amount,note\r\nA,2026-03-01,10,\"one\r\ntwo\r\nthree\"\r\nB,2026-03-01,ten,\r\n");

        var (exit, _, error) = Run("--transactions", file);

        Assert.Equal(2, exit);
        Assert.StartsWith(file + ":5: column amount: \"ten\" is not a number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_ten_problems_are_listed_then_a_count()
    {
        var file = Path.Combine(_temp, "t.csv");
        File.WriteAllText(file, "customer_id,occurred_at,amount\n" + string.Concat(Enumerable.Range(0, 13).Select(i => $"A,bad{i},1\n")));

        var (exit, output, error) = Run("--transactions", file);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var lines = error.TrimEnd().Split('\n');
        Assert.Equal(12, lines.Length);
        Assert.StartsWith(file + ":11: column occurred_at:", lines[9], StringComparison.Ordinal);
        Assert.Equal("... and 3 more problems", lines[10]);
        Assert.Equal("13 problems in the input; no report was written.", lines[11]);
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "unknown option --bogus")]
    [InlineData(new[] { "--transactions", "/no/such/file.csv" }, "--transactions: file not found: /no/such/file.csv")]
    [InlineData(new[] { "--from", "2026-03-01" }, "--from and --to go together")]
    [InlineData(new[] { "--from", "2026-03-31", "--to", "2026-03-01" }, "is after --to")]
    [InlineData(new[] { "--zone", "Mars/Olympus" }, "not an IANA time zone id")]
    [InlineData(new[] { "--format", "pdf" }, "--format: \"pdf\" is not text, json, html or csv")]
    [InlineData(new[] { "--format", "html" }, "--format html needs --out FILE")]
    [InlineData(new[] { "--currency", "EURO" }, "not an ISO 4217 currency code")]
    [InlineData(new[] { "--funnel", "lead" }, "at least two stages")]
    [InlineData(new[] { "--time-unit", "months" }, "is not days or weeks")]
    [InlineData(new[] { "--calibration-end", "2026-03-01", "--holdout-end", "2026-02-01" }, "must be after --calibration-end")]
    [InlineData(new[] { "--out" }, "option --out needs a value")]
    [InlineData(new[] { "report.csv" }, "unexpected argument")]
    public void A_bad_command_line_prints_usage_and_exits_2(string[] args, string message)
    {
        var (exit, output, error) = Run(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("Usage: crm-report", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_run_is_deterministic_and_has_every_contract_key()
    {
        var first = Run("--format", "json");
        var second = Run("--format", "json");

        Assert.True(first.Exit == 0, first.Err);
        Assert.Equal(first.Out, second.Out);
        var json = Json(first.Out);
        foreach (var key in new[] { "from", "to", "zone" })
        {
            Assert.Equal(JsonValueKind.String, json.GetProperty("period").GetProperty(key).ValueKind);
        }

        foreach (var metric in new[] { "csat", "nps", "ces", "retentionRate", "churnRate", "repeatPurchaseRate", "customerAcquisitionCost", "retentionCostPerCustomer", "conversionRate", "complaintRate", "slaCompliance", "revenue", "averageOrderValue", "customerExperience", "crmReturnOnSpend" })
        {
            // The demo company has data for every metric of the contract.
            Assert.True(Value(json, metric) is not null, metric);
        }

        Assert.Equal(JsonValueKind.Number, json.GetProperty("metrics").GetProperty("firstResponseTime").GetProperty("medianHours").ValueKind);
        Assert.Equal(JsonValueKind.Number, json.GetProperty("metrics").GetProperty("resolutionTime").GetProperty("medianHours").ValueKind);
        Assert.Equal("2026-10-01", json.GetProperty("period").GetProperty("from").GetString());

        // Models: calibration to the period's end by default, in weeks; both models fitted; ten customers by CLV.
        var models = json.GetProperty("models");
        Assert.Equal("weeks", models.GetProperty("timeUnit").GetString());
        Assert.Equal("2026-10-31", models.GetProperty("calibrationEnd").GetString());
        Assert.True(models.GetProperty("customers").GetInt32() > 1000);
        Assert.True(models.GetProperty("repeatTransactions").GetInt64() > 1000);
        foreach (var (model, keys) in new[] { ("bgNbd", new[] { "r", "alpha", "a", "b", "logLikelihood" }), ("paretoNbd", new[] { "r", "alpha", "s", "beta", "logLikelihood" }), ("gammaGamma", new[] { "p", "q", "gamma", "logLikelihood" }) })
        {
            Assert.All(keys, key => Assert.Equal(JsonValueKind.Number, models.GetProperty(model).GetProperty(key).ValueKind));
            Assert.Contains(models.GetProperty(model).GetProperty("status").GetString(), new[] { "converged", "no-further-progress" });
        }

        var top = models.GetProperty("clv").GetProperty("topCustomers").EnumerateArray().Select(c => c.GetProperty("clv").GetDecimal()).ToList();
        Assert.Equal(10, top.Count);
        Assert.Equal(top.OrderByDescending(v => v), top);

        // Each listed CLV with its 90 % interval from parameter draws, and the valued customers' totals: every interval
        // ordered, the total CLV's around its estimate, which is the sum of every valued customer's CLV.
        var clv = models.GetProperty("clv");
        Assert.All(clv.GetProperty("topCustomers").EnumerateArray(), c =>
        {
            var interval = c.GetProperty("clvInterval");
            Assert.True(interval.GetProperty("lower").GetDouble() <= interval.GetProperty("upper").GetDouble());
            Assert.InRange(c.GetProperty("probabilityAliveInterval").GetProperty("upper").GetDouble(), 0, 1);
        });
        var totals = clv.GetProperty("totals");
        Assert.Equal((0.9, 200), (totals.GetProperty("level").GetDouble(), totals.GetProperty("draws").GetInt32()));
        var totalClv = totals.GetProperty("clv");
        Assert.InRange(totalClv.GetProperty("estimate").GetDouble(), totalClv.GetProperty("lower").GetDouble(), totalClv.GetProperty("upper").GetDouble());
        Assert.True(totalClv.GetProperty("estimate").GetDouble() >= (double)top.Sum());
        Assert.InRange(totals.GetProperty("expectedCustomersAlive").GetProperty("upper").GetDouble(), 0, totals.GetProperty("customers").GetInt32());

        // The demo's customers file gives acquisition channels: BG/NBD with the channel as a covariate, measured from
        // the most common channel, each effect with its standard error and symmetric interval; nested in plain BG/NBD,
        // so its ln L is at least as high.
        var covariates = models.GetProperty("covariates");
        Assert.Equal(("acquisitionChannel", "search", "Converged"), (covariates.GetProperty("by").GetString(), covariates.GetProperty("baseline").GetString(), covariates.GetProperty("status").GetString()));
        Assert.True(covariates.GetProperty("likelihoodRatio").GetDouble() >= 0);
        var effects = covariates.GetProperty("parameters").EnumerateArray().Skip(4).ToList();
        Assert.Equal(covariates.GetProperty("effects").GetInt32(), effects.Count);
        Assert.Contains(effects, e => e.GetProperty("name").GetString() == "purchase:channel=referral");
        Assert.All(effects, e => Assert.Equal(
            e.GetProperty("value").GetDouble() - e.GetProperty("lower95").GetDouble(),
            e.GetProperty("upper95").GetDouble() - e.GetProperty("value").GetDouble(),
            9));

        // RFM: every customer with a sale up to the period's end counted once, in exactly one segment; tiers 80/15/5.
        var rfm = json.GetProperty("rfm");
        var segments = rfm.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(11, segments.Count);
        Assert.Equal(rfm.GetProperty("customers").GetInt32(), segments.Sum(s => s.GetProperty("customers").GetInt32()));
        Assert.Equal(models.GetProperty("customers").GetInt32(), rfm.GetProperty("customers").GetInt32());
        Assert.Equal(5, rfm.GetProperty("frequencyBins").GetArrayLength());
        Assert.Equal(rfm.GetProperty("customers").GetInt32(), rfm.GetProperty("clusters").EnumerateArray().Sum(c => c.GetProperty("customers").GetInt32()));
        Assert.Equal(rfm.GetProperty("customers").GetInt32(), rfm.GetProperty("lifecycle").EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.Equal(1.0, rfm.GetProperty("valueTiers").EnumerateArray().Sum(t => t.GetProperty("revenueShare").GetDouble()), 1e-9);

        // Churn early warning at the period's end, with P(alive) (the models are calibrated to that day): those at risk are
        // lost or slipping; the most urgent slipping customers are listed, highest risk first, each with a reason, none
        // with a P(alive) the lost threshold puts among the lost.
        var churn = json.GetProperty("churnRisk");
        Assert.True(churn.GetProperty("usesModel").GetBoolean());
        var atRisk = churn.GetProperty("customers").EnumerateArray().ToList();
        Assert.Equal(churn.GetProperty("high").GetInt32() + churn.GetProperty("medium").GetInt32(), churn.GetProperty("lost").GetInt32() + churn.GetProperty("slipping").GetInt32());
        Assert.True(churn.GetProperty("lost").GetInt32() > 0);
        Assert.Equal(Math.Min(100, churn.GetProperty("slipping").GetInt32()), atRisk.Count);
        Assert.All(atRisk, c => Assert.True(c.GetProperty("probabilityAlive").GetDouble() >= 0.05));

        // P(alive) a quarter ahead, if no purchase comes: below today's for anyone with a repeat purchase (BG/NBD: a
        // customer without one cannot have dropped out, so stays at 1).
        Assert.All(atRisk, c =>
        {
            var (today, ahead) = (c.GetProperty("probabilityAlive").GetDouble(), c.GetProperty("probabilityAliveIn13Weeks").GetDouble());
            Assert.InRange(ahead, 0, today);
            Assert.True(ahead < today || today == 1.0, $"{ahead} in 13 weeks against {today} today");
        });
        var ranks = atRisk.Select(c => c.GetProperty("risk").GetString() == "high" ? 2 : 1).ToList();
        Assert.Equal(ranks.OrderByDescending(r => r), ranks);
        Assert.All(atRisk, c => Assert.NotEmpty(c.GetProperty("reasons").EnumerateArray()));
    }

    [Fact]
    public void The_demo_with_a_holdout_shows_the_tracking_table()
    {
        var (exit, output, error) = Run("--calibration-end", "2026-04-30", "--holdout-end", "2026-10-31");
        Assert.True(exit == 0, error);

        Assert.Contains("Tracking: holdout repeat purchases per customer by calibration repeat purchases (x)", output, StringComparison.Ordinal);
        Assert.Contains("7+", output, StringComparison.Ordinal);
        Assert.Contains("threshold signals only", output, StringComparison.Ordinal); // calibrated before the period's end
    }

    [Fact]
    public void The_demo_text_report_fits_100_columns_and_has_its_sections()
    {
        var (exit, output, _) = Run();

        Assert.Equal(0, exit);
        Assert.All(output.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 100, line));
        foreach (var section in new[] { "CRM REPORT", "SCORECARD", "CONVERSION FUNNEL", "COHORT RETENTION", "FEEDBACK AND INTERACTIONS", "TOP CUSTOMERS BY REVENUE", "CUSTOMER-BASE MODELS", "Top customers by predicted 52-week CLV", "CHURN EARLY WARNING", "RFM SEGMENTS AND VALUE TIERS", "ASSESSMENT: 5C CRM PRINCIPLES", "ASSESSMENT: 6C ANALYSIS" })
        {
            Assert.Contains(section, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_demo_data_written_out_reads_back_to_the_same_report()
    {
        var folder = Path.Combine(_temp, "demo");
        Assert.Equal(0, Run("--write-demo", folder).Exit);
        string[] kinds = ["transactions", "surveys", "complaints", "costs", "leads", "interactions", "customers", "feedback"];
        var args = kinds.SelectMany(k => new[] { "--" + k, Path.Combine(folder, k + ".csv") }).Concat(["--format", "json"]).ToArray();

        var fromFiles = Json(Run(args).Out).GetProperty("metrics").GetRawText();
        var embedded = Json(Run("--format", "json").Out).GetProperty("metrics").GetRawText();

        Assert.Equal(embedded, fromFiles);
    }

    [Fact]
    public void Output_does_not_depend_on_the_machine_s_culture()
    {
        var invariant = Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31")).Out;
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(invariant, Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31")).Out);
            Assert.Equal("de-DE", CultureInfo.CurrentCulture.Name); // restored after the run
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Names_appear_only_with_show_names()
    {
        var hidden = Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31")).Out;
        var shown = Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31", "--show-names")).Out;

        Assert.DoesNotContain("Alice", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@", hidden, StringComparison.Ordinal);
        Assert.Contains("Alice Example", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_writes_the_whole_report_to_a_file_and_nothing_to_stdout()
    {
        var target = Path.Combine(_temp, "report.json");

        var (exit, output, _) = Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31", "--format", "json", "--out", target));

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal(190.0, Value(Json(File.ReadAllText(target)), "revenue"));
        Assert.False(File.Exists(target + ".tmp"));
    }

    [Fact]
    public void Help_prints_the_usage_and_exits_0()
    {
        var (exit, output, _) = Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("--transactions FILE", output, StringComparison.Ordinal);
    }
}
