using Crm.Domain.Assessments;

namespace Crm.Metrics.Assessments;

/// <summary>An assessment scored from evidence.</summary>
/// <param name="Framework">The framework.</param>
/// <param name="Dimensions">Each dimension, in the framework's order.</param>
/// <param name="Overall">The weighted mean over the scored dimensions; null when none is scored.</param>
public sealed record EvidenceAssessment(AssessmentFramework Framework, IReadOnlyList<EvidenceDimension> Dimensions, double? Overall)
{
    /// <summary>Each dimension, in the framework's order.</summary>
    public IReadOnlyList<EvidenceDimension> Dimensions { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Dimensions)); } = Crm.Internal.Checked.NotNull(Dimensions, nameof(Dimensions));

    /// <summary>The framework.</summary>
    public AssessmentFramework Framework { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Framework)); } = Crm.Internal.Checked.NotNull(Framework, nameof(Framework));

    /// <summary>The weighted mean over the scored dimensions; null when none is scored.</summary>
    public double? Overall { get; init => field = Crm.Internal.Finite.Of(value, nameof(Overall)); } = Crm.Internal.Finite.Of(Overall, nameof(Overall));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
