using System.Text.Json;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>AIC and BIC on every fit, and the purchase models fitted to one summary compared, best first.</summary>
public class PurchaseModelComparisonTests
{
    private static readonly Lazy<(ModelFit<BgNbdModel> Bg, ModelFit<MbgNbdModel> Mbg, ModelFit<ParetoNbdModel> Pareto)> Fits = new(() =>
        (BgNbdModel.Fit(CdnowData.Summary), MbgNbdModel.Fit(CdnowData.Summary), ParetoNbdModel.Fit(CdnowData.Summary)));

    [Fact]
    public void Every_fit_reports_aic_and_bic_from_its_likelihood_parameters_and_customers()
    {
        var bg = Fits.Value.Bg;

        // k = 4 parameters, N = 2,357 customers.
        Assert.Equal(8 - (2 * bg.LogLikelihood), bg.Aic, 1e-9);
        Assert.Equal((4 * Math.Log(2357)) - (2 * bg.LogLikelihood), bg.Bic, 1e-9);

        var spend = GammaGammaModel.Fit(CustomerBaseSummary.FromSummaries(CdnowData.SummaryWithoutHoldout.Customers.Where(c => c.Frequency > 0 && c.MeanRepeatValue is { Amount: > 0 }), new SummaryOptions(CdnowData.CalibrationEnd)));
        Assert.Equal(6 - (2 * spend.LogLikelihood), spend.Aic, 1e-9); // p, q, γ
    }

    [Fact]
    public void The_purchase_models_of_one_summary_are_compared_best_first_with_their_holdout_errors()
    {
        var (bg, mbg, pareto) = Fits.Value;
        var summary = CdnowData.Summary;

        var comparison = PurchaseModelComparison.Of(
            summary,
            PurchaseModelFit.Of("BG/NBD", bg),
            PurchaseModelFit.Of("Pareto/NBD", pareto),
            PurchaseModelFit.Of("MBG/NBD", mbg));

        // On CDNOW: MBG/NBD (ln L ≈ −9582.1) before BG/NBD (≈ −9582.4) before Pareto/NBD (≈ −9595.0); all have k = 4.
        Assert.Equal(["MBG/NBD", "BG/NBD", "Pareto/NBD"], comparison.Models.Select(m => m.Model));
        var first = comparison.Models[0];
        Assert.Equal((mbg.LogLikelihood, mbg.Aic, mbg.Bic, 4, true), (first.LogLikelihood, first.Aic, first.Bic, first.Parameters, first.IsConverged));

        // The holdout (weeks 40–78): the error is the tracking table's, per model.
        Assert.Equal(HoldoutTracking.Compute(bg.Model, summary).MeanAbsoluteErrorByFrequency, comparison.Models[1].HoldoutMeanAbsoluteError);
        Assert.All(comparison.Models, m => Assert.InRange(m.HoldoutMeanAbsoluteError!.Value, 0, 1));

        // Without a holdout period there is no holdout error; and the comparison serialises.
        var calibrationOnly = PurchaseModelComparison.Of(CdnowData.SummaryWithoutHoldout, PurchaseModelFit.Of("BG/NBD", BgNbdModel.Fit(CdnowData.SummaryWithoutHoldout)));
        Assert.Null(calibrationOnly.Models[0].HoldoutMeanAbsoluteError);
        var json = JsonSerializer.Serialize(comparison, CrmJson.Options.GetTypeInfo(typeof(PurchaseModelComparison)));
        Assert.Contains("\"model\":\"MBG/NBD\"", json, StringComparison.Ordinal);
        Assert.Contains("\"aic\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_compared_model_gives_the_tracking_its_holdout_error_came_from()
    {
        var (bg, mbg, pareto) = Fits.Value;
        var summary = CdnowData.Summary;
        var comparison = PurchaseModelComparison.Of(summary, PurchaseModelFit.Of("BG/NBD", bg), PurchaseModelFit.Of("MBG/NBD", mbg), PurchaseModelFit.Of("Pareto/NBD", pareto));

        foreach (var (name, model) in new (string, IPurchaseModel)[] { ("BG/NBD", bg.Model), ("MBG/NBD", mbg.Model), ("Pareto/NBD", pareto.Model) })
        {
            var tracking = comparison.TrackingOf(name)!;
            var computed = HoldoutTracking.Compute(model, summary);
            Assert.Equal(comparison.Models.Single(m => m.Model == name).HoldoutMeanAbsoluteError, tracking.MeanAbsoluteErrorByFrequency);
            Assert.Equal((computed.TotalExpected, computed.TotalActual), (tracking.TotalExpected, tracking.TotalActual));
            Assert.Equal(computed.Cumulative.Select(p => p.Expected), tracking.Cumulative.Select(p => p.Expected));
        }

        Assert.Contains("\"BG/ND\"", Assert.Throws<ArgumentException>("model", () => comparison.TrackingOf("BG/ND")).Message, StringComparison.Ordinal);
        var calibrationOnly = PurchaseModelComparison.Of(CdnowData.SummaryWithoutHoldout, PurchaseModelFit.Of("BG/NBD", BgNbdModel.Fit(CdnowData.SummaryWithoutHoldout)));
        Assert.Null(calibrationOnly.TrackingOf("BG/NBD"));
    }

    [Fact]
    public void Fits_of_other_data_or_repeated_names_are_refused()
    {
        var (bg, mbg, _) = Fits.Value;
        Assert.Throws<ArgumentException>("fits", () => PurchaseModelComparison.Of(CdnowData.Summary));
        Assert.Throws<ArgumentException>("fits", () => PurchaseModelComparison.Of(CdnowData.Summary, PurchaseModelFit.Of("X", bg), PurchaseModelFit.Of("X", mbg)));

        var daily = CustomerBaseSummary.FromPurchases(CdnowData.Purchases, new SummaryOptions(CdnowData.CalibrationEnd) { TimeUnit = ModelTimeUnit.Days });
        Assert.Contains("one summary", Assert.Throws<ArgumentException>("fits", () => PurchaseModelComparison.Of(daily, PurchaseModelFit.Of("BG/NBD", bg))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("name", () => PurchaseModelFit.Of(" ", bg));
        Assert.Throws<ArgumentOutOfRangeException>("LogLikelihood", () => new ComparedModel("m", double.NaN, 0, 0, 4, true, null));
        Assert.Throws<ArgumentOutOfRangeException>("HoldoutMeanAbsoluteError", () => new ComparedModel("m", 0, 0, 0, 4, true, -1));
    }
}
