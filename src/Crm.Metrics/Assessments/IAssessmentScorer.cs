using Crm.Domain.Assessments;

namespace Crm.Metrics.Assessments;

/// <summary>Derives dimension scores of an assessment framework from evidence.</summary>
public interface IAssessmentScorer
{
    /// <summary>Scores the framework's dimensions from the evidence; dimensions without evidence are unscored.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="evidence">The evidence.</param>
    /// <returns>The assessment.</returns>
    EvidenceAssessment Score(AssessmentFramework framework, AssessmentEvidence evidence);
}
