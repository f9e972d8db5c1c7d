using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>The answer scale of a survey question: the whole numbers from <see cref="Minimum"/> to <see cref="Maximum"/>.</summary>
/// <remarks>The default value is the scale 0–0; use <see cref="For"/>. Immutable value type, thread-safe.</remarks>
public readonly record struct SurveyScale
{
    private SurveyScale(int minimum, int maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The CSAT scale, 1–5 (5 = very satisfied).</summary>
    public static SurveyScale Csat { get; } = new(1, 5);

    /// <summary>The NPS scale, 0–10 (10 = extremely likely to recommend).</summary>
    public static SurveyScale Nps { get; } = new(0, 10);

    /// <summary>The CES 2.0 scale, 1–7 (7 = very easy).</summary>
    public static SurveyScale Ces { get; } = new(1, 7);

    /// <summary>The lowest answer.</summary>
    public int Minimum { get; }

    /// <summary>The highest answer.</summary>
    public int Maximum { get; }

    /// <summary>The scale of a survey kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is undefined.</exception>
    public static SurveyScale For(SurveyKind kind) => Rules.Defined(kind, nameof(kind)) switch
    {
        SurveyKind.Csat => Csat,
        SurveyKind.Nps => Nps,
        _ => Ces,
    };

    /// <summary>Whether an answer is on the scale.</summary>
    /// <param name="score">The answer.</param>
    /// <returns><c>true</c> when <see cref="Minimum"/> ≤ <paramref name="score"/> ≤ <see cref="Maximum"/>.</returns>
    public bool Contains(int score) => score >= Minimum && score <= Maximum;

    /// <summary>Formats as <c>min–max</c>.</summary>
    /// <returns>The range.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Minimum}-{Maximum}");
}

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
