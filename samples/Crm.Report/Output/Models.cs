using System.Globalization;
using Crm.Metrics.Lifetime;
using Crm.Report.Cli;
using Crm.Report.Input;
using NodaTime;

namespace Crm.Report.Output;

/// <summary>One customer's line in the top list by predicted CLV; the name only with --show-names.</summary>
internal sealed record ClvCustomer(string Id, string? Name, int Frequency, double ProbabilityAlive, double ExpectedPurchases, decimal ExpectedSpend, decimal Clv)
{
    /// <summary>The customer's forecast with intervals from parameter draws; null when the fits give none (the notes say why).</summary>
    public CustomerForecastInterval? Interval { get; init; }
}

/// <summary>The holdout comparison: actual repeat purchases against the BG/NBD expectation over the holdout length.</summary>
internal sealed record HoldoutCheck(LocalDate End, ModelTime Length, long Actual, double? BgNbdExpected, double? ParetoNbdExpected);

/// <summary>The customer-base models of the report: summary, BG/NBD, Gamma-Gamma, holdout and the top customers by CLV.</summary>
internal sealed record ModelsSection(
    CustomerBaseSummary Summary,
    ModelFit<BgNbdModel>? BgNbd,
    ModelFit<MbgNbdModel>? MbgNbd,
    ModelFit<ParetoNbdModel>? ParetoNbd,
    PurchaseModelComparison? Comparison,
    ModelFit<GammaGammaModel>? GammaGamma,
    double? SpendFrequencyCorrelation,
    HoldoutCheck? Holdout,
    HoldoutTracking? BgNbdTracking,
    HoldoutTracking? ParetoNbdTracking,
    IReadOnlyList<ClvCustomer> TopByClv,
    ClvDistribution? ClvDistribution,
    IReadOnlyList<string> Notes)
{
    /// <summary>The MBG/NBD holdout tracking (cumulative, beside BG/NBD's and Pareto/NBD's); null without a holdout or a converged fit.</summary>
    public HoldoutTracking? MbgNbdTracking { get; init; }

    /// <summary>BG/NBD with the acquisition channel as a covariate; null without channels in the customers file.</summary>
    public ChannelCovariates? ChannelCovariates { get; init; }

    /// <summary>The valued customers' totals over the CLV horizon with intervals from parameter draws; null without CLV or when the fits give no intervals.</summary>
    public BaseForecastInterval? ClvTotals { get; init; }

    /// <summary>How the CLV intervals are drawn: 90 %, from 200 draws of each fit's parameters (a fixed seed, so a report reproduces).</summary>
    public static readonly IntervalOptions Intervals = new() { Draws = 200, Seed = 0, Level = 0.90 };

    /// <summary>The CLV of the top list: 52 weeks ahead, revenue (margin 1), 10 % a year discounted per 4-week period.</summary>
    public static readonly ClvSettings Clv = new(ModelTime.Weeks(52), ModelTime.Weeks(4), Math.Pow(1.10, 4.0 / 52) - 1, 1m);

    public const string ClvDescription = "52-week CLV of revenue, discounted at 10 % a year (per 4-week period)";

    private const int TopCount = 10;

    /// <summary>
    /// How the purchases are summarised for the models: up to the calibration end (--calibration-end, default the
    /// period's last day), with the holdout of --holdout-end.
    /// </summary>
    public static SummaryOptions SummaryOptionsFor(ReportOptions options, LocalDate periodEnd)
    {
        var summaryOptions = new SummaryOptions(options.CalibrationEnd ?? periodEnd)
        {
            HoldoutEnd = options.HoldoutEnd,
            Zone = options.Zone,
            TimeUnit = options.TimeUnit,
        };
        if (summaryOptions.HoldoutEnd <= summaryOptions.CalibrationEnd)
        {
            throw new UsageException($"--holdout-end {summaryOptions.HoldoutEnd:uuuu-MM-dd} must be after the calibration end {summaryOptions.CalibrationEnd:uuuu-MM-dd} (the period's last day unless --calibration-end is given)");
        }

        return summaryOptions;
    }

    /// <summary>
    /// The BG/NBD fit on the summary, started before the other models because the churn warning may use it; null where
    /// no model is fitted (no summary, no customer, or no repeat purchase).
    /// </summary>
    public static ModelFit<BgNbdModel>? FitBgNbd(CustomerBaseSummary? summary) =>
        summary is { Customers.Count: > 0, RepeatTransactions: > 0 } ? BgNbdModel.Fit(summary) : null;

    /// <summary>
    /// Fits the models on the summary of the purchases (see <see cref="SummaryOptionsFor"/>); null without purchases.
    /// A model that cannot be fitted is left out with the reason in the notes. BG/NBD comes from <paramref name="bgNbdFit"/> (<see cref="FitBgNbd"/>).
    /// </summary>
    /// <remarks>
    /// The work runs side by side where it can: Gamma-Gamma (which needs only the summary) beside the purchase models,
    /// and the CLV with its intervals — the longest step — as soon as BG/NBD and Gamma-Gamma are fitted, beside the
    /// other purchase models and their comparison. Each part's notes are added in one fixed order, so the section does
    /// not depend on which part finishes first.
    /// </remarks>
    public static ModelsSection? Build(CustomerBaseSummary? summary, InputData data, ReportOptions options, IReadOnlyDictionary<Crm.Domain.CustomerId, string?>? names, Task<ModelFit<BgNbdModel>?> bgNbdFit)
    {
        if (summary is null)
        {
            return null;
        }

        var summaryOptions = summary.Options;
        var notes = new List<string>();
        if (summary.CustomersFirstBuyingAfterCalibration > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{ReportBuilder.Count(summary.CustomersFirstBuyingAfterCalibration, "customer first bought after the calibration end and is", "customers first bought after the calibration end and are")} not in the models."));
        }

        var spendTask = Task.Run(() => SpendFit.Of(summary));
        ModelFit<BgNbdModel>? bgNbd = null;
        ModelFit<MbgNbdModel>? mbgNbd = null;
        ModelFit<ParetoNbdModel>? paretoNbd = null;
        PurchaseModelComparison? comparison = null;
        var clvTask = Task.FromResult(ClvPart.None);
        if (summary.Customers.Count == 0)
        {
            notes.Add("BG/NBD, MBG/NBD and Pareto/NBD not fitted: no customer bought on or before the calibration end.");
        }
        else if (summary.RepeatTransactions == 0)
        {
            notes.Add("BG/NBD, MBG/NBD and Pareto/NBD not fitted: no customer made a repeat purchase before the calibration end.");
        }
        else
        {
            // The purchase models are independent: fit them side by side.
            var paretoTask = Task.Run(() => ParetoNbdModel.Fit(summary));
            var mbgTask = Task.Run(() => MbgNbdModel.Fit(summary));
            bgNbd = bgNbdFit.GetAwaiter().GetResult() ?? throw new InvalidOperationException("BG/NBD was not fitted on a summary with repeat purchases.");
            var bgNbdFitted = bgNbd;
            clvTask = spendTask.ContinueWith(spend => ClvPart.Of(bgNbdFitted, spend.GetAwaiter().GetResult(), summary, names), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            mbgNbd = mbgTask.GetAwaiter().GetResult();
            paretoNbd = paretoTask.GetAwaiter().GetResult();
            foreach (var (name, converged, status) in new[] { ("BG/NBD", bgNbd.IsConverged, bgNbd.Status), ("MBG/NBD", mbgNbd.IsConverged, mbgNbd.Status), ("Pareto/NBD", paretoNbd.IsConverged, paretoNbd.Status) })
            {
                if (!converged)
                {
                    notes.Add($"{name} did not converge ({status}): its parameters and predictions are not reliable.");
                }
            }

            // The comparison sets the fits that converged side by side (with the holdout error when there is a holdout).
            var compared = new List<PurchaseModelFit>();
            if (bgNbd.IsConverged)
            {
                compared.Add(PurchaseModelFit.Of("BG/NBD", bgNbd));
            }

            if (mbgNbd.IsConverged)
            {
                compared.Add(PurchaseModelFit.Of("MBG/NBD", mbgNbd));
            }

            if (paretoNbd.IsConverged)
            {
                compared.Add(PurchaseModelFit.Of("Pareto/NBD", paretoNbd));
            }

            comparison = compared.Count == 0 ? null : PurchaseModelComparison.Of(summary, [.. compared]);
        }

        var spend = spendTask.GetAwaiter().GetResult();
        notes.AddRange(spend.Notes);
        HoldoutCheck? holdout = null;
        HoldoutTracking? bgNbdTracking = null, paretoNbdTracking = null, mbgNbdTracking = null;
        if (summary.HoldoutLength is { } length)
        {
            // Predictions only from fits that converged (the notes say which did not), which are the ones compared; each
            // with the weekly cumulative curve for the tracking charts, as the comparison computed it.
            bgNbdTracking = bgNbd is { IsConverged: true } ? comparison!.TrackingOf("BG/NBD") : null;
            mbgNbdTracking = mbgNbd is { IsConverged: true } ? comparison!.TrackingOf("MBG/NBD") : null;
            paretoNbdTracking = paretoNbd is { IsConverged: true } ? comparison!.TrackingOf("Pareto/NBD") : null;
            double? expected = bgNbdTracking?.TotalExpected;
            double? paretoExpected = paretoNbdTracking?.TotalExpected;
            holdout = new HoldoutCheck(summaryOptions.HoldoutEnd!.Value, length, summary.HoldoutRepeatTransactions!.Value, expected, paretoExpected);
        }

        var clv = clvTask.GetAwaiter().GetResult();
        if (clv.Note is { } note)
        {
            notes.Add(note);
        }

        return new ModelsSection(summary, bgNbd, mbgNbd, paretoNbd, comparison, spend.Fit, spend.Correlation, holdout, bgNbdTracking, paretoNbdTracking, clv.Top, clv.Distribution, notes)
        {
            MbgNbdTracking = mbgNbdTracking,
            ClvTotals = clv.Totals,
            ChannelCovariates = CovariateSection.Build(data, summary, bgNbd, notes),
        };
    }

    public static string Unit(ModelTimeUnit unit) => unit == ModelTimeUnit.Weeks ? "weeks" : "days";

    /// <summary>Gamma-Gamma on the repeat customers with positive spend, with its notes (in the section's order).</summary>
    private sealed record SpendFit(ModelFit<GammaGammaModel>? Fit, double? Correlation, int NonPositive, IReadOnlyList<string> Notes)
    {
        /// <summary>Whether a repeater's spend is modelled: Gamma-Gamma is for positive spend.</summary>
        public static bool Positive(CustomerSummary c) => c.Frequency > 0 && c.MeanRepeatValue is { Amount: > 0 };

        /// <summary>
        /// Fits Gamma-Gamma on the repeaters with a positive mean repeat value; those whose repeat purchases average zero
        /// or less are left out, and said so. Counted, then filtered straight into the spend summary (no list of them in between).
        /// </summary>
        public static SpendFit Of(CustomerBaseSummary summary)
        {
            var notes = new List<string>();
            int repeaters = 0, positiveCount = 0;
            foreach (var c in summary.Customers)
            {
                repeaters += c.Frequency > 0 ? 1 : 0;
                positiveCount += Positive(c) ? 1 : 0;
            }

            var nonPositive = repeaters - positiveCount;
            if (nonPositive > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{ReportBuilder.Count(nonPositive, "repeat customer with a zero mean repeat purchase value is", "repeat customers with a zero mean repeat purchase value are")} left out of the Gamma-Gamma fit (it models positive spend); their CLV is not shown."));
            }

            if (positiveCount == 0)
            {
                if (summary.Customers.Count > 0)
                {
                    notes.Add("Gamma-Gamma not fitted: no repeat customer with a positive mean repeat purchase value.");
                }

                return new SpendFit(null, null, nonPositive, notes);
            }

            var spendSummary = summary.Where(Positive);
            var fit = GammaGammaModel.Fit(spendSummary);
            var correlation = GammaGammaModel.SpendFrequencyCorrelation(spendSummary);
            if (!fit.IsConverged)
            {
                notes.Add($"Gamma-Gamma did not converge ({fit.Status}): expected spend and CLV are not reliable.");
            }
            else if (fit.Model.Q <= 1)
            {
                notes.Add("Gamma-Gamma: q <= 1, so the population mean spend is infinite; CLV is not shown.");
            }

            return new SpendFit(fit, correlation, nonPositive, notes);
        }
    }

    /// <summary>The CLV of the valued customers: the top list, the distribution and the totals with intervals, and a note when the intervals are not shown.</summary>
    private sealed record ClvPart(List<ClvCustomer> Top, ClvDistribution? Distribution, BaseForecastInterval? Totals, string? Note)
    {
        /// <summary>No CLV: the fits it needs are missing or unusable.</summary>
        public static ClvPart None => new([], null, null, null);

        /// <summary>The CLV part from BG/NBD and Gamma-Gamma when both converged (and q &gt; 1); otherwise <see cref="None"/>.</summary>
        public static ClvPart Of(ModelFit<BgNbdModel> bgNbd, SpendFit spend, CustomerBaseSummary summary, IReadOnlyDictionary<Crm.Domain.CustomerId, string?>? names)
        {
            if (!bgNbd.IsConverged || spend.Fit is not { IsConverged: true, Model.Q: > 1 } gammaGamma)
            {
                return None;
            }

            // Valued: every customer but the repeaters left out of the Gamma-Gamma fit. When none was left out, the
            // summary itself (a copy of 200,000 rows and its check of one row per customer are large-object-heap arrays).
            static bool Valued(CustomerSummary c) => c.Frequency == 0 || c.MeanRepeatValue is { Amount: > 0 };
            var valued = spend.NonPositive == 0 ? summary : summary.Where(Valued);

            // The base's totals with their intervals are the longest step and need neither the forecasts nor the top
            // list: they start at once, beside them (they would otherwise wait for a step that runs on one thread).
            using var stop = new CancellationTokenSource();
            var totalsTask = Task.Run(() => ForecastIntervals.ValueForBase(bgNbd, gammaGamma, valued, Clv, Intervals, stop.Token), CancellationToken.None);
            List<ClvCustomer> top;
            ClvDistribution? distribution;
            List<CustomerSummary> chosen;
            try
            {
                (top, distribution, chosen) = Forecasts(bgNbd.Model, gammaGamma.Model, valued, names);
            }
            catch
            {
                // Nothing is left running behind the exception: the totals stop, and their outcome is not wanted.
                stop.Cancel();
                try
                {
                    totalsTask.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                }

                throw;
            }

            BaseForecastInterval? totals = null;
            try
            {
                totals = totalsTask.GetAwaiter().GetResult();
                var intervals = ForecastIntervals.ValueForCustomers(bgNbd, gammaGamma, chosen, Clv, Intervals);
                return new ClvPart([.. top.Zip(intervals, (c, interval) => c with { Interval = interval })], distribution, totals, null);
            }
            catch (InvalidOperationException e)
            {
                return new ClvPart(top, distribution, totals, $"CLV intervals are not shown: {e.Message}");
            }
        }

        /// <summary>Each valued customer's CLV at the estimates: the top list (with their summaries, for their intervals) and the distribution.</summary>
        private static (List<ClvCustomer> Top, ClvDistribution? Distribution, List<CustomerSummary> Chosen) Forecasts(BgNbdModel purchases, GammaGammaModel spend, CustomerBaseSummary valued, IReadOnlyDictionary<Crm.Domain.CustomerId, string?>? names)
        {
            var valuedCustomers = valued.Customers;
            var forecasts = CustomerLifetimeValue.Forecast(purchases, spend, valued, Clv);
            var distribution = ClvDistribution.Of([.. forecasts.Select(f => f.Value.Amount)]);

            // The forecasts are in the summary's order: the top customers' rows by position, not looked up by id. The
            // highest values first, ties by id; one pass keeps the first ten.
            var topIndexes = OrderStatistics.First(forecasts.Count, TopCount, (a, b) =>
            {
                var byValue = forecasts[b].Value.Amount.CompareTo(forecasts[a].Value.Amount);
                return byValue != 0 ? byValue : forecasts[a].CustomerId.CompareTo(forecasts[b].CustomerId);
            });
            List<ClvCustomer> top = [.. topIndexes.Select(i =>
            {
                var f = forecasts[i];
                return new ClvCustomer(f.CustomerId.Value, names?.GetValueOrDefault(f.CustomerId), valuedCustomers[i].Frequency, f.ProbabilityAlive, f.ExpectedPurchases, f.ExpectedMeanSpend.Amount, f.Value.Amount);
            })];
            return (top, distribution, [.. topIndexes.Select(i => valuedCustomers[i])]);
        }
    }
}
