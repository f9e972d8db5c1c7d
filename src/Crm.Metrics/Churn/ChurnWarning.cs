using System.Runtime.InteropServices;
using System.Globalization;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Churn;

/// <summary>How likely a customer is to be lost, from the churn early warning.</summary>
public enum ChurnRiskLevel
{
    /// <summary>No warning signal fired.</summary>
    Low,

    /// <summary>At least one warning signal fired.</summary>
    Medium,

    /// <summary>A strong signal fired, or two or more warning signals together.</summary>
    High,
}

/// <summary>One reason a customer is at risk, in words and numbers.</summary>
/// <param name="Code">A stable key: <c>no-purchase</c>, <c>single-purchase-long-ago</c>, <c>long-gap</c>, <c>frequency-drop</c>, <c>complaints</c>, <c>unresolved-complaints</c>, <c>detractor</c>, <c>p-alive</c>, <c>several-signals</c>.</param>
/// <param name="Level">The level this reason alone sets.</param>
/// <param name="Text">The reason with its numbers, e.g. "84 days since the last purchase, 3.2 × the usual gap of 26 days".</param>
public sealed record ChurnReason(string Code, ChurnRiskLevel Level, string Text)
{
    /// <summary>The reason with its numbers, e.g. "84 days since the last purchase, 3.2 × the usual gap of 26 days".</summary>
    public string Text { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Text)); } = Crm.Internal.Checked.NotNull(Text, nameof(Text));

    /// <summary>The level this reason alone sets.</summary>
    public ChurnRiskLevel Level { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Level)); } = Crm.Internal.Checked.Defined(Level, nameof(Level));

    /// <summary>A stable key: <c>no-purchase</c>, <c>single-purchase-long-ago</c>, <c>long-gap</c>, <c>frequency-drop</c>, <c>complaints</c>, <c>unresolved-complaints</c>, <c>detractor</c>, <c>p-alive</c>, <c>several-signals</c>.</summary>
    public string Code { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Code)); } = Crm.Internal.Checked.NotNull(Code, nameof(Code));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>One customer's churn risk with every reason that fired.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Level">The highest level of the reasons (High when two or more Medium reasons fired together); Low without reasons.</param>
/// <param name="ProbabilityAlive">P(alive) from the purchase model, when one was given and the customer is in its summary.</param>
/// <param name="Reasons">Every reason that fired, strongest first.</param>
public sealed record CustomerChurnRisk(CustomerId CustomerId, ChurnRiskLevel Level, double? ProbabilityAlive, IReadOnlyList<ChurnReason> Reasons)
{
    /// <summary>Every reason that fired, strongest first.</summary>
    public IReadOnlyList<ChurnReason> Reasons { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Reasons)); } = Crm.Internal.Checked.NotNull(Reasons, nameof(Reasons));

    /// <summary>The highest level of the reasons (High when two or more Medium reasons fired together); Low without reasons.</summary>
    public ChurnRiskLevel Level { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Level)); } = Crm.Internal.Checked.Defined(Level, nameof(Level));

    /// <summary>P(alive) from the purchase model, when one was given and the customer is in its summary.</summary>
    public double? ProbabilityAlive { get; init => field = Crm.Internal.Finite.Of(value, nameof(ProbabilityAlive)); } = Crm.Internal.Finite.Of(ProbabilityAlive, nameof(ProbabilityAlive));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>The thresholds of the churn early warning (流失预警); the defaults are documented on each.</summary>
/// <remarks>Immutable; the rules are checked when the warning runs.</remarks>
public sealed record ChurnWarningSettings
{
    /// <summary>The recent window, in days, ending on the analysis date; default 90.</summary>
    public int RecentWindowDays { get; init; } = 90;

    /// <summary>P(alive) below this is High; default 0.3.</summary>
    public double HighRiskProbabilityAlive { get; init; } = 0.3;

    /// <summary>P(alive) below this is Medium; default 0.6.</summary>
    public double MediumRiskProbabilityAlive { get; init; } = 0.6;

    /// <summary>Days since the last purchase above this multiple of the customer's usual gap is Medium; default 2.</summary>
    public double MediumGapMultiple { get; init; } = 2;

    /// <summary>… above this multiple is High; default 3.</summary>
    public double HighGapMultiple { get; init; } = 3;

    /// <summary>A one-time buyer whose purchase is older than this many days is Medium; default 180.</summary>
    public int SinglePurchaseDays { get; init; } = 180;

    /// <summary>Purchase days in the recent window below this share of those expected at the usual rate is Medium; default 0.5.</summary>
    public double FrequencyDropShare { get; init; } = 0.5;

    /// <summary>Complaints opened in the recent window: at least this many is High (one is Medium); default 3.</summary>
    public int HighRiskComplaints { get; init; } = 3;

    internal void Validate(string parameter)
    {
        if (RecentWindowDays < 1 || SinglePurchaseDays < 1 || HighRiskComplaints < 1)
        {
            throw new ArgumentOutOfRangeException(parameter, "RecentWindowDays, SinglePurchaseDays and HighRiskComplaints must be at least 1.");
        }

        if (!(HighRiskProbabilityAlive is >= 0 and <= 1) || !(MediumRiskProbabilityAlive is >= 0 and <= 1) || HighRiskProbabilityAlive > MediumRiskProbabilityAlive)
        {
            throw new ArgumentOutOfRangeException(parameter, "The P(alive) thresholds must be in [0, 1], the High one not above the Medium one.");
        }

        if (!(MediumGapMultiple > 0) || HighGapMultiple < MediumGapMultiple || !double.IsFinite(HighGapMultiple))
        {
            throw new ArgumentOutOfRangeException(parameter, "The gap multiples must be positive and finite, the High one not below the Medium one.");
        }

        if (!(FrequencyDropShare is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(parameter, "FrequencyDropShare must be in (0, 1].");
        }
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>The result of the churn early warning: every customer's risk, highest first.</summary>
/// <param name="AnalysisDate">The date the signals were read at (inclusive).</param>
/// <param name="UsedModel">Whether a purchase model's P(alive) was part of the signals; without one the warning runs on threshold signals only.</param>
/// <param name="Customers">Every customer assessed, by level (High first), then P(alive) (lowest first), then id.</param>
public sealed record ChurnWarningResult(LocalDate AnalysisDate, bool UsedModel, IReadOnlyList<CustomerChurnRisk> Customers)
{
    /// <summary>Every customer assessed, by level (High first), then P(alive) (lowest first), then id.</summary>
    public IReadOnlyList<CustomerChurnRisk> Customers { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Customers)); } = Crm.Internal.Checked.NotNull(Customers, nameof(Customers));

    /// <summary>The customers at Medium or High risk, highest first.</summary>
    public IEnumerable<CustomerChurnRisk> AtRisk => Customers.Where(c => c.Level != ChurnRiskLevel.Low);

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>
/// The churn early warning (流失预警): per customer, threshold signals on their own history — purchase frequency in
/// the recent window against their usual rate, days since the last purchase against their usual gap, complaints
/// and detractor answers in the recent window, unresolved complaints — and, when a purchase model is given,
/// P(alive). Every reason that fired is listed in words and numbers; a customer with no purchase is never Low.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class ChurnWarning
{
    /// <summary>Assesses every customer who appears in the data (or in <paramref name="customers"/>).</summary>
    /// <param name="analysisDate">The last day read (inclusive); later records are ignored.</param>
    /// <param name="zone">The zone of the local dates; null for UTC.</param>
    /// <param name="purchases">The purchases (sales are read; refunds are not purchases).</param>
    /// <param name="complaints">The complaints; null when not supplied (the complaint signals are then not read).</param>
    /// <param name="surveys">The survey answers; null when not supplied (NPS answers 0–6 are detractors).</param>
    /// <param name="customers">Customers to assess besides those in the data (for example every customer on file, so that those who never bought are flagged); optional.</param>
    /// <param name="model">A fitted purchase model, with <paramref name="summary"/>; optional.</param>
    /// <param name="summary">
    /// The summary the model was fitted on (its customers get P(alive)); required with <paramref name="model"/>, and
    /// calibrated to <paramref name="analysisDate"/> (P(alive) at another date would be stale or from the future).
    /// </param>
    /// <param name="settings">The thresholds; null for the defaults.</param>
    /// <returns>Every customer's risk, highest first.</returns>
    /// <exception cref="ArgumentException">A model without its summary, a summary calibrated to another date than <paramref name="analysisDate"/>, or settings that break a rule.</exception>
    public static ChurnWarningResult Assess(
        LocalDate analysisDate,
        DateTimeZone? zone,
        IEnumerable<Purchase> purchases,
        IEnumerable<Complaint>? complaints = null,
        IEnumerable<SurveyResponse>? surveys = null,
        IEnumerable<CustomerId>? customers = null,
        IPurchaseModel? model = null,
        CustomerBaseSummary? summary = null,
        ChurnWarningSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        settings ??= new ChurnWarningSettings();
        settings.Validate(nameof(settings));
        if (model is not null && summary is null)
        {
            throw new ArgumentException("A purchase model needs the summary it was fitted on, for each customer's x, t_x and T.", nameof(summary));
        }

        if (summary is not null && summary.CalibrationEnd != analysisDate)
        {
            throw new ArgumentException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The summary is calibrated to {summary.CalibrationEnd:uuuu-MM-dd}, not the analysis date {analysisDate:uuuu-MM-dd}: its P(alive) would describe another day. Summarise the purchases up to the analysis date."),
                nameof(summary));
        }

        zone ??= DateTimeZone.Utc;
        var today = LocalDayNumbers.Of(analysisDate);
        var windowStart = today - settings.RecentWindowDays + 1;
        var days = new LocalDayNumbers(zone);
        var histories = new Dictionary<CustomerId, History>();
        History Of(CustomerId id)
        {
            if (!histories.TryGetValue(id, out var history))
            {
                histories[id] = history = new History();
            }

            return history;
        }

        foreach (var element in purchases)
        {
            var purchase = Crm.Internal.Elements.NotNull(element, nameof(purchases));
            var day = days.Of(purchase.OccurredAt.ToUnixTimeTicks());
            var history = Of(purchase.CustomerId);
            if (purchase.IsSale && day <= today)
            {
                history.PurchaseDays.Add(day);
            }
        }

        foreach (var element in complaints ?? [])
        {
            var complaint = Crm.Internal.Elements.NotNull(element, nameof(complaints));
            var day = days.Of(complaint.OpenedAt.ToUnixTimeTicks());
            if (day > today)
            {
                continue;
            }

            var history = Of(complaint.CustomerId);
            if (day >= windowStart)
            {
                history.RecentComplaints++;
            }
            else if (day >= windowStart - settings.RecentWindowDays)
            {
                history.EarlierComplaints++;
            }

            if (complaint.ResolvedAt is not { } resolved || days.Of(resolved.ToUnixTimeTicks()) > today)
            {
                history.Unresolved++;
                history.OldestUnresolved = Math.Min(history.OldestUnresolved, day);
            }
        }

        foreach (var element in surveys ?? [])
        {
            var answer = Crm.Internal.Elements.NotNull(element, nameof(surveys));
            var day = days.Of(answer.AnsweredAt.ToUnixTimeTicks());
            if (answer.Kind == SurveyKind.Nps && answer.Score is <= 6 && day <= today && day >= windowStart)
            {
                Of(answer.CustomerId).RecentDetractors++;
            }
        }

        foreach (var id in customers ?? [])
        {
            Of(id);
        }

        Dictionary<CustomerId, double>? alive = null;
        if (model is not null)
        {
            alive = new Dictionary<CustomerId, double>(summary!.Customers.Count);
            foreach (var c in summary.Customers)
            {
                alive[c.CustomerId] = model.ProbabilityAlive(c);
            }
        }

        var risks = histories.Select(pair => Assess(pair.Key, pair.Value, today, windowStart, settings, alive is not null && alive.TryGetValue(pair.Key, out var p) ? p : null))
            .OrderByDescending(r => r.Level)
            .ThenBy(r => r.ProbabilityAlive ?? 1)
            .ThenBy(r => r.CustomerId)
            .ToList();
        return new ChurnWarningResult(analysisDate, model is not null, risks.AsReadOnly());
    }

    private static CustomerChurnRisk Assess(CustomerId id, History history, int today, int windowStart, ChurnWarningSettings settings, double? probabilityAlive)
    {
        var reasons = new List<ChurnReason>();
        var purchaseDays = history.DistinctDays();
        if (purchaseDays.Length == 0)
        {
            reasons.Add(new("no-purchase", ChurnRiskLevel.Medium, "no purchase on record"));
        }
        else
        {
            var first = purchaseDays[0];
            var last = purchaseDays[^1];
            var since = today - last;
            if (purchaseDays.Length == 1)
            {
                if (since > settings.SinglePurchaseDays)
                {
                    reasons.Add(new("single-purchase-long-ago", ChurnRiskLevel.Medium, string.Create(CultureInfo.InvariantCulture, $"one purchase only, {since} days ago")));
                }
            }
            else
            {
                var usualGap = (double)(last - first) / (purchaseDays.Length - 1);
                var multiple = since / usualGap;
                if (multiple > settings.MediumGapMultiple)
                {
                    reasons.Add(new("long-gap", multiple > settings.HighGapMultiple ? ChurnRiskLevel.High : ChurnRiskLevel.Medium,
                        string.Create(CultureInfo.InvariantCulture, $"{since} days since the last purchase, {multiple:0.0} × the usual gap of {usualGap:0.#} days")));
                }
            }

            // The usual rate: purchase days before the window over the days from the first purchase to the window.
            if (first < windowStart)
            {
                var found = Array.BinarySearch(purchaseDays, windowStart);
                var before = found >= 0 ? found : ~found;
                var expected = (double)before / (windowStart - first) * settings.RecentWindowDays;
                var recent = purchaseDays.Length - before;
                // A usual rate needs two purchase days before the window; one purchase is the single-purchase rule's.
                if (before >= 2 && expected >= 1 && recent < settings.FrequencyDropShare * expected)
                {
                    reasons.Add(new("frequency-drop", ChurnRiskLevel.Medium,
                        string.Create(CultureInfo.InvariantCulture, $"{recent} purchase day(s) in the last {settings.RecentWindowDays} days against {expected:0.0} expected at the usual rate")));
                }
            }
        }

        if (history.RecentComplaints > 0)
        {
            reasons.Add(new("complaints", history.RecentComplaints >= settings.HighRiskComplaints ? ChurnRiskLevel.High : ChurnRiskLevel.Medium,
                string.Create(CultureInfo.InvariantCulture, $"{history.RecentComplaints} complaint(s) in the last {settings.RecentWindowDays} days ({history.EarlierComplaints} in the {settings.RecentWindowDays} before)")));
        }

        if (history.Unresolved > 0)
        {
            reasons.Add(new("unresolved-complaints", ChurnRiskLevel.Medium, string.Create(CultureInfo.InvariantCulture, $"{history.Unresolved} unresolved complaint(s), the oldest open {today - history.OldestUnresolved} days")));
        }

        if (history.RecentDetractors > 0)
        {
            reasons.Add(new("detractor", ChurnRiskLevel.Medium, string.Create(CultureInfo.InvariantCulture, $"{history.RecentDetractors} NPS detractor answer(s) (0-6) in the last {settings.RecentWindowDays} days")));
        }

        if (probabilityAlive is { } p && p < settings.MediumRiskProbabilityAlive)
        {
            reasons.Add(new("p-alive", p < settings.HighRiskProbabilityAlive ? ChurnRiskLevel.High : ChurnRiskLevel.Medium, string.Create(CultureInfo.InvariantCulture, $"P(alive) {p:0.00} from the purchase model")));
        }

        var level = reasons.Count == 0 ? ChurnRiskLevel.Low : reasons.Max(r => r.Level);
        if (level == ChurnRiskLevel.Medium && reasons.Count >= 2)
        {
            reasons.Add(new("several-signals", ChurnRiskLevel.High, string.Create(CultureInfo.InvariantCulture, $"{reasons.Count} warning signals together")));
            level = ChurnRiskLevel.High;
        }

        return new CustomerChurnRisk(id, level, probabilityAlive, reasons.OrderByDescending(r => r.Level).ToList().AsReadOnly());
    }

    private sealed class History
    {
        /// <summary>Sale days up to the analysis date, in input order with repeats (see <see cref="DistinctDays"/>).</summary>
        public List<int> PurchaseDays { get; } = [];

        /// <summary>The distinct purchase days, ascending.</summary>
        public int[] DistinctDays()
        {
            var days = CollectionsMarshal.AsSpan(PurchaseDays);
            days.Sort();
            var n = 0;
            for (var i = 0; i < days.Length; i++)
            {
                if (n == 0 || days[i] != days[n - 1])
                {
                    days[n++] = days[i];
                }
            }

            return days[..n].ToArray();
        }

        public int RecentComplaints { get; set; }

        public int EarlierComplaints { get; set; }

        public int Unresolved { get; set; }

        public int OldestUnresolved { get; set; } = int.MaxValue;

        public int RecentDetractors { get; set; }
    }
}
