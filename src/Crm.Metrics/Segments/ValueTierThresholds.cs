namespace Crm.Metrics.Segments;

/// <summary>The cumulative value shares that end tiers A and B (default 0.80 and 0.95: 80 / 15 / 5).</summary>
/// <param name="EndOfA">Cumulative share where A ends; in (0, 1).</param>
/// <param name="EndOfB">Cumulative share where B ends; in [EndOfA, 1].</param>
public sealed record ValueTierThresholds(double EndOfA = 0.80, double EndOfB = 0.95)
{
    /// <summary>Cumulative share where B ends; in [EndOfA, 1].</summary>
    public double EndOfB { get; init => field = Crm.Internal.Finite.Of(value, nameof(EndOfB)); } = Crm.Internal.Finite.Of(EndOfB, nameof(EndOfB));

    /// <summary>Cumulative share where A ends; in (0, 1).</summary>
    public double EndOfA { get; init => field = Crm.Internal.Finite.Of(value, nameof(EndOfA)); } = Crm.Internal.Finite.Of(EndOfA, nameof(EndOfA));

    /// <summary>80 / 15 / 5.</summary>
    public static ValueTierThresholds Default { get; } = new();

    internal void Validate(string parameter)
    {
        if (!(EndOfA is > 0 and < 1) || !(EndOfB >= EndOfA && EndOfB <= 1))
        {
            throw new ArgumentOutOfRangeException(parameter, $"Value tier thresholds must satisfy 0 < EndOfA < 1 and EndOfA <= EndOfB <= 1 (got {EndOfA}, {EndOfB}).");
        }
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
