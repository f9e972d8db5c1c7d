using System.Globalization;
using System.Text;
using Crm.Report.Input;
using NodaTime.Text;
using static Crm.Report.Output.TextLayout;

namespace Crm.Report.Output;

/// <summary>One section of the report: a key the HTML page finds it by, its title, and its text (lines ending in a newline).</summary>
internal sealed record TextSection(string Key, string Title, string Body);

/// <summary>The report as text for a terminal or a mail: sections of tables, at most 100 columns wide.</summary>
internal static class TextReport
{
    public const int Width = 100;
    private const int LabelWidth = 36;
    private const int ValueWidth = 18;

    public static string Write(Report report) => Join(Sections(report));

    /// <summary>The report's sections in order, each with its key (for the HTML page), title and text.</summary>
    public static IReadOnlyList<TextSection> Sections(Report report)
    {
        var sections = new SectionList();
        var card = report.Card;
        var period = report.Period;
        var header = sections.Begin("header", "CRM REPORT");
        header.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Period    {Date(period.Dates.Start)} .. {Date(period.Dates.End)} ({period.LengthInDays} days, {period.Zone.Id})"));
        header.AppendLine($"Currency  {card.Currency.Code}");
        header.AppendLine($"Data      {report.Source}");
        foreach (var (kind, file, rows) in report.Inputs)
        {
            header.AppendLine(string.Create(CultureInfo.InvariantCulture, $"          {kind.ToString().ToLowerInvariant(),-13} {rows,9:N0} rows  {Fit(file, Width - 35)}"));
        }

        var scorecard = sections.Begin("scorecard", "SCORECARD");
        scorecard.AppendLine($"{"Metric",-LabelWidth}{"Value",ValueWidth}  Evidence");
        string? group = null;
        foreach (var metric in report.Metrics)
        {
            if (metric.Section != group)
            {
                group = metric.Section;
                scorecard.AppendLine(group);
            }

            var evidence = metric.Value is null ? metric.Reason ?? string.Empty : metric.Explained;
            Row(scorecard, "  " + metric.Label, metric.Shown, evidence);
        }

        Funnel(sections, report);
        Cohorts(sections, report);
        Feedback(sections, report);
        TopCustomers(sections, report);
        Assessments(sections, report);
        Rfm(sections, report);
        Models(sections, report);
        Churn(sections, report);
        if (report.Trend is { } trend)
        {
            TrendText.Write(sections.Begin("trends", "THE LAST TWELVE MONTHS"), trend);
        }

        if (report.Loyalty is { } loyalty && report.Programme is { } programme)
        {
            LoyaltyText.Write(sections.Begin("loyalty", "LOYALTY PROGRAMME"), loyalty, programme);
        }

        if (report.Notes.Count > 0)
        {
            var text = sections.Begin("notes", "NOTES");
            foreach (var note in report.Notes)
            {
                Wrap(text, "- ", note, "  ");
            }
        }

        return sections.Done();
    }

    /// <summary>The sections as one text: each title underlined, a blank line between sections.</summary>
    private static string Join(IReadOnlyList<TextSection> sections)
    {
        var text = new StringBuilder();
        foreach (var section in sections)
        {
            if (text.Length > 0)
            {
                text.AppendLine();
            }

            text.AppendLine(section.Title).AppendLine(new string('=', Math.Min(Width, section.Title.Length))).Append(section.Body);
        }

        return text.ToString();
    }

    /// <summary>Collects sections as they are written.</summary>
    private sealed class SectionList
    {
        private readonly List<(string Key, string Title, StringBuilder Body)> _sections = [];

        public StringBuilder Begin(string key, string title)
        {
            var body = new StringBuilder();
            _sections.Add((key, title, body));
            return body;
        }

        public IReadOnlyList<TextSection> Done() => [.. _sections.Select(s => new TextSection(s.Key, s.Title, s.Body.ToString()))];
    }

    private static void Funnel(SectionList sections, Report report)
    {
        var funnel = report.Card.Conversion;
        var text = sections.Begin("funnel", "CONVERSION FUNNEL");
        if (funnel.Cohort == 0)
        {
            text.AppendLine("No lead entered the funnel in the period.");
            return;
        }

        text.AppendLine($"{"Stage",-24}{"Reached",10}{"From previous",16}{"Of entering",14}");
        foreach (var stage in funnel.Stages)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{Fit(stage.Name, 23),-24}{stage.Reached,10:N0}{ReportBuilder.Percent(stage.FromPrevious.Value),16}{ReportBuilder.Percent((double)stage.Reached / funnel.Cohort),14}"));
        }

        if (funnel.TimeToConvert.Count > 0)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Time to convert: median {funnel.TimeToConvert.Median?.TotalDays:0.0} days over {funnel.TimeToConvert.Count:N0} conversions."));
        }
    }

    private static void Cohorts(SectionList sections, Report report)
    {
        var rows = report.Card.Cohorts.Rows;
        var text = sections.Begin("cohorts", "COHORT RETENTION (share of each acquisition month active N months later)");
        if (rows.Count == 0)
        {
            text.AppendLine("No cohort: no customer was acquired in the months covered.");
            return;
        }

        var months = Math.Min(12, rows.Max(r => r.Retention.Count));
        var head = new StringBuilder($"{"Cohort",-9}{"Size",7}");
        for (var m = 0; m < months; m++)
        {
            head.Append(CultureInfo.InvariantCulture, $"{"M" + m,6}");
        }

        text.AppendLine(head.ToString());
        foreach (var row in rows)
        {
            var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{row.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),-9}{row.Size,7:N0}"));
            for (var m = 0; m < months; m++)
            {
                var cell = m < row.Retention.Count && row.Retention[m] is { } r ? (r * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "";
                line.Append(CultureInfo.InvariantCulture, $"{cell,6}");
            }

            text.AppendLine(line.ToString().TrimEnd());
        }

        // Month 0 is the acquisition month itself: under 100 % only when customers are acquired without a sale in it.
        Wrap(text, string.Empty, rows.Any(r => r.Retention.Count > 0 && r.Retention[0] < 1)
            ? "M0 is the acquisition month itself. A customer is acquired on the date of the customer file when it has one, else at the first sale; customers acquired without a sale in that month keep M0 under 100%."
            : "M0 is the acquisition month itself, the month of each customer's first sale: 100% by definition.", string.Empty);
    }

    private static void Feedback(SectionList sections, Report report)
    {
        var feedback = report.Card.Feedback;
        var text = sections.Begin("feedback", "FEEDBACK AND INTERACTIONS");
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Feedback received: {feedback.Total:N0} = {feedback.SurveyAnswers:N0} survey answers + {feedback.Complaints:N0} complaints + {feedback.Suggestions:N0} suggestions + {feedback.Praise:N0} praise"));
        text.AppendLine($"Complaints handled (resolved by the period's end): {ReportBuilder.Percent(feedback.ComplaintsHandled.Value)}");
        if (report.InteractionsByChannel is { } channels)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Interactions: {channels.Values.Sum():N0}"));
            Wrap(text, "  by channel: ", string.Join(", ", channels.Select(c => string.Create(CultureInfo.InvariantCulture, $"{Fields.Kebab(c.Key.ToString())} {c.Value:N0}"))), "    ");
            Wrap(text, "  by purpose: ", string.Join(", ", report.InteractionsByPurpose!.Select(c => string.Create(CultureInfo.InvariantCulture, $"{Fields.Kebab(c.Key.ToString())} {c.Value:N0}"))), "    ");
        }
        else
        {
            text.AppendLine("Interactions: no interactions file.");
        }
    }

    private static void TopCustomers(SectionList sections, Report report)
    {
        var text = sections.Begin("topCustomers", "TOP CUSTOMERS BY REVENUE IN THE PERIOD");
        if (report.TopCustomers.Count == 0)
        {
            text.AppendLine("No customer bought in the period.");
            return;
        }

        var currency = report.Card.Currency.Code;
        var named = report.TopCustomers.Any(c => c.Name is not null);
        var width = named ? 40 : 20;
        text.AppendLine($"{"Customer".PadRight(width)}{"Revenue",18}{"Margin",18}{"Historical CLV",18}");
        foreach (var c in report.TopCustomers)
        {
            var who = named ? Fit($"{c.Id} {c.Name}", width - 1) : Fit(c.Id, width - 1);
            text.AppendLine($"{who.PadRight(width)}{ReportBuilder.Money(c.Revenue, currency),18}{(c.Margin is { } m ? ReportBuilder.Money(m, currency) : "undefined"),18}{(c.HistoricalClv is { } h ? ReportBuilder.Money(h, currency) : "undefined"),18}");
        }

        Wrap(text, string.Empty, "Margin: revenue less cost of goods in the period. Historical CLV: the margin each customer has brought from the first sale to the period's end, undiscounted — realised value, not the models' predicted CLV of revenue below.", string.Empty);
        if (!named)
        {
            text.AppendLine("(ids only; --show-names adds names)");
        }
    }

    private static void Models(SectionList sections, Report report)
    {
        var text = sections.Begin("models", "CUSTOMER-BASE MODELS (BG/NBD, MBG/NBD and Pareto/NBD purchases, Gamma-Gamma spend)");
        if (report.Models is not { } models)
        {
            text.AppendLine(report.Discrete is null ? "No transaction file: no models." : "No transaction file: no purchase models.");
            DiscreteText.Write(text, report.Discrete);
            return;
        }

        var summary = models.Summary;
        var unit = ModelsSection.Unit(summary.TimeUnit);
        var currency = report.Card.Currency.Code;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Calibration  purchases up to {Date(summary.CalibrationEnd)} ({report.Period.Zone.Id}), in {unit}: {summary.Customers.Count:N0} customers, {summary.RepeatTransactions:N0} repeat purchases"));
        if (models.BgNbd is { } bg)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"BG/NBD       r {bg.ModelAsFitted.R:0.000}  alpha {bg.ModelAsFitted.Alpha:0.000}  a {bg.ModelAsFitted.A:0.000}  b {bg.ModelAsFitted.B:0.000}  (per {unit.TrimEnd('s')})"));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"             ln L {bg.LogLikelihood:0.00}; {Status(bg.Status)} in {bg.Iterations} iterations"));
            text.AppendLine($"             {Errors(bg.Parameters)}");
        }
        else
        {
            text.AppendLine("BG/NBD       not fitted (see the notes)");
        }

        if (models.MbgNbd is { } mbg)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"MBG/NBD      r {mbg.ModelAsFitted.R:0.000}  alpha {mbg.ModelAsFitted.Alpha:0.000}  a {mbg.ModelAsFitted.A:0.000}  b {mbg.ModelAsFitted.B:0.000}  (per {unit.TrimEnd('s')}; may drop out at the first purchase)"));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"             ln L {mbg.LogLikelihood:0.00}; {Status(mbg.Status)} in {mbg.Iterations} iterations"));
            text.AppendLine($"             {Errors(mbg.Parameters)}");
        }

        if (models.ParetoNbd is { } pn)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Pareto/NBD   r {pn.ModelAsFitted.R:0.000}  alpha {pn.ModelAsFitted.Alpha:0.000}  s {pn.ModelAsFitted.S:0.000}  beta {pn.ModelAsFitted.Beta:0.000}  (per {unit.TrimEnd('s')})"));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"             ln L {pn.LogLikelihood:0.00}; {Status(pn.Status)} in {pn.Iterations} iterations"));
            text.AppendLine($"             {Errors(pn.Parameters)}");
        }

        if (models.Comparison is { Models.Count: > 1 } comparison)
        {
            var ranked = string.Join(", ", comparison.Models.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Model} {m.Aic:0.00}")));
            text.AppendLine($"Comparison   AIC, best first: {ranked}");
        }

        if (models.GammaGamma is { } gg)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Gamma-Gamma  p {gg.ModelAsFitted.P:0.00}  q {gg.ModelAsFitted.Q:0.00}  gamma {gg.ModelAsFitted.Gamma:0.00}  on {gg.Customers:N0} repeat customers"));
            var correlation = models.SpendFrequencyCorrelation is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "undefined";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"             ln L {gg.LogLikelihood:0.00}; {Status(gg.Status)} in {gg.Iterations} iterations; spend-frequency correlation {correlation}"));
        }
        else
        {
            text.AppendLine("Gamma-Gamma  not fitted (see the notes)");
        }

        if (models.Holdout is { } holdout)
        {
            string Expected(string name, double? value) => value is { } e
                ? string.Create(CultureInfo.InvariantCulture, $"{name} expected {e:N1} ({(e - holdout.Actual) / holdout.Actual:+0.0 %;-0.0 %})")
                : $"no {name} expectation";
            var expected = $"{Expected("BG/NBD", holdout.BgNbdExpected)}, {Expected("Pareto/NBD", holdout.ParetoNbdExpected)}";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Holdout      {Date(summary.CalibrationEnd.PlusDays(1))} .. {Date(holdout.End)} ({holdout.Length.Value:0.##} {unit}): actual {holdout.Actual:N0} repeat purchases"));
            text.AppendLine($"             {expected}");
        }

        if (models.BgNbdTracking is { } tracking)
        {
            var pareto = models.ParetoNbdTracking;
            text.AppendLine();
            text.AppendLine("Tracking: holdout repeat purchases per customer by calibration repeat purchases (x)");
            text.AppendLine($"{"x",-6}{"Customers",11}{"Actual",10}{"BG/NBD",10}{"Pareto/NBD",12}");
            for (var i = 0; i < tracking.ByFrequency.Count; i++)
            {
                var bin = tracking.ByFrequency[i];
                var label = bin.IsOpenEnded ? $"{bin.Frequency}+" : bin.Frequency.ToString(CultureInfo.InvariantCulture);
                var paretoMean = pareto is null ? "n/a" : pareto.ByFrequency[i].ExpectedMean.ToString("0.000", CultureInfo.InvariantCulture);
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{label,-6}{bin.Customers,11:N0}{bin.ActualMean,10:0.000}{bin.ExpectedMean,10:0.000}{paretoMean,12}"));
            }

            var paretoError = pareto is null ? "n/a" : pareto.MeanAbsoluteErrorByFrequency.ToString("0.000", CultureInfo.InvariantCulture);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Mean absolute error per row: BG/NBD {tracking.MeanAbsoluteErrorByFrequency:0.000}, Pareto/NBD {paretoError}"));
        }

        DiscreteText.Write(text, report.Discrete);
        if (models.TopByClv.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine($"Top customers by predicted {ModelsSection.ClvDescription}");
        if (models.ClvDistribution is { } distribution)
        {
            var share = distribution.TopDecileShare is { } d ? ReportBuilder.Percent(d) : "undefined";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Over {distribution.Customers:N0} customers, the top decile (CLV from {ReportBuilder.Money(distribution.TopDecileFrom, currency)}) holds {share} of the total."));
        }

        var named = models.TopByClv.Any(c => c.Name is not null);
        var width = named ? 34 : 14;
        text.AppendLine($"{"Customer".PadRight(width)}{"x",5}{"P(alive)",10}{"E[purchases]",14}{"E[spend]",16}{"CLV",18}");
        foreach (var c in models.TopByClv)
        {
            var who = named ? Fit($"{c.Id} {c.Name}", width - 1) : Fit(c.Id, width - 1);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{who.PadRight(width)}{c.Frequency,5:N0}{c.ProbabilityAlive,10:0.000}{c.ExpectedPurchases,14:0.00}{ReportBuilder.Money(c.ExpectedSpend, currency),16}{ReportBuilder.Money(c.Clv, currency),18}"));
        }

        if (!named)
        {
            text.AppendLine("(ids only; --show-names adds names)");
        }

        static string Errors(IReadOnlyList<Crm.Metrics.Lifetime.ParameterEstimate> parameters) =>
            "standard errors " + string.Join(", ", parameters.Select(p => $"{p.Name} {(p.StandardError is { } e ? e.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")}"));

        static string Status(Crm.Metrics.Lifetime.FitStatus status) => status switch
        {
            Crm.Metrics.Lifetime.FitStatus.Converged or Crm.Metrics.Lifetime.FitStatus.NoFurtherProgress => "converged",
            _ => Fields.Kebab(status.ToString()),
        };
    }

    private static void Assessments(SectionList sections, Report report)
    {
        foreach (var assessment in report.Assessments)
        {
            // The overall is a mean over the scored dimensions only: the headline says over how many.
            var scored = assessment.Dimensions.Count(d => d.Score is not null);
            var all = assessment.Dimensions.Count;
            var overall = assessment.Overall is { } o
                ? string.Create(CultureInfo.InvariantCulture, $"overall {o:0} / 100 over {(scored == all ? $"all {all}" : $"{scored} of {all}")} dimensions")
                : string.Create(CultureInfo.InvariantCulture, $"no dimension of {all} scored");
            var text = sections.Begin("assessment-" + assessment.Framework.Name, $"ASSESSMENT: {assessment.Framework.Name.ToUpperInvariant()} (from evidence; {overall})");
            foreach (var dimension in assessment.Dimensions.OrderBy(d => d.Score ?? double.MaxValue))
            {
                var bar = dimension.Score is { } s ? new string('#', (int)Math.Round(s / 5)).PadRight(20, '.') : new string(' ', 20);
                var score = dimension.Score is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "n/a";
                text.AppendLine($"{Fit(dimension.Key, 15),-15} {bar} {score,4}");
                var why = dimension.Reason ?? string.Join("; ", dimension.Evidence.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Metric} {e.Value} -> {e.Score:0}")));
                Wrap(text, "    ", why, "    ");
            }
        }
    }

    private static void Rfm(SectionList sections, Report report)
    {
        var text = sections.Begin("rfm", "RFM SEGMENTS AND VALUE TIERS (all history up to the period's end)");
        if (report.Rfm is not { } section)
        {
            text.AppendLine("No transaction file: no RFM.");
            return;
        }

        var rfm = section.Rfm;
        var currency = report.Card.Currency.Code;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{rfm.Customers.Count:N0} customers with a sale up to {Date(rfm.Options.AnalysisDate)}; scores 1-5 by quintile, 5 = best, ties share a score"));
        text.AppendLine($"{"Segment",-22}{"Customers",11}{"Revenue",20}{"Share",9}");
        foreach (var segment in rfm.Segments)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{segment.Name,-22}{segment.Customers,11:N0}{ReportBuilder.Money(segment.Revenue.Amount, currency),20}{ReportBuilder.Percent(segment.RevenueShare),9}"));
        }

        text.AppendLine("Bins (score: customers, raw range)");
        foreach (var (name, unit, bins) in new[] { ("R", " days", rfm.RecencyBins), ("F", " days", rfm.FrequencyBins), ("M", " " + currency, rfm.MonetaryBins) })
        {
            var cells = bins.Select(b => b.Customers == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{b.Score}: empty")
                : string.Create(CultureInfo.InvariantCulture, $"{b.Score}: {b.Customers:N0}, {b.Lowest:0.##}-{b.Highest:0.##}"));
            WrapItems(text, $"  {name}{unit}: ", [.. cells], "; ", "      ");
        }

        if (section.Clusters is { } clusters)
        {
            Wrap(text, string.Empty, string.Create(CultureInfo.InvariantCulture, $"k-means clusters (k = {clusters.Clusters.Count}, standardised R, F, M; within-cluster sum of squares {clusters.WithinClusterSumOfSquares:0.0}), named against the mean customer"), "  ");
            foreach (var c in clusters.Clusters.OrderByDescending(c => c.Monetary * c.Frequency))
            {
                var centroid = c.Customers == 0
                    ? "empty"
                    : string.Create(CultureInfo.InvariantCulture, $"R {c.Recency:0} days, F {c.Frequency:0.0} sale days, M {c.Monetary:N2} {currency}");
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {section.ClusterNames[c.Index],-36}{c.Customers,7:N0} customers  {centroid}"));
            }
        }

        WrapItems(text, "Lifecycle from behaviour: ", [.. section.Lifecycle.Select(l => string.Create(CultureInfo.InvariantCulture, $"{RfmSection.StageName(l.Stage)} {l.Customers:N0}"))], ", ", "  ");
        if (section.Tiers is { } tiers)
        {
            text.AppendLine("Value tiers by revenue (A: first 80 %, B: next 15 %, C: rest)");
            foreach (var tier in tiers.Tiers)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {tier.Tier}  {tier.Customers,9:N0} customers  {ReportBuilder.Money(tier.Value, currency),20}  {ReportBuilder.Percent(tier.ValueShare)}"));
            }
        }
    }

    private const int AtRiskShown = 20;

    private static void Churn(SectionList sections, Report report)
    {
        var text = sections.Begin("churn", "CHURN EARLY WARNING");
        if (report.Churn is not { } churn)
        {
            text.AppendLine("No transaction file: no churn warning.");
            return;
        }

        var basis = churn.UsedModel ? "signals and BG/NBD P(alive)" : "threshold signals only";
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"At {Date(churn.AnalysisDate)} ({basis}): {churn.High:N0} high, {churn.Medium:N0} medium, {churn.Low:N0} low risk"));
        Wrap(text, string.Empty, string.Create(CultureInfo.InvariantCulture, $"Of those at risk, {churn.Lost:N0} have probably left already (a silence far beyond their usual gap, or P(alive) below 0.05): a case for win-back, not listed below."), string.Empty);
        if (churn.Slipping == 0)
        {
            text.AppendLine("No customer who is probably still buying shows a warning sign.");
            return;
        }

        Wrap(text, string.Empty, string.Create(CultureInfo.InvariantCulture, $"Slipping (probably still buying, with warning signs): {churn.Slipping:N0}; the most urgent first:"), string.Empty);
        var named = churn.AtRisk.Any(c => c.Name is not null);
        foreach (var c in churn.AtRisk.Take(AtRiskShown))
        {
            var who = named && c.Name is not null ? $"{c.Id} {c.Name}" : c.Id;
            var alive = c.ProbabilityAlive is { } p ? string.Create(CultureInfo.InvariantCulture, $", P(alive) {p:0.00}") : string.Empty;
            text.AppendLine($"{Fit(who, 40)} {c.Level.ToString().ToLowerInvariant()}{alive}");
            Wrap(text, "    ", string.Join("; ", c.Reasons.Select(r => r.Text)), "    ");
        }

        if (churn.Slipping > AtRiskShown)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"... and {churn.Slipping - AtRiskShown:N0} more slipping (the first {Math.Min(churn.Slipping, ChurnSection.Listed):N0} in --format json)"));
        }

        if (!named)
        {
            text.AppendLine("(ids only; --show-names adds names)");
        }
    }

    private static void Row(StringBuilder text, string label, string value, string evidence)
    {
        var head = $"{Fit(label, LabelWidth - 1),-LabelWidth}{value,ValueWidth}  ";
        var room = Width - head.Length;
        var first = true;
        foreach (var line in Lines(evidence, room))
        {
            text.Append(first ? head : new string(' ', head.Length)).AppendLine(line);
            first = false;
        }

        if (first)
        {
            text.AppendLine(head.TrimEnd());
        }
    }

    private static string Date(NodaTime.LocalDate date) => LocalDatePattern.Iso.Format(date);
}
