using System.Text.Json;
using NodaTime.Text;

namespace Crm.Report.Output;

/// <content>The models section: the fits, their parameters and what they predict.</content>
internal static partial class JsonReport
{
    /// <summary>
    /// <c>models</c>: the summary, the fitted models (null when not fitted; the notes say why), the holdout check and
    /// the top customers by predicted CLV. Parameters are written at full precision.
    /// </summary>
    private static void Models(Utf8JsonWriter json, Report report)
    {
        if (report.Models is not { } models)
        {
            if (report.Discrete is { } alone)
            {
                // Only the discrete-occasions input: the models object holds BG/BB alone.
                json.WriteStartObject("models");
                WriteBgBb(json, alone);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("models");
            }

            return;
        }

        var summary = models.Summary;
        json.WriteStartObject("models");
        if (report.Discrete is { } discrete)
        {
            WriteBgBb(json, discrete);
        }

        json.WriteString("timeUnit", ModelsSection.Unit(summary.TimeUnit));
        json.WriteString("calibrationEnd", LocalDatePattern.Iso.Format(summary.CalibrationEnd));
        json.WriteNumber("customers", summary.Customers.Count);
        json.WriteNumber("repeatTransactions", summary.RepeatTransactions);
        json.WriteNumber("customersFirstBuyingAfterCalibration", summary.CustomersFirstBuyingAfterCalibration);

        WriteFit(json, "bgNbd", models.BgNbd, null);
        WriteFit(json, "mbgNbd", models.MbgNbd, null);
        WriteFit(json, "paretoNbd", models.ParetoNbd, null);
        WriteFit(json, "gammaGamma", models.GammaGamma, () =>
        {
            json.WriteNumber("customers", models.GammaGamma!.Customers);
            Value(json, "spendFrequencyCorrelation", models.SpendFrequencyCorrelation);
        });

        // The purchase models that converged, best first by AIC.
        json.WriteStartArray("comparison");
        foreach (var m in models.Comparison?.Models ?? [])
        {
            json.WriteStartObject();
            json.WriteString("model", m.Model);
            json.WriteNumber("logLikelihood", m.LogLikelihood);
            json.WriteNumber("aic", m.Aic);
            json.WriteNumber("bic", m.Bic);
            Value(json, "holdoutMeanAbsoluteError", m.HoldoutMeanAbsoluteError);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (models.Holdout is { } holdout)
        {
            json.WriteStartObject("holdout");
            json.WriteString("end", LocalDatePattern.Iso.Format(holdout.End));
            json.WriteNumber("length", holdout.Length.Value);
            json.WriteNumber("actualRepeatTransactions", holdout.Actual);
            Value(json, "bgNbdExpected", holdout.BgNbdExpected);
            Value(json, "paretoNbdExpected", holdout.ParetoNbdExpected);
            json.WriteEndObject();
        }

        if (models.BgNbdTracking is { } tracking)
        {
            var pareto = models.ParetoNbdTracking;
            json.WriteStartObject("tracking");
            json.WriteStartArray("byFrequency");
            for (var i = 0; i < tracking.ByFrequency.Count; i++)
            {
                var bin = tracking.ByFrequency[i];
                json.WriteStartObject();
                json.WriteNumber("x", bin.Frequency);
                json.WriteBoolean("openEnded", bin.IsOpenEnded);
                json.WriteNumber("customers", bin.Customers);
                json.WriteNumber("actualMean", bin.ActualMean);
                json.WriteNumber("bgNbdExpectedMean", bin.ExpectedMean);
                Value(json, "paretoNbdExpectedMean", pareto?.ByFrequency[i].ExpectedMean);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("bgNbdMeanAbsoluteError", tracking.MeanAbsoluteErrorByFrequency);
            Value(json, "paretoNbdMeanAbsoluteError", pareto?.MeanAbsoluteErrorByFrequency);
            json.WriteStartArray("cumulative");
            var mbg = models.MbgNbdTracking;
            for (var i = 0; i < tracking.Cumulative.Count; i++)
            {
                var point = tracking.Cumulative[i];
                json.WriteStartObject();
                json.WriteString("date", LocalDatePattern.Iso.Format(point.Date));
                json.WriteNumber("actual", point.Actual);
                json.WriteNumber("bgNbdExpected", point.Expected);
                Value(json, "paretoNbdExpected", pareto?.Cumulative.ElementAtOrDefault(i)?.Expected);
                Value(json, "mbgNbdExpected", mbg?.Cumulative.ElementAtOrDefault(i)?.Expected);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        WriteChannelCovariates(json, models.ChannelCovariates);
        json.WriteStartObject("clv");
        json.WriteString("definition", ModelsSection.ClvDescription);
        json.WriteNumber("horizonWeeks", ModelsSection.Clv.Horizon.TotalWeeks);
        json.WriteNumber("discountRatePerPeriod", ModelsSection.Clv.DiscountRatePerPeriod);
        json.WriteNumber("periodWeeks", ModelsSection.Clv.DiscountPeriod.TotalWeeks);
        json.WriteNumber("margin", ModelsSection.Clv.Margin);
        json.WriteStartArray("topCustomers");
        foreach (var c in models.TopByClv)
        {
            json.WriteStartObject();
            json.WriteString("customerId", c.Id);
            if (c.Name is not null)
            {
                json.WriteString("name", c.Name);
            }

            json.WriteNumber("x", c.Frequency);
            json.WriteNumber("probabilityAlive", c.ProbabilityAlive);
            json.WriteNumber("expectedPurchases", c.ExpectedPurchases);
            json.WriteNumber("expectedSpend", decimal.Round(c.ExpectedSpend, 4));
            json.WriteNumber("clv", decimal.Round(c.Clv, 4));
            if (c.Interval is { } interval)
            {
                Interval(json, "probabilityAliveInterval", interval.ProbabilityAlive.Lower, interval.ProbabilityAlive.Upper);
                Interval(json, "expectedPurchasesInterval", interval.ExpectedPurchases.Lower, interval.ExpectedPurchases.Upper);
                Interval(json, "clvInterval", (double)decimal.Round(interval.Value!.Lower.Amount, 4), (double)decimal.Round(interval.Value.Upper.Amount, 4));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (models.ClvTotals is { } totals)
        {
            // The valued customers' totals with 90 % intervals from parameter draws (uncertainty of the fits, not of what customers do).
            json.WriteStartObject("totals");
            json.WriteNumber("customers", totals.Customers);
            json.WriteNumber("level", totals.Level);
            json.WriteNumber("draws", totals.Draws);
            Estimate(json, "expectedPurchases", totals.ExpectedPurchases.Estimate, totals.ExpectedPurchases.Lower, totals.ExpectedPurchases.Upper);
            Estimate(json, "expectedCustomersAlive", totals.ExpectedCustomersAlive.Estimate, totals.ExpectedCustomersAlive.Lower, totals.ExpectedCustomersAlive.Upper);
            Estimate(json, "clv", (double)decimal.Round(totals.Value!.Estimate.Amount, 4), (double)decimal.Round(totals.Value.Lower.Amount, 4), (double)decimal.Round(totals.Value.Upper.Amount, 4));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("totals");
        }

        if (models.ClvDistribution is { } distribution)
        {
            json.WriteStartObject("distribution");
            json.WriteNumber("customers", distribution.Customers);
            json.WriteNumber("topDecileFrom", decimal.Round(distribution.TopDecileFrom, 4));
            Value(json, "topDecileShare", distribution.TopDecileShare);
            json.WriteStartArray("bins");
            foreach (var bin in distribution.Bins)
            {
                json.WriteStartObject();
                json.WriteNumber("from", bin.From);
                Value(json, "to", bin.To);
                json.WriteNumber("customers", bin.Customers);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("distribution");
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>covariates</c>: BG/NBD with the acquisition channel as a covariate of both processes (with a customers file
    /// that gives channels; absent otherwise): the baseline channel, the fit, and the likelihood ratio against plain BG/NBD.
    /// </summary>
    private static void WriteChannelCovariates(Utf8JsonWriter json, ChannelCovariates? covariates)
    {
        if (covariates is null)
        {
            return;
        }

        json.WriteStartObject("covariates");
        json.WriteString("by", "acquisitionChannel");
        json.WriteString("model", "BG/NBD");
        json.WriteString("baseline", covariates.Baseline);
        json.WriteString("status", covariates.Fit.Status.ToString());
        json.WriteNumber("logLikelihood", covariates.Fit.LogLikelihood);
        json.WriteNumber("likelihoodRatio", covariates.LikelihoodRatio);
        json.WriteNumber("effects", covariates.Degrees);
        json.WriteStartArray("parameters");
        foreach (var p in covariates.Fit.Parameters)
        {
            json.WriteStartObject();
            json.WriteString("name", p.Name);
            json.WriteNumber("value", p.Value);
            Value(json, "standardError", p.StandardError);
            Value(json, "lower95", p.Lower95);
            Value(json, "upper95", p.Upper95);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Interval(Utf8JsonWriter json, string name, double lower, double upper)
    {
        json.WriteStartObject(name);
        json.WriteNumber("lower", lower);
        json.WriteNumber("upper", upper);
        json.WriteEndObject();
    }

    private static void Estimate(Utf8JsonWriter json, string name, double estimate, double lower, double upper)
    {
        json.WriteStartObject(name);
        json.WriteNumber("estimate", estimate);
        json.WriteNumber("lower", lower);
        json.WriteNumber("upper", upper);
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>bgBb</c>: the BG/BB fit (null when the patterns do not identify it; the notes say why) and each pattern with
    /// its customers, P(alive at the next occasion) and the expected transactions over the next five.
    /// </summary>
    private static void WriteBgBb(Utf8JsonWriter json, DiscreteSection discrete)
    {
        WriteFit(json, "bgBb", discrete.Fit, () =>
        {
            json.WriteStartArray("patterns");
            foreach (var row in discrete.Rows)
            {
                json.WriteStartObject();
                json.WriteNumber("frequency", row.Pattern.Frequency);
                json.WriteNumber("recency", row.Pattern.Recency);
                json.WriteNumber("periods", row.Pattern.Periods);
                json.WriteNumber("customers", row.Pattern.Weight);
                json.WriteNumber("probabilityAliveNext", row.ProbabilityAliveNext);
                json.WriteNumber("expectedNext5", row.ExpectedNext5);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>A fitted model: its parameters by their papers' names, then ln L, iterations, status and standard errors; null when not fitted.</summary>
    private static void WriteFit<TModel>(Utf8JsonWriter json, string name, Crm.Metrics.Lifetime.ModelFit<TModel>? fit, Action? extra)
        where TModel : class
    {
        if (fit is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        foreach (var p in fit.Parameters)
        {
            json.WriteNumber(p.Name, p.Value);
        }

        json.WriteNumber("logLikelihood", fit.LogLikelihood);
        json.WriteNumber("aic", fit.Aic);
        json.WriteNumber("bic", fit.Bic);
        json.WriteNumber("iterations", fit.Iterations);
        json.WriteString("status", Input.Fields.Kebab(fit.Status.ToString()));
        json.WriteStartObject("standardErrors");
        foreach (var p in fit.Parameters)
        {
            Value(json, p.Name, p.StandardError);
        }

        json.WriteEndObject();
        extra?.Invoke();
        json.WriteEndObject();
    }
}
