using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>The tracking tables on CDNOW against the published ones (REFERENCE.md §3; FHL 2005 figures 3 and 4).</summary>
public class HoldoutTrackingTests
{
    [Fact]
    public void The_table_by_calibration_frequency_reproduces_the_published_means()
    {
        var summary = CdnowData.Summary;
        var bgNbd = HoldoutTracking.Compute(BgNbdModel.Fit(summary).Model, summary);
        var paretoNbd = HoldoutTracking.Compute(ParetoNbdModel.Fit(summary).Model, summary);

        // n = 1411, 439, 214, 100, 62, 38, 29, 64 for x = 0 … 6, 7+.
        Assert.Equal([1411, 439, 214, 100, 62, 38, 29, 64], bgNbd.ByFrequency.Select(b => b.Customers));
        Assert.True(bgNbd.ByFrequency[^1].IsOpenEnded);
        Assert.Equal([.2367, .6970, 1.3925, 1.5600, 2.5323, 2.9474, 3.8621, 6.3594], bgNbd.ByFrequency.Select(b => Math.Round(b.ActualMean, 4)));
        // BG/NBD expected: within 2 units of the 4th printed decimal — the published table comes from slightly
        // different parameter digits (x = 4: 2.16386 here, printed 2.1638; 7+: 6.15719, printed 6.1570).
        double[] published = [.2251, .5231, 1.0441, 1.5203, 2.1638, 2.6538, 3.5040, 6.1570];
        Assert.All(published.Zip(bgNbd.ByFrequency), p => Assert.Equal(p.First, p.Second.ExpectedMean, 2e-4));
        // Pareto/NBD expected: within one unit of the 3rd printed decimal (β is weakly identified: x = 1 rounds to .599 here, printed .600).
        double[] pareto = [.138, .600, 1.196, 1.714, 2.399, 2.907, 3.819, 6.403];
        Assert.All(pareto.Zip(paretoNbd.ByFrequency), p => Assert.Equal(p.First, p.Second.ExpectedMean, 1.01e-3));

        // Totals: 1,882 actual; 1,653.4 (BG/NBD) and 1,665.5 (Pareto/NBD) expected.
        Assert.Equal(1882, bgNbd.TotalActual);
        Assert.Equal(1653.4, Math.Round(bgNbd.TotalExpected, 1));
        Assert.Equal(1665.5, Math.Round(paretoNbd.TotalExpected, 1));
        Assert.Equal(bgNbd.TotalExpected - 1882, bgNbd.TotalError, 1e-9);

        // The mean absolute error by row, by hand from the rows.
        Assert.Equal(bgNbd.ByFrequency.Average(b => Math.Abs(b.ExpectedMean - b.ActualMean)), bgNbd.MeanAbsoluteErrorByFrequency, 1e-12);
    }

    [Fact]
    public void The_cumulative_curve_ends_at_the_holdout_totals_and_never_decreases()
    {
        var summary = CdnowData.Summary;
        var model = BgNbdModel.Fit(summary).Model;

        var tracking = HoldoutTracking.Compute(model, summary, CdnowData.Purchases);
        var curve = tracking.Cumulative;

        // Weekly points ending on 1998-06-30; every repeat purchase of calibration + holdout: 2,457 + 1,882 = 4,339.
        Assert.Equal(new LocalDate(1998, 6, 30), curve[^1].Date);
        Assert.All(curve.Zip(curve.Skip(1)), p => Assert.Equal(7, Period.DaysBetween(p.First.Date, p.Second.Date)));
        Assert.Equal(4339, curve[^1].Actual);
        Assert.Equal(2457, curve.Single(p => p.Date == new LocalDate(1997, 9, 30)).Actual);
        Assert.All(curve.Zip(curve.Skip(1)), p => Assert.True(p.Second.Actual >= p.First.Actual && p.Second.Expected >= p.First.Expected));

        // FHL 2005: the model tracks the calibration period closely (within 3 % at its end).
        var atCalibrationEnd = curve.Single(p => p.Date == new LocalDate(1997, 9, 30));
        Assert.InRange(atCalibrationEnd.Expected / atCalibrationEnd.Actual, 0.97, 1.03);
    }

    [Fact]
    public void A_summary_built_from_purchases_draws_the_same_curve_without_reading_them_again()
    {
        var summary = CustomerBaseSummary.FromPurchases(CdnowData.Purchases, CdnowData.Summary.Options);
        var model = BgNbdModel.Fit(summary).Model;

        var fromPurchases = HoldoutTracking.Compute(model, summary, CdnowData.Purchases).Cumulative;
        var fromSummary = HoldoutTracking.Compute(model, summary).Cumulative;
        var ofRows = HoldoutTracking.Compute(model, CustomerBaseSummary.FromSummaries(summary.Customers, summary.Options)).Cumulative;

        Assert.Equal(4339, fromSummary[^1].Actual);
        Assert.Equal(fromPurchases, fromSummary);
        Assert.Empty(ofRows); // rows given without their purchases have no repeat days
    }

    [Fact]
    public void A_base_with_no_customer_by_the_calibration_end_tracks_nothing_and_draws_no_curve()
    {
        // Every purchase after the calibration end: the summary has a holdout but no customer (and counted repeat days).
        var options = CdnowData.Summary.Options;
        var late = CdnowData.Purchases.Where(p => p.OccurredAt > CdnowData.Purchases.Max(q => q.OccurredAt) - Duration.FromDays(30)).ToList();
        var summary = CustomerBaseSummary.FromPurchases(late, options);
        Assert.Empty(summary.Customers);
        Assert.NotNull(summary.HoldoutLength);

        var model = new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);
        foreach (var tracking in new[] { HoldoutTracking.Compute(model, summary), HoldoutTracking.Compute(model, summary, late) })
        {
            Assert.Empty(tracking.ByFrequency);
            Assert.Empty(tracking.Cumulative);
            Assert.Equal(0, tracking.TotalActual);
            Assert.Equal(0.0, tracking.TotalExpected);
        }
    }

    [Fact]
    public void A_summary_without_holdout_is_refused()
    {
        var summary = CustomerBaseSummary.FromPurchases(CdnowData.Purchases, new SummaryOptions(CdnowData.CalibrationEnd));
        Assert.Throws<ArgumentException>("summary", () => HoldoutTracking.Compute(new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks), summary));
    }
}

/// <summary>Explanations of one customer's predictions.</summary>
public class CustomerExplanationTests
{
    [Fact]
    public void The_first_CDNOW_customer_is_explained_in_words_and_numbers()
    {
        // Customer 1 of the 2-dp file: x = 2, t_x = 30.43, T = 38.86, zbar = 22.35; published parameters.
        var customer = CdnowData.PublishedSummary().Customers[0];
        var model = new BgNbdModel(0.242593, 4.413532, 0.792886, 2.425752, ModelTimeUnit.Weeks);
        var spend = new GammaGammaModel(6.248802, 3.744588, 15.447748, Currency.Usd);

        var explanation = CustomerExplanation.Explain(model, customer, ModelTime.Weeks(39), spend, new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(52), 0, 1m));

        Assert.Equal(1.226, Math.Round(explanation.ExpectedPurchases, 3));
        Assert.Equal(24.66m, Math.Round(explanation.ExpectedSpend!.Value.Amount, 2));
        Assert.Equal(
        [
            "2 repeat purchases after the first (x = 2); the last 30.4 weeks after the first (t_x = 30.4); the first 38.9 weeks before the end of calibration (T = 38.9).",
            "On average 15.2 weeks between purchases; none in the last 8.4 weeks — not unusual for this customer.",
            $"P(alive) {explanation.ProbabilityAlive:0.00}: a {explanation.ProbabilityAlive * 100:0} % chance they are still a customer.",
            "Expected 1.23 purchases in the next 39 weeks.",
            "Expected spend per purchase 24.66 USD: their own mean 22.35 pulled towards the population's 35.17 (the fewer purchases, the stronger the pull).",
            $"CLV over 52 weeks: {explanation.Value!.Value.Amount:0.00} USD (margin 1, 0 discount per 52 weeks).",
        ],
        explanation.Lines);
    }
}
