namespace Crm.Metrics.States;

/// <summary>The options a scorecard partition ran with; partitions merge only when these match.</summary>
public sealed record ScorecardOptionsState
{
    /// <summary><see cref="CrmMetricsOptions.RetentionWindowDays"/>.</summary>
    public int RetentionWindowDays { get; init; }

    /// <summary><see cref="CrmMetricsOptions.RetentionMethod"/>, by name.</summary>
    public string RetentionMethod { get; init; } = string.Empty;

    /// <summary><see cref="CrmMetricsOptions.CsatMethod"/>, by name.</summary>
    public string CsatMethod { get; init; } = string.Empty;

    /// <summary><see cref="CrmMetricsOptions.NpsSkippedAnswers"/>, by name.</summary>
    public string NpsSkippedAnswers { get; init; } = string.Empty;

    /// <summary><see cref="CrmMetricsOptions.TreatMissingCostAsZero"/>.</summary>
    public bool TreatMissingCostAsZero { get; init; }

    /// <summary><see cref="CrmMetricsOptions.CohortMonths"/>.</summary>
    public int CohortMonths { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
