using System.Globalization;
using Crm.Domain.Activity;
using Crm.Domain.Assessments;

namespace Crm.Metrics.Assessments;

/// <summary>
/// The default, documented mapping from metrics to dimensions of the 5C CRM principles and 6C (docs/assessments.md):
/// Satisfaction — CSAT and (NPS + 100) / 2; Communication — first response against 24 h (100 × min(1, 24 / median
/// hours)), the share of complaints resolved, and the channels used of five; Concern — the share of special days
/// (care occasions) with a care interaction with that customer within three days; Customer — the share of customer
/// profiles with a contact point and a home zone; Knowledge — the share of customers with recorded needs or
/// preferences; Cost — LTV:CAC against 3 (100 × min(1, ratio / 3)); Convenience — CES, (mean − 1) / 6 × 100. A
/// dimension's score is the mean of its evidence items; without any it is unscored with the reason (Culture,
/// Competition and the other frameworks' dimensions need a hand-scored checklist). Each step is replaceable by
/// implementing <see cref="IAssessmentScorer"/>.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class EvidenceAssessmentScorer : IAssessmentScorer
{
    private const double ResponseTargetHours = 24;
    private const double LtvToCacBenchmark = 3;

    /// <inheritdoc/>
    public EvidenceAssessment Score(AssessmentFramework framework, AssessmentEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(evidence);
        var mapped = framework.Key is "5C-CRM" or "6C";
        var dimensions = framework.Dimensions.Select(d =>
        {
            var items = mapped ? Evidence(d.Key, evidence) : [];
            var reason = !mapped || d.Key is "Culture" or "Competition"
                ? "not measurable from CRM data: score its checklist by hand"
                : d.Key == "Cost" && evidence.Scorecard.AcquisitionCost.LtvToCac.UndefinedReason is { } why
                    ? $"LTV:CAC is undefined: {why}"
                    : "no evidence in the data supplied";
            return items.Count == 0
                ? new EvidenceDimension(d.Key, null, [], reason)
                : new EvidenceDimension(d.Key, items.Average(i => i.Score), items.AsReadOnly(), null);
        }).ToList();
        double total = 0, weights = 0;
        foreach (var (dimension, scored) in framework.Dimensions.Zip(dimensions))
        {
            if (scored.Score is { } s && dimension.Weight > 0)
            {
                total += dimension.Weight * s;
                weights += dimension.Weight;
            }
        }

        return new EvidenceAssessment(framework, dimensions.AsReadOnly(), weights > 0 ? total / weights : null);
    }

    private static List<EvidenceItem> Evidence(string dimension, AssessmentEvidence evidence)
    {
        var card = evidence.Scorecard;
        var items = new List<EvidenceItem>();
        void Add(string metric, double? value, Func<double, double> score, string format)
        {
            if (value is { } v && double.IsFinite(v))
            {
                items.Add(new EvidenceItem(metric, v.ToString(format, CultureInfo.InvariantCulture), score(v)));
            }
        }

        switch (dimension)
        {
            case "Satisfaction":
                Add("CSAT (percent)", card.Satisfaction.Csat.Method == CsatMethod.TopTwoBox ? card.Satisfaction.Csat.Value : null, v => v, "0.0");
                Add("NPS", card.Satisfaction.Nps.Value, v => (v + 100) / 2, "0.0");
                break;
            case "Communication":
                Add("first response median (hours)", card.ServiceEfficiency.FirstResponseTime.MedianHours, h => h <= 0 ? 100 : 100 * Math.Min(1, ResponseTargetHours / h), "0.0");
                Add("complaints resolved (share)", card.Feedback.ComplaintsHandled.Value, v => 100 * v, "0.00");
                if (evidence.Interactions is { Count: > 0 } interactions)
                {
                    var channels = interactions.Select(i => i.Channel).Distinct().Count();
                    Add("channels used (of 5)", channels, c => 100 * Math.Min(1, c / 5), "0");
                }

                break;
            case "Concern":
                if (evidence.CareOccasions is { Count: > 0 } occasions && evidence.Interactions is { } touches)
                {
                    var care = touches.Where(i => i.Purpose == InteractionPurpose.Care).ToLookup(i => i.CustomerId);
                    var cared = occasions.Count(o => care[o.CustomerId].Any(i => Math.Abs((i.OccurredAt - o.StartsAt).TotalDays) <= 3));
                    Add("special days with a care touch (share)", (double)cared / occasions.Count, v => 100 * v, "0.00");
                }

                break;
            case "Customer":
                if (evidence.Customers is { Count: > 0 } customers)
                {
                    var complete = customers.Count(c => c.ContactPoints.Count > 0 && c.HomeTimeZone is not null);
                    Add("profiles with a contact point and a zone (share)", (double)complete / customers.Count, v => 100 * v, "0.00");
                }

                break;
            case "Knowledge":
                if (evidence.Customers is { Count: > 0 } known)
                {
                    var recorded = known.Count(c => c.Needs.Count > 0 || !c.Preferences.IsEmpty);
                    Add("customers with recorded needs or preferences (share)", (double)recorded / known.Count, v => 100 * v, "0.00");
                }

                break;
            case "Cost":
                Add("LTV:CAC", card.AcquisitionCost.LtvToCac.Value, r => 100 * Math.Min(1, r / LtvToCacBenchmark), "0.00");
                break;
            case "Convenience":
                Add("CES (mean, 1-7)", card.Satisfaction.Ces.Value, v => (v - 1) / 6 * 100, "0.00");
                break;
        }

        return items;
    }
}
