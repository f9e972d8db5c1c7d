using System.Globalization;
using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Metrics;
using Crm.Metrics.Results;
using Crm.Report.Cli;
using Crm.Report.Input;

namespace Crm.Report.Output;

/// <summary>One piece of evidence beside a metric's value: a count, an amount, a rate, a text.</summary>
internal readonly record struct Evidence(string Key, object? Value);

/// <summary>
/// One metric of the report, the same for text and JSON. <see cref="Value"/> is a double, a decimal (money, in
/// <see cref="Currency"/>) or <c>null</c> when undefined, with <see cref="Reason"/> saying why.
/// </summary>
internal sealed record MetricEntry(string Key, string Section, string Label, object? Value, string Unit, string? Reason, string Shown, string Explained, IReadOnlyList<Evidence> Evidence)
{
    public string? Currency { get; init; }
}

/// <summary>A top customer by revenue in the period; the name only with --show-names.</summary>
internal sealed record TopCustomer(string Id, string? Name, decimal Revenue, decimal? Margin, decimal? HistoricalClv);

/// <summary>Everything a report shows, computed once and written as text or JSON.</summary>
internal sealed record Report(
    ReportingPeriod Period,
    string Source,
    Scorecard Card,
    IReadOnlyList<(InputKind Kind, string File, int Rows)> Inputs,
    IReadOnlyList<MetricEntry> Metrics,
    IReadOnlyList<TopCustomer> TopCustomers,
    IReadOnlyDictionary<CommunicationChannel, int>? InteractionsByChannel,
    IReadOnlyDictionary<InteractionPurpose, int>? InteractionsByPurpose,
    ModelsSection? Models,
    ChurnSection? Churn,
    RfmSection? Rfm,
    IReadOnlyList<string> Notes)
{
    /// <summary>BG/BB on the <c>--discrete</c> patterns; null without that file.</summary>
    public DiscreteSection? Discrete { get; init; }

    /// <summary>The twelve months up to the period's; null without purchases.</summary>
    public TrendSection? Trend { get; init; }

    /// <summary>The loyalty programme's figures; null without <c>--programme</c>.</summary>
    public Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeMetrics? Loyalty { get; init; }

    /// <summary>The loyalty programme's rules; null without <c>--programme</c>.</summary>
    public Crm.Domain.LoyaltyProgrammes.LoyaltyProgramme? Programme { get; init; }

    /// <summary>The evidence-based assessments (set by the program, which owns the scorer).</summary>
    public IReadOnlyList<Crm.Metrics.Assessments.EvidenceAssessment> Assessments { get; init; } = [];
}

/// <summary>Builds the report's metric table from a scorecard: one line per metric, the keys the JSON contract names.</summary>
internal static class ReportBuilder
{
    private const int TopCount = 10;

    /// <summary>The customers' names when --show-names asks for them; otherwise null (ids only).</summary>
    public static IReadOnlyDictionary<CustomerId, string?>? Names(InputData data, ReportOptions options) =>
        options.ShowNames && data.Customers is not null
            ? data.Customers.ToDictionary(c => c.Id, c => c.Person?.Name ?? c.Organisation?.LegalName)
            : null;

    /// <summary>
    /// Starts the sections built on the analyses of the one read on the thread pool, side by side: the customer-base
    /// models, RFM, and the churn warning at <paramref name="analysisDate"/>, which starts as soon as the BG/NBD fit it
    /// may use is done rather than after every model.
    /// </summary>
    public static ReportSections StartSections(AnalysisResults? analyses, InputData data, ReportOptions options, NodaTime.LocalDate analysisDate)
    {
        var names = Names(data, options);
        var summary = analyses?.Summary;
        var bgNbd = Task.Run(() => ModelsSection.FitBgNbd(summary));
        return new(
            Task.Run(() => ModelsSection.Build(summary, data, options, names, bgNbd)),
            Task.Run(() => RfmSection.Build(analyses?.Rfm, analyses?.Lifecycles)),
            analyses is null
                ? Task.FromResult<ChurnSection?>(null)
                : bgNbd.ContinueWith(fit => ChurnSection.Build(analyses, analysisDate, fit.GetAwaiter().GetResult(), names), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default));
    }

    public static Report Build(Scorecard card, InputData data, ReportOptions options, string source, ReportSections sections, string? valueBasisProblem = null)
    {
        var metrics = Metrics(card, options.ValueBasis, valueBasisProblem);
        var names = Names(data, options);
        var top = card.CustomerValue.TopByRevenue(TopCount)
            .Select(c => new TopCustomer(c.Id.Value, names?.GetValueOrDefault(c.Id), c.Revenue.Amount, c.Margin.Value?.Amount, c.HistoricalClv.Value?.Amount))
            .ToList();

        Dictionary<CommunicationChannel, int>? byChannel = null;
        Dictionary<InteractionPurpose, int>? byPurpose = null;
        if (data.Interactions is { } interactions)
        {
            var inPeriod = interactions.Where(i => card.Period.Contains(i.OccurredAt)).ToList();
            byChannel = inPeriod.GroupBy(i => i.Channel).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
            byPurpose = inPeriod.GroupBy(i => i.Purpose).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        }

        var notes = new List<string>();
        if (!card.IsPeriodComplete)
        {
            notes.Add("The period has not ended yet: its figures are partial.");
        }

        if (card.RecordsOutsidePeriod > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{Count(card.RecordsOutsidePeriod, "record falls", "records fall")} outside the period (answers, complaints, feedback and leads outside it, purchases after it, costs with no day in it) and are not counted; purchases before it feed history."));
        }

        foreach (var missing in new[] { (InputKind.Transactions, "purchase and customer-base model"), (InputKind.Surveys, "satisfaction"), (InputKind.Costs, "cost"), (InputKind.Complaints, "complaint and SLA"), (InputKind.Leads, "funnel") })
        {
            if (!data.Files.Any(f => f.Kind == missing.Item1))
            {
                notes.Add($"No {missing.Item1.ToString().ToLowerInvariant()} file: the {missing.Item2} metrics are undefined, not zero.");
            }
        }

        // GetResult rethrows a section's own exception (a usage error), not an AggregateException.
        var models = sections.Models.GetAwaiter().GetResult();
        notes.AddRange(models?.Notes ?? []);
        var churn = sections.Churn.GetAwaiter().GetResult();
        if (churn is { UsedModel: false })
        {
            notes.Add("The churn early warning runs on threshold signals only: P(alive) joins them when the models are calibrated to the period's last day (the default --calibration-end).");
        }

        var rfm = sections.Rfm.GetAwaiter().GetResult();
        var discrete = DiscreteSection.Build(data);
        if (discrete?.Note is { } note)
        {
            notes.Add(note);
        }

        return new Report(card.Period, source, card, data.Files, metrics, top, byChannel, byPurpose, models, churn, rfm, notes) { Discrete = discrete };
    }

    private static List<MetricEntry> Metrics(Scorecard card, LifetimeValueBasis? basis, string? basisProblem)
    {
        var list = new List<MetricEntry>();
        var currency = card.Currency.Code;
        var purchases = (card.Supplied & DataSources.Purchases) != 0;

        var satisfaction = card.Satisfaction;
        var csat = satisfaction.Csat;
        list.Add(new("csat", "Satisfaction", csat.Method == CsatMethod.TopTwoBox ? "CSAT (top-2-box)" : "CSAT (mean score)", csat.Value,
            csat.Method == CsatMethod.TopTwoBox ? "percent" : "score 1-5", csat.UndefinedReason,
            csat.Method == CsatMethod.TopTwoBox ? Percent(csat.Value, fraction: false) : Number(csat.Value, 2),
            $"{csat.Satisfied:N0} of {csat.Answers:N0} answers scored 4-5; {csat.Skipped:N0} skipped",
            [new("satisfied", csat.Satisfied), new("answers", csat.Answers), new("skipped", csat.Skipped)]));
        var nps = satisfaction.Nps;
        list.Add(new("nps", "Satisfaction", "NPS", nps.Value, "score -100..100", nps.UndefinedReason, Number(nps.Value, 1),
            $"{nps.Promoters:N0} promoters, {nps.Passives:N0} passives, {nps.Detractors:N0} detractors",
            [new("promoters", nps.Promoters), new("passives", nps.Passives), new("detractors", nps.Detractors), new("respondents", nps.Respondents)]));
        var ces = satisfaction.Ces;
        list.Add(new("ces", "Satisfaction", "CES (mean, 7 = easiest)", ces.Value, "score 1-7", ces.UndefinedReason, Number(ces.Value, 2),
            $"{ces.Answers:N0} answers; {ces.Skipped:N0} skipped",
            [new("answers", ces.Answers), new("skipped", ces.Skipped)]));

        var loyalty = card.Loyalty;
        list.Add(new("revenue", "Purchases and loyalty", "Revenue (net)", purchases ? loyalty.Revenue.Amount : null, "money",
            purchases ? null : "no transaction data was supplied", purchases ? Money(loyalty.Revenue.Amount, currency) : Undefined,
            purchases ? $"sales {Money(loyalty.SalesRevenue.Amount, currency)} - refunds {Money(loyalty.Refunds.Amount, currency)}" : string.Empty,
            [new("sales", purchases ? loyalty.SalesRevenue.Amount : null), new("refunds", purchases ? loyalty.Refunds.Amount : null)]) { Currency = currency });
        list.Add(new("orders", "Purchases and loyalty", "Orders", purchases ? (double)loyalty.Orders : null, "count",
            purchases ? null : "no transaction data was supplied", purchases ? Count(loyalty.Orders) : Undefined, "sale records in the period", []));
        list.Add(PerCount("averageOrderValue", "Purchases and loyalty", "Average order value", loyalty.AverageOrderValue, "orders", currency));
        list.Add(RateEntry("purchaseFrequency", "Purchases and loyalty", "Purchase frequency", loyalty.PurchaseFrequency, "orders per active customer", "orders", "active customers", asPercent: false));
        list.Add(RateEntry("repeatPurchaseRate", "Purchases and loyalty", "Repeat purchase rate", loyalty.RepeatPurchaseRate, "fraction", "customers buying on 2+ days", "active customers"));
        var retention = loyalty.Retention;
        list.Add(new("retentionRate", "Purchases and loyalty", "Retention rate", retention.RetentionRate, "fraction", retention.UndefinedReason, Percent(retention.RetentionRate),
            retention.Method == RetentionMethod.Cohort
                ? $"{retention.Retained:N0} of the {retention.CustomersAtStart:N0} customers who bought in the {retention.WindowDays} days before the period bought again in it (cohort method)"
                : $"{retention.Retained:N0} active in the period and not acquired in it / {retention.CustomersAtStart:N0} customers who bought in the {retention.WindowDays} days before it (classic method)",
            [new("retained", retention.Retained), new("customersAtStart", retention.CustomersAtStart), new("windowDays", retention.WindowDays), new("method", retention.Method.ToString())]));
        list.Add(new("churnRate", "Purchases and loyalty", "Churn rate", retention.ChurnRate, "fraction", retention.UndefinedReason, Percent(retention.ChurnRate),
            retention.Method == RetentionMethod.Cohort
                ? $"{retention.Lost:N0} of the {retention.CustomersAtStart:N0} customers who bought in the {retention.WindowDays} days before the period did not buy in it (cohort method)"
                : $"1 - retention: {retention.Lost:N0} / {retention.CustomersAtStart:N0} customers who bought in the {retention.WindowDays} days before the period (classic method)",
            [new("lost", retention.Lost), new("customersAtStart", retention.CustomersAtStart)]));
        list.Add(Ratio("returningCustomerRevenueShare", "Purchases and loyalty", "Returning-customer revenue share", loyalty.ReturningCustomerRevenueShare, "sales from returning customers", "all sales", currency));
        // Against the previous period of the same kind (the calendar month before a month), its dates printed.
        var previous = card.Period.Previous();
        var dates = card.Period.Dates;
        var previousKind = dates.Start.Day == 1 && dates.Start.PlusMonths(1) == dates.End.PlusDays(1) ? "previous month" : "previous period";
        list.Add(Ratio("salesGrowth", "Purchases and loyalty", $"Sales growth vs {previousKind}", loyalty.SalesGrowth, "revenue change",
            $"revenue of {previous.Dates.Start:yyyy-MM-dd}..{previous.Dates.End:yyyy-MM-dd}", currency));

        var acquisition = card.AcquisitionCost;
        list.Add(PerCount("customerAcquisitionCost", "Acquisition and cost", "Customer acquisition cost", acquisition.CustomerAcquisitionCost, "customers acquired", currency));
        list.Add(PerCount("retentionCostPerCustomer", "Acquisition and cost", "Retention cost per customer", acquisition.RetentionCostPerActiveCustomer, "active customers", currency));
        list.Add(Value("grossMarginRate", "Acquisition and cost", "Gross margin rate", acquisition.GrossMarginRate, "fraction", Percent(acquisition.GrossMarginRate.Value), "(revenue - cost of goods) / revenue"));
        // Always listed: with its value, or why there is none in words a reader can act on.
        var ltv = acquisition.LifetimeValue.Value;
        var cac = acquisition.CustomerAcquisitionCost.Value;
        list.Add(new("ltvToCac", "Acquisition and cost", "LTV:CAC", acquisition.LtvToCac.Value, "ratio",
            basis is null ? "not computed: --value-basis revenue or margin sets the models' predicted CLV of a new customer against CAC"
                : basisProblem is not null ? $"--value-basis {basis.Value.ToString().ToLowerInvariant()}: {basisProblem}"
                : acquisition.LtvToCac.UndefinedReason,
            Number(acquisition.LtvToCac.Value, 1),
            basis is { } b && ltv is not null && cac is not null
                ? $"lifetime value {Money(ltv.Value.Amount, currency)} ({LifetimeValueSection.Describe(b)}) / CAC {Money(cac.Value.Amount, currency)}"
                : string.Empty,
            [new("lifetimeValue", ltv?.Amount), new("customerAcquisitionCost", cac?.Amount)]) { Currency = currency });
        list.Add(Value("cacPaybackMonths", "Acquisition and cost", "CAC payback", acquisition.CacPaybackMonths, "months", Number(acquisition.CacPaybackMonths.Value, 1, " months"), "CAC / monthly gross margin per active customer"));
        var benefit = card.CostBenefit;
        list.Add(new("crmReturnOnSpend", "Acquisition and cost", "Return on CRM spend", benefit.ReturnOnCrmSpend.Value, "fraction", benefit.ReturnOnCrmSpend.UndefinedReason,
            Percent(benefit.ReturnOnCrmSpend.Value),
            $"(margin {(benefit.Margin.Value is { } m ? Money(m.Amount, currency) : "undefined")} - CRM cost {Money(benefit.CrmCost.Amount, currency)}) / CRM cost",
            [new("margin", benefit.Margin.Value?.Amount), new("crmCost", decimal.Round(benefit.CrmCost.Amount, 4))]) { Currency = currency });

        var service = card.ServiceEfficiency;
        list.Add(RateEntry("complaintRate", "Service", "Complaint rate", service.ComplaintRate, "complaints per active customer (may exceed 1)", "complaints opened", "active customers"));
        list.Add(Value("complaintsPerThousandOrders", "Service", "Complaints per 1,000 orders", service.ComplaintsPerThousandOrders, "per 1,000 orders", Number(service.ComplaintsPerThousandOrders.Value, 1), $"{service.ComplaintsOpened:N0} complaints opened"));
        list.Add(RateEntry("slaCompliance", "Service", "SLA compliance", service.SlaCompliance, "fraction", "resolved within target", "decided cases",
            $"; {service.SlaPending:N0} pending, {service.WithoutTarget:N0} without target"));
        list.Add(Durations("firstResponseTime", "First response time", service.FirstResponseTime, $"{service.Unanswered:N0} unanswered at the period's end", "unanswered", service.Unanswered));
        list.Add(Durations("resolutionTime", "Resolution time", service.ResolutionTime, $"{service.Unresolved:N0} unresolved at the period's end", "unresolved", service.Unresolved));

        var experience = card.Experience;
        list.Add(new("customerExperience", "Experience and conversion", "Customer experience index", experience.Index.Value, "score 0-100", experience.Index.UndefinedReason,
            Number(experience.Index.Value, 1),
            string.Join(", ", experience.Components.Select(c => $"{c.Name} {(c.Score.Value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "n/a")} x{c.Weight.ToString("0.##", CultureInfo.InvariantCulture)}")),
            [.. experience.Components.Select(c => new Evidence(Camel(c.Name), c.Score.Value))]));
        var funnel = card.Conversion;
        list.Add(RateEntry("conversionRate", "Experience and conversion", "Conversion rate (end to end)", funnel.EndToEnd, "fraction", $"leads reaching \"{funnel.Funnel?.Stages[^1]}\"", "leads entering"));
        return list;
    }

    private const string Undefined = "undefined";

    private static MetricEntry RateEntry(string key, string section, string label, Rate rate, string unit, string numerator, string denominator, string more = "", bool asPercent = true) =>
        new(key, section, label, rate.Value, unit, rate.UndefinedReason, asPercent ? Percent(rate.Value) : Number(rate.Value, 2),
            $"{rate.Numerator:N0} {numerator} / {rate.Denominator:N0} {denominator}{more}",
            [new("numerator", rate.Numerator), new("denominator", rate.Denominator)]);

    private static MetricEntry PerCount(string key, string section, string label, MoneyPerCount value, string units, string currency) =>
        new(key, section, label, value.Value is { } per ? decimal.Round(per.Amount, 4) : null, "money", value.UndefinedReason, value.Value is { } v ? Money(v.Amount, currency) : Undefined,
            value.IsDefined ? $"{Money(value.Total.Amount, currency)} / {value.Count:N0} {units}" : string.Empty,
            [new("total", value.IsDefined ? decimal.Round(value.Total.Amount, 4) : null), new("count", value.Count)]) { Currency = currency };

    private static MetricEntry Ratio(string key, string section, string label, MoneyRatio ratio, string numerator, string denominator, string currency) =>
        new(key, section, label, ratio.Value, "fraction", ratio.UndefinedReason, Percent(ratio.Value),
            $"{numerator} {Money(ratio.Numerator.Amount, currency)} / {denominator} {Money(ratio.Denominator.Amount, currency)}",
            [new("numerator", ratio.Numerator.Amount), new("denominator", ratio.Denominator.Amount)]) { Currency = currency };

    private static MetricEntry Value(string key, string section, string label, MetricValue<double> value, string unit, string shown, string explained) =>
        new(key, section, label, value.Value, unit, value.UndefinedReason, shown, explained, []);

    private static MetricEntry Durations(string key, string label, DurationDistribution times, string explained, string pendingKey, long pending) =>
        new(key, "Service", label, times.MedianHours, "hours (median)", times.Count == 0 ? "no such case in the period" : null,
            Number(times.MedianHours, 1, " h median"),
            times.Count == 0 ? explained : string.Create(CultureInfo.InvariantCulture, $"n={times.Count:N0}, mean {times.MeanHours:0.0} h, p90 {times.P90Hours:0.0} h; {explained}"),
            [new("count", times.Count), new("meanHours", times.MeanHours), new("medianHours", times.MedianHours), new("p90Hours", times.P90Hours), new(pendingKey, pending)]);

    public static string Percent(double? value, bool fraction = true) =>
        value is { } v ? (fraction ? v * 100 : v).ToString("0.0", CultureInfo.InvariantCulture) + " %" : Undefined;

    public static string Number(double? value, int decimals, string suffix = "") =>
        value is { } v ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + suffix : Undefined;

    public static string Money(decimal amount, string currency) =>
        amount.ToString("N2", CultureInfo.InvariantCulture) + " " + currency;

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count and its noun in the right number: "1 record falls", "2,278 records fall".</summary>
    public static string Count(long count, string one, string many) => $"{Count(count)} {(count == 1 ? one : many)}";

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..].ToLowerInvariant();
}
