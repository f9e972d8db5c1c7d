using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Care;

namespace Crm.Metrics.Assessments;

/// <summary>What the evidence-based scorer can read: the scorecard, and optionally the customers, interactions and care calendar.</summary>
/// <param name="Scorecard">The period's scorecard.</param>
public sealed record AssessmentEvidence(Scorecard Scorecard)
{
    /// <summary>The period's scorecard.</summary>
    public Scorecard Scorecard { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Scorecard)); } = Crm.Internal.Checked.NotNull(Scorecard, nameof(Scorecard));

    /// <summary>The customers on file (profile completeness, recorded needs and preferences); optional.</summary>
    public IReadOnlyList<Customer>? Customers { get; init; }

    /// <summary>The period's interactions (channels used, care touches); optional.</summary>
    public IReadOnlyList<Interaction>? Interactions { get; init; }

    /// <summary>The period's care occasions (special days), to match with care interactions; optional.</summary>
    public IReadOnlyList<CareOccasion>? CareOccasions { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
