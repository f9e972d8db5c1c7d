using System.Globalization;
using Crm.Metrics.Lifetime.Intervals;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// How prediction intervals are drawn (<see cref="ForecastIntervals"/>): how many parameter draws, the seed, and the
/// interval's level.
/// </summary>
/// <remarks>Immutable and thread-safe; its rules are checked when the intervals are computed.</remarks>
public sealed record IntervalOptions
{
    /// <summary>
    /// How many parameter vectors are drawn; default 1,000; 2 to 1,000,000. The ends of a 90 % interval from 1,000
    /// draws move by about 2 % of its width from one seed to another; the time grows in proportion.
    /// </summary>
    public int Draws { get; init; } = 1000;

    /// <summary>The seed of the draws: the same fit, options and seed give the same interval on every platform and core count; default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The interval's probability, strictly between 0 and 1; default 0.90: the interval runs from the (1 − level)/2 to
    /// the (1 + level)/2 percentile of the predictions under the drawn parameters.
    /// </summary>
    public double Level { get; init; } = 0.90;

    internal static IntervalOptions Default { get; } = new();

    /// <summary>The members, numbers in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);

    internal void Validate(string parameter)
    {
        if (Draws is < 2 or > ParameterDraws.MaxDraws)
        {
            throw new ArgumentOutOfRangeException(parameter, Draws, "IntervalOptions.Draws must be from 2 to 1,000,000.");
        }

        if (!(Level > 0 && Level < 1))
        {
            throw new ArgumentOutOfRangeException(parameter, Level, string.Create(CultureInfo.InvariantCulture, $"IntervalOptions.Level is a probability strictly between 0 and 1 (0.9 for a 90 % interval); it is {Level}."));
        }
    }
}
