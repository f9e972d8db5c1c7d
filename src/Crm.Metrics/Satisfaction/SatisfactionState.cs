namespace Crm.Metrics.Satisfaction;

/// <summary>Counts of survey answers per score in the period.</summary>
public sealed record SatisfactionState
{
    /// <summary>CSAT answers scored 1..5 (index 0 = score 1).</summary>
    public IReadOnlyList<long> Csat { get; init; } = [];

    /// <summary>NPS answers scored 0..10 (index = score).</summary>
    public IReadOnlyList<long> Nps { get; init; } = [];

    /// <summary>CES answers scored 1..7 (index 0 = score 1).</summary>
    public IReadOnlyList<long> Ces { get; init; } = [];

    /// <summary>Skipped answers per survey kind: CSAT, NPS, CES.</summary>
    public IReadOnlyList<long> Skipped { get; init; } = [];

    /// <summary>Answers outside the period.</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
