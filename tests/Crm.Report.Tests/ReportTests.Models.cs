using System.Text.Json;

namespace Crm.Report.Tests;

/// <content>The assessments and the models of the report: hand-computed and published values.</content>
public sealed partial class ReportTests
{
    [Fact]
    public void The_fixture_s_evidence_based_assessments_are_the_hand_computed_scores()
    {
        var (exit, output, error) = Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31", "--format", "json"));
        Assert.True(exit == 0, error);
        var assessments = Json(output).GetProperty("assessments").EnumerateArray().ToList();
        Assert.Equal(["5C-CRM", "6C"], assessments.Select(a => a.GetProperty("framework").GetString()));
        JsonElement Dimension(int framework, string key) => assessments[framework].GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("key").GetString() == key);

        // Satisfaction: CSAT 50 % → 50 and NPS 0 → (0 + 100) / 2 = 50, mean 50, with both as evidence.
        var satisfaction = Dimension(0, "Satisfaction");
        Assert.Equal(50.0, satisfaction.GetProperty("score").GetDouble());
        Assert.Equal(["CSAT (percent)", "NPS"], satisfaction.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("metric").GetString()));

        // Communication: first response median of 2 h and 4 h = 3 h → 100 × min(1, 24 / 3) = 100; complaints resolved
        // 2 of 2 → 100; channels used in March: e-mail and phone, 2 of 5 → 40; mean (100 + 100 + 40) / 3 = 80.
        var communication = Dimension(0, "Communication");
        Assert.Equal(80.0, communication.GetProperty("score").GetDouble(), 9);
        Assert.Equal([100.0, 100.0, 40.0], communication.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("score").GetDouble()));

        // Customer: 2 of 3 profiles with a contact point and a zone → 66.67; Knowledge: no needs or preferences → 0
        // (evidence that says none, not missing evidence); Concern: no special day in March → unscored.
        Assert.Equal(66.67, Math.Round(Dimension(0, "Customer").GetProperty("score").GetDouble(), 2));
        Assert.Equal(0.0, Dimension(0, "Knowledge").GetProperty("score").GetDouble());
        Assert.Equal(JsonValueKind.Null, Dimension(0, "Concern").GetProperty("score").ValueKind);

        // Overall over the four scored: (50 + 80 + 66.67 + 0) / 4 = 49.17, and the headline says it covers 4 of 5.
        Assert.Equal(49.17, Math.Round(assessments[0].GetProperty("overall").GetDouble(), 2));
        Assert.Equal(4, assessments[0].GetProperty("scoredDimensions").GetInt32());
        var (_, text, _) = Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31"));
        Assert.Contains("ASSESSMENT: 5C CRM PRINCIPLES (from evidence; overall 49 / 100 over 4 of 5 dimensions)", text, StringComparison.Ordinal);

        // Convenience (6C): CES 5 on 1..7 → (5 − 1) / 6 × 100 = 66.67.
        Assert.Equal(66.67, Math.Round(Dimension(1, "Convenience").GetProperty("score").GetDouble(), 2));

        // Culture has no evidence in CRM data: null with the reason, never 0; the overall is over the scored ones.
        var culture = Dimension(1, "Culture");
        Assert.Equal(JsonValueKind.Null, culture.GetProperty("score").ValueKind);
        Assert.Contains("by hand", culture.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var scored = assessments[1].GetProperty("dimensions").EnumerateArray().Where(d => d.GetProperty("score").ValueKind == JsonValueKind.Number).Select(d => d.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scored.Average(), assessments[1].GetProperty("overall").GetDouble(), 9);
    }

    [Fact]
    public void The_models_of_the_fixture_are_the_hand_computed_summary()
    {
        // Sales (the refund is not a purchase): C 2025-12-01; A 2026-02-10, 03-05, 03-20 (17:00 UTC); B 03-12.
        // Calibration to 2026-03-10, holdout to 03-31, in days: C x = 0, T = 99; A x = 1 (03-05), t_x = 23, T = 28,
        // holdout 1 (03-20); B first buys on 03-12, after the calibration end: not in the models.
        var (exit, output, error) = Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31", "--calibration-end", "2026-03-10", "--holdout-end", "2026-03-31", "--time-unit", "days", "--format", "json"));
        Assert.True(exit == 0, error);
        var models = Json(output).GetProperty("models");

        Assert.Equal("days", models.GetProperty("timeUnit").GetString());
        Assert.Equal("2026-03-10", models.GetProperty("calibrationEnd").GetString());
        Assert.Equal(2, models.GetProperty("customers").GetInt32());
        Assert.Equal(1, models.GetProperty("repeatTransactions").GetInt32());
        Assert.Equal(1, models.GetProperty("customersFirstBuyingAfterCalibration").GetInt32());
        Assert.Equal(1, models.GetProperty("holdout").GetProperty("actualRepeatTransactions").GetInt32());
        Assert.Equal(21.0, models.GetProperty("holdout").GetProperty("length").GetDouble());

        // Default calibration end = the period's last day (03-31): C T = 120; A x = 2 (03-05, 03-20); B x = 0.
        var whole = Json(Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31", "--format", "json")).Out).GetProperty("models");
        Assert.Equal((3, 2), (whole.GetProperty("customers").GetInt32(), whole.GetProperty("repeatTransactions").GetInt32()));

        // A holdout end on or before the (default) calibration end is a usage error.
        var bad = Run(AllFiles("--from", "2026-03-01", "--to", "2026-03-31", "--holdout-end", "2026-03-31"));
        Assert.Equal(2, bad.Exit);
        Assert.Contains("--holdout-end", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_on_CDNOW_shows_the_published_model_values()
    {
        var transactions = CdnowTransactions(_temp);
        string[] args = ["--transactions", transactions, "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30"];

        var (exit, output, error) = Run([.. args, "--format", "json"]);
        Assert.True(exit == 0, error);
        var models = Json(output).GetProperty("models");
        var bg = models.GetProperty("bgNbd");
        var gg = models.GetProperty("gammaGamma");
        var holdout = models.GetProperty("holdout");

        // REFERENCE.md §3: 2,357 customers, Σx 2,457; r, α, a, b = 0.243, 4.414, 0.793, 2.426, ln L −9582.43;
        // Gamma-Gamma p, q, γ = 6.25, 3.74, 15.44, ln L −4055.92; holdout actual 1,882 vs expected 1,653.4.
        Assert.Equal((2357, 2457), (models.GetProperty("customers").GetInt32(), models.GetProperty("repeatTransactions").GetInt32()));
        Assert.Equal((0.243, 4.414, 0.793, 2.426), (Round(bg, "r", 3), Round(bg, "alpha", 3), Round(bg, "a", 3), Round(bg, "b", 3)));
        Assert.Equal(-9582.43, Round(bg, "logLikelihood", 2));
        Assert.Equal((6.25, 3.74, 15.44, -4055.92), (Round(gg, "p", 2), Round(gg, "q", 2), Round(gg, "gamma", 2), Round(gg, "logLikelihood", 2)));
        Assert.Equal(1882, holdout.GetProperty("actualRepeatTransactions").GetInt32());
        Assert.Equal(1653.4, Round(holdout, "bgNbdExpected", 1));

        // Pareto/NBD: r, α, s = 0.553, 10.578, 0.606, ln L −9594.98 (β ≈ 11.67, weakly identified); holdout ≈ 1,665.5.
        var pn = models.GetProperty("paretoNbd");
        Assert.Equal((0.553, 10.578, 0.606, -9594.98), (Round(pn, "r", 3), Round(pn, "alpha", 3), Round(pn, "s", 3), Round(pn, "logLikelihood", 2)));
        Assert.Equal(11.67, Round(pn, "beta", 2));
        Assert.Equal(1665.5, Round(holdout, "paretoNbdExpected", 1));
        Assert.Equal(39.0, holdout.GetProperty("length").GetDouble());

        // MBG/NBD beside them (r, α, a, b = 0.525, 6.183, 0.891, 1.614; ln L −9582.14 from the raw data),
        // AIC and BIC on every fit, and the comparison best first: MBG/NBD, BG/NBD, Pareto/NBD.
        var mbg = models.GetProperty("mbgNbd");
        Assert.Equal((0.525, 6.183, 0.891, 1.614), (Round(mbg, "r", 3), Round(mbg, "alpha", 3), Round(mbg, "a", 3), Round(mbg, "b", 3)));
        Assert.Equal(-9582.14, Round(mbg, "logLikelihood", 2));
        Assert.Equal("converged", mbg.GetProperty("status").GetString());
        Assert.Equal(4, mbg.GetProperty("standardErrors").EnumerateObject().Count());
        foreach (var (fit, k) in new[] { (bg, 4), (mbg, 4), (pn, 4), (gg, 3) })
        {
            Assert.Equal((2 * k) - (2 * fit.GetProperty("logLikelihood").GetDouble()), fit.GetProperty("aic").GetDouble(), 1e-9);
            Assert.True(fit.GetProperty("bic").GetDouble() > fit.GetProperty("aic").GetDouble());
        }

        var comparison = models.GetProperty("comparison").EnumerateArray().ToList();
        Assert.Equal(["MBG/NBD", "BG/NBD", "Pareto/NBD"], comparison.Select(m => m.GetProperty("model").GetString()));
        Assert.Equal(bg.GetProperty("aic").GetDouble(), comparison[1].GetProperty("aic").GetDouble());
        Assert.All(comparison, m => Assert.InRange(m.GetProperty("holdoutMeanAbsoluteError").GetDouble(), 0, 1));

        // RFM at the period's end (June 1998): all 2,357 customers.
        Assert.Equal(2357, Json(output).GetProperty("rfm").GetProperty("customers").GetInt32());

        // The tracking table by calibration frequency: n = 1411, 439, 214, 100, 62, 38, 29, 64 (x = 0 … 7+).
        var bins = models.GetProperty("tracking").GetProperty("byFrequency").EnumerateArray().ToList();
        Assert.Equal([1411, 439, 214, 100, 62, 38, 29, 64], bins.Select(b => b.GetProperty("customers").GetInt32()));
        Assert.Equal(0.2367, Math.Round(bins[0].GetProperty("actualMean").GetDouble(), 4));
        Assert.Equal(0.2251, Math.Round(bins[0].GetProperty("bgNbdExpectedMean").GetDouble(), 4));

        var text = Run(args).Out;
        Assert.Contains("r 0.243  alpha 4.414  a 0.793  b 2.426", text, StringComparison.Ordinal);
        Assert.Contains("p 6.25  q 3.74  gamma 15.44", text, StringComparison.Ordinal);
        Assert.Contains("actual 1,882 repeat purchases", text, StringComparison.Ordinal);
        Assert.Contains("BG/NBD expected 1,653.4 (-12.1 %), Pareto/NBD expected 1,665.5 (-11.5 %)", text, StringComparison.Ordinal);
        Assert.Contains("r 0.553  alpha 10.578  s 0.606  beta 11.669", text, StringComparison.Ordinal);
        Assert.Contains("Comparison   AIC, best first: MBG/NBD ", text, StringComparison.Ordinal);

        static double Round(JsonElement e, string key, int decimals) => Math.Round(e.GetProperty(key).GetDouble(), decimals);
    }

    [Fact]
    public void The_top_customers_by_CLV_are_the_valued_ones_with_their_own_repeat_counts()
    {
        // CDNOW, and one more customer whose two repeat purchases are of 0: a repeater left out of the Gamma-Gamma fit,
        // so the valued customers are not the whole summary.
        var transactions = CdnowTransactions(_temp);
        File.AppendAllLines(transactions, ["99999,1997-01-05,10", "99999,1997-02-05,0", "99999,1997-03-05,0"]);
        var (exit, output, error) = Run(["--transactions", transactions, "--calibration-end", "1997-09-30", "--format", "json"]);
        Assert.True(exit == 0, error);
        var root = Json(output);
        Assert.Contains(root.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("1 repeat customer with a zero mean repeat purchase value is left out", StringComparison.Ordinal));

        // Each customer's x, counted here: distinct purchase days up to the calibration end, less the first.
        var repeats = File.ReadLines(transactions).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => string.CompareOrdinal(f[1], "1997-09-30") <= 0)
            .GroupBy(f => f[0], f => f[1])
            .ToDictionary(g => g.Key, g => g.Distinct().Count() - 1);

        var top = root.GetProperty("models").GetProperty("clv").GetProperty("topCustomers").EnumerateArray().ToList();
        Assert.Equal(10, top.Count);
        Assert.DoesNotContain(top, c => c.GetProperty("customerId").GetString() == "99999");
        var values = top.Select(c => c.GetProperty("clv").GetDecimal()).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);
        Assert.All(top, c => Assert.Equal(repeats[c.GetProperty("customerId").GetString()!], c.GetProperty("x").GetInt32()));
        Assert.Equal(("509", 18), (top[0].GetProperty("customerId").GetString(), top[0].GetProperty("x").GetInt32()));
    }
}
