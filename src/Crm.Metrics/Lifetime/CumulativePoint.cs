namespace Crm.Metrics.Lifetime;

/// <summary>Cumulative repeat purchases up to one date: actual, and expected by the model for customers as acquired.</summary>
/// <param name="Date">The last day counted (inclusive).</param>
/// <param name="Actual">Repeat purchases of the summary's customers up to the date.</param>
/// <param name="Expected">Σ over customers of E[X(date − first purchase day)]: the model's unconditional expectation.</param>
public sealed record CumulativePoint(LocalDate Date, long Actual, double Expected)
{
    /// <summary>Σ over customers of E[X(date − first purchase day)]: the model's unconditional expectation.</summary>
    public double Expected { get; init => field = Crm.Internal.Finite.Of(value, nameof(Expected)); } = Crm.Internal.Finite.Of(Expected, nameof(Expected));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
