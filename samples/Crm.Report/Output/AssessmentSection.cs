using Crm.Domain.Assessments;
using Crm.Metrics;
using Crm.Metrics.Assessments;
using Crm.Metrics.Care;
using Crm.Report.Input;

namespace Crm.Report.Output;

/// <summary>The evidence-based 5C CRM-principles and 6C assessments of the period.</summary>
internal static class AssessmentSection
{
    public static IReadOnlyList<EvidenceAssessment> Build(Scorecard card, InputData data, IAssessmentScorer scorer)
    {
        var interactions = data.Interactions?.Where(i => card.Period.Contains(i.OccurredAt)).ToList();
        var occasions = data.Customers is { } customers
            ? CareCalendar.For(customers, card.Period.Dates)
            : null;
        var evidence = new AssessmentEvidence(card) { Customers = data.Customers, Interactions = interactions, CareOccasions = occasions };
        return [scorer.Score(AssessmentFramework.CrmPrinciples5C, evidence), scorer.Score(AssessmentFramework.SixC, evidence)];
    }
}
