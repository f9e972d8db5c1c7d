namespace Crm.Domain.Assessments;

/// <summary>The answers an item accepts: whole numbers from <see cref="Minimum"/> to <see cref="Maximum"/>, and which end is best.</summary>
/// <remarks>Immutable; equality by value.</remarks>
public sealed record Scale
{
    /// <summary>Creates a scale.</summary>
    /// <param name="minimum">The lowest answer.</param>
    /// <param name="maximum">The highest answer; above <paramref name="minimum"/>.</param>
    /// <param name="direction">Which end is best.</param>
    /// <exception cref="ArgumentException">The maximum is not above the minimum, or the direction is not defined.</exception>
    public Scale(int minimum, int maximum, ScaleDirection direction = ScaleDirection.HigherIsBetter)
    {
        if (maximum <= minimum)
        {
            throw new ArgumentException($"A scale's maximum ({maximum}) must be above its minimum ({minimum}).", nameof(maximum));
        }

        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "The scale direction is not defined.");
        }

        (Minimum, Maximum, Direction) = (minimum, maximum, direction);
    }

    /// <summary>The lowest answer.</summary>
    public int Minimum { get; }

    /// <summary>The highest answer.</summary>
    public int Maximum { get; }

    /// <summary>Which end is best.</summary>
    public ScaleDirection Direction { get; }

    /// <summary>A Likert scale 1..<paramref name="points"/>, higher is better.</summary>
    /// <param name="points">The number of points; at least 2. Default 5.</param>
    /// <returns>The scale.</returns>
    public static Scale Likert(int points = 5) => points >= 2
        ? new(1, points)
        : throw new ArgumentOutOfRangeException(nameof(points), "A Likert scale has at least two points.");

    /// <summary>An answer on 0–100, 100 = best: (x − min) / (max − min) × 100, reversed when lower is better.</summary>
    /// <param name="answer">The answer, within the scale.</param>
    /// <returns>The normalised score.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The answer is outside the scale.</exception>
    public double Normalise(int answer)
    {
        if (answer < Minimum || answer > Maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(answer), answer, $"The answer must be within {Minimum}..{Maximum}.");
        }

        var share = (double)(answer - Minimum) / (Maximum - Minimum);
        return 100 * (Direction == ScaleDirection.HigherIsBetter ? share : 1 - share);
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
