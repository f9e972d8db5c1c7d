namespace Crm.Domain.Assessments;

/// <summary>The subject of an assessment.</summary>
/// <param name="Kind">What is assessed.</param>
/// <param name="Id">Its identifier (the organisation's name, the segment's name, the customer id).</param>
public sealed record AssessmentSubject(SubjectKind Kind, string Id)
{
    /// <summary>Its identifier (the organisation's name, the segment's name, the customer id).</summary>
    public string Id { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Id)); } = Crm.Internal.Checked.NotNull(Id, nameof(Id));

    /// <summary>What is assessed.</summary>
    public SubjectKind Kind { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Kind)); } = Crm.Internal.Checked.Defined(Kind, nameof(Kind));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
