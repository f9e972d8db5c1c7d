namespace Crm.Domain.Assessments;

/// <summary>Whether a higher answer on a scale is better.</summary>
public enum ScaleDirection
{
    /// <summary>The top of the scale is best (Likert agreement).</summary>
    HigherIsBetter,

    /// <summary>The bottom of the scale is best (the 1–10 ratings of the 5C of credit, 1 = best).</summary>
    LowerIsBetter,
}
