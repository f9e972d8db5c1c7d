using System.Globalization;
using Crm.Domain.Activity;
using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Churn;

/// <summary>
/// The churn early warning (流失预警): per customer, threshold signals on their own history — purchase frequency in
/// the recent window against their usual rate, days since the last purchase against their usual gap, complaints
/// and detractor answers in the recent window, unresolved complaints — and, when a purchase model is given,
/// P(alive). Every reason that fired is listed in words and numbers; a customer with no purchase is never Low.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static partial class ChurnWarning
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
    /// <param name="progress">Receives the number of records read so far (purchases, complaints and answers together): each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>Every customer's risk, highest first.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
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
        ChurnWarningSettings? settings = null,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        settings ??= new ChurnWarningSettings();
        settings.Validate(nameof(settings));
        CheckModel(analysisDate, model, summary);

        // One dense index per customer (in the order of first appearance), their sale days logged flat and grouped by
        // a counting sort at the end, the complaint and answer counters in a small struct per customer.
        using var accumulator = new Accumulator(analysisDate, zone, settings, purchases.TryGetNonEnumeratedCount(out var count) ? Storage.Capacity.ForPurchases(count, 4) : default, null);
        var watch = ProgressWatch.For(progress, cancellationToken);
        foreach (var element in ProgressWatch.Watched(purchases, watch))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(element, nameof(purchases)));
        }

        foreach (var element in ProgressWatch.Watched(complaints ?? [], watch))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(element, nameof(complaints)));
        }

        foreach (var element in ProgressWatch.Watched(surveys ?? [], watch))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(element, nameof(surveys)));
        }

        foreach (var id in customers ?? [])
        {
            accumulator.AddCustomer(id);
        }

        watch?.Finish();
        return accumulator.Assess(model, summary, cancellationToken);
    }

    /// <summary>Refuses a model without its summary, and a summary calibrated to another day than the analysis date.</summary>
    private static void CheckModel(LocalDate analysisDate, IPurchaseModel? model, CustomerBaseSummary? summary)
    {
        if (model is not null && summary is null)
        {
            throw new ArgumentException("A purchase model needs the summary it was fitted on, for each customer's x, t_x and T.", nameof(summary));
        }

        if (summary is not null && summary.CalibrationEnd != analysisDate)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The summary is calibrated to {summary.CalibrationEnd:uuuu-MM-dd}, not the analysis date {analysisDate:uuuu-MM-dd}: its P(alive) would describe another day. Summarise the purchases up to the analysis date."),
                nameof(summary));
        }
    }

    /// <summary>
    /// One customer's assessment: the reasons that fired (in <paramref name="reasons"/>, in the order they fired), and
    /// whether the customer is probably lost already.
    /// </summary>
    private static bool AssessOne(ReadOnlySpan<int> purchaseDays, in Signals history, int today, int windowStart, ChurnWarningSettings settings, double? probabilityAlive, ref FiredReasons reasons)
    {
        reasons = default;
        var lost = probabilityAlive < settings.LostProbabilityAlive;
        if (purchaseDays.Length == 0)
        {
            reasons.Add(ReasonFacts.NoPurchase(), ChurnRiskLevel.Medium);
        }
        else
        {
            var first = purchaseDays[0];
            var last = purchaseDays[^1];
            var since = today - last;
            if (purchaseDays.Length == 1)
            {
                lost |= since > settings.SinglePurchaseLostDays;
                if (since > settings.SinglePurchaseDays)
                {
                    reasons.Add(ReasonFacts.SinglePurchase(since), ChurnRiskLevel.Medium);
                }
            }
            else
            {
                var usualGap = (double)(last - first) / (purchaseDays.Length - 1);
                var multiple = since / usualGap;
                lost |= multiple > settings.LostGapMultiple;
                if (multiple > settings.MediumGapMultiple)
                {
                    reasons.Add(ReasonFacts.LongGap(since, multiple, usualGap), multiple > settings.HighGapMultiple ? ChurnRiskLevel.High : ChurnRiskLevel.Medium);
                }
            }

            // The usual rate: purchase days before the window over the days from the first purchase to the window.
            if (first < windowStart)
            {
                var found = purchaseDays.BinarySearch(windowStart);
                var before = found >= 0 ? found : ~found;
                var expected = (double)before / (windowStart - first) * settings.RecentWindowDays;
                var recent = purchaseDays.Length - before;
                // A usual rate needs two purchase days before the window; one purchase is the single-purchase rule's.
                if (before >= 2 && expected >= 1 && recent < settings.FrequencyDropShare * expected)
                {
                    reasons.Add(ReasonFacts.FrequencyDrop(recent, settings.RecentWindowDays, expected), ChurnRiskLevel.Medium);
                }
            }
        }

        if (history.RecentComplaints > 0)
        {
            reasons.Add(
                ReasonFacts.Complaints(history.RecentComplaints, settings.RecentWindowDays, history.EarlierComplaints),
                history.RecentComplaints >= settings.HighRiskComplaints ? ChurnRiskLevel.High : ChurnRiskLevel.Medium);
        }

        if (history.Unresolved > 0)
        {
            reasons.Add(ReasonFacts.Unresolved(history.Unresolved, today - history.OldestUnresolved), ChurnRiskLevel.Medium);
        }

        if (history.RecentDetractors > 0)
        {
            reasons.Add(ReasonFacts.Detractors(history.RecentDetractors, settings.RecentWindowDays), ChurnRiskLevel.Medium);
        }

        if (probabilityAlive is { } p && p < settings.MediumRiskProbabilityAlive)
        {
            reasons.Add(ReasonFacts.ProbabilityAlive(p), p < settings.HighRiskProbabilityAlive ? ChurnRiskLevel.High : ChurnRiskLevel.Medium);
        }

        if (reasons.Strongest == ChurnRiskLevel.Medium && reasons.Count >= 2)
        {
            reasons.Add(ReasonFacts.SeveralSignals(reasons.Count), ChurnRiskLevel.High);
        }

        return lost;
    }

    /// <summary>
    /// The reasons fired for one customer, in the order they fired (at most seven: one purchase rule, the frequency
    /// drop, three complaint and answer rules, P(alive), several signals), kept in place rather than in a list per
    /// customer.
    /// </summary>
    private struct FiredReasons
    {
        private ReasonSlots _slots;

        /// <summary>How many fired.</summary>
        public int Count { get; private set; }

        /// <summary>The highest level of those fired; Low when none fired.</summary>
        public ChurnRiskLevel Strongest { get; private set; }

        public void Add(ReasonFacts facts, ChurnRiskLevel level)
        {
            _slots[Count++] = new FiredReason(facts, level);
            if (level > Strongest)
            {
                Strongest = level;
            }
        }

        /// <summary>Writes the reasons into <paramref name="into"/>, strongest first; those of equal level in the order they fired.</summary>
        public readonly void StrongestFirst(Span<FiredReason> into)
        {
            var next = 0;
            for (var level = ChurnRiskLevel.High; level >= ChurnRiskLevel.Low; level--)
            {
                for (var i = 0; i < Count; i++)
                {
                    if (_slots[i].Level == level)
                    {
                        into[next++] = _slots[i];
                    }
                }
            }
        }
    }

    /// <summary>Room for every reason one customer can fire.</summary>
    [System.Runtime.CompilerServices.InlineArray(7)]
    private struct ReasonSlots
    {
        private FiredReason _first;
    }

    /// <summary>A customer's complaint and answer counters.</summary>
    private struct Signals : Storage.ICustomerDayState<Signals>
    {
        public int RecentComplaints;
        public int EarlierComplaints;
        public int Unresolved;
        public int OldestUnresolved;
        public int RecentDetractors;

        public static Signals Empty => new() { OldestUnresolved = int.MaxValue };

        public readonly decimal Largest => 0m;

        public void Merge(in Signals other)
        {
            RecentComplaints += other.RecentComplaints;
            EarlierComplaints += other.EarlierComplaints;
            Unresolved += other.Unresolved;
            OldestUnresolved = Math.Min(OldestUnresolved, other.OldestUnresolved);
            RecentDetractors += other.RecentDetractors;
        }

        public readonly bool MergeFits(in Signals other) => true;
    }
}
