namespace Crm.Metrics.Segments;

/// <summary>One named rectangle of the R × F score grid.</summary>
/// <param name="Name">The segment's name.</param>
/// <param name="MinRecencyScore">Lowest R score (1..5).</param>
/// <param name="MaxRecencyScore">Highest R score (1..5).</param>
/// <param name="MinFrequencyScore">Lowest F score (1..5).</param>
/// <param name="MaxFrequencyScore">Highest F score (1..5).</param>
public sealed record RfmSegmentRule(string Name, int MinRecencyScore, int MaxRecencyScore, int MinFrequencyScore, int MaxFrequencyScore)
{
    /// <summary>The segment's name.</summary>
    public string Name { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Name)); } = Crm.Internal.Checked.NotNull(Name, nameof(Name));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
