namespace Crm.Domain.Assessments;

/// <summary>What is assessed.</summary>
public enum SubjectKind
{
    /// <summary>The whole organisation's customer management.</summary>
    Organisation,

    /// <summary>One customer segment.</summary>
    Segment,

    /// <summary>One customer relationship.</summary>
    Customer,
}
