using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>A customer's answer to one survey question (满意度调查): CSAT, NPS or CES, on that kind's scale.</summary>
/// <remarks>
/// <para>A <c>null</c> <see cref="Score"/> records that the customer saw the question and skipped it; metrics
/// exclude skipped answers unless told otherwise. An answer outside the kind's scale is rejected.</para>
/// <para>Immutable; equality by value; thread-safe.</para>
/// </remarks>
public sealed record SurveyResponse
{
    /// <summary>Creates a survey answer.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="answeredAt">When it was answered.</param>
    /// <param name="kind">CSAT, NPS or CES.</param>
    /// <param name="score">The answer on the kind's scale, or <c>null</c> when skipped.</param>
    /// <exception cref="ArgumentException">The id is default or the kind undefined.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside the kind's scale.</exception>
    public SurveyResponse(CustomerId customerId, Instant answeredAt, SurveyKind kind, int? score)
    {
        CustomerId = Rules.Initialised(customerId, nameof(customerId));
        AnsweredAt = answeredAt;
        Kind = Rules.Defined(kind, nameof(kind));
        var scale = SurveyScale.For(kind);
        if (score is { } s && !scale.Contains(s))
        {
            throw new ArgumentOutOfRangeException(nameof(score), s, $"A {kind} answer is on the scale {scale}.");
        }

        Score = score;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When it was answered.</summary>
    public Instant AnsweredAt { get; }

    /// <summary>CSAT, NPS or CES.</summary>
    public SurveyKind Kind { get; }

    /// <summary>The answer, or <c>null</c> when skipped.</summary>
    public int? Score { get; }

    /// <summary>The scale of the answer.</summary>
    public SurveyScale Scale => SurveyScale.For(Kind);

    /// <summary>Whether the question was skipped.</summary>
    public bool IsSkipped => Score is null;

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
