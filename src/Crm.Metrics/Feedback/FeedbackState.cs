namespace Crm.Metrics.Feedback;

/// <summary>Suggestions and praise received in the period, per channel by name.</summary>
public sealed record FeedbackState
{
    /// <summary>Suggestions per channel.</summary>
    public IReadOnlyDictionary<string, long> Suggestions { get; init; } = new Dictionary<string, long>();

    /// <summary>Praise per channel.</summary>
    public IReadOnlyDictionary<string, long> Praise { get; init; } = new Dictionary<string, long>();

    /// <summary>Feedback outside the period.</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
