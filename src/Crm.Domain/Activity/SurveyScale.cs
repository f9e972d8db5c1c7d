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
