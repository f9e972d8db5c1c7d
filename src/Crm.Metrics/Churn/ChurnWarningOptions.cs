namespace Crm.Metrics.Churn;

/// <summary>How the churn warning reads the records of an <see cref="AnalysisRequest"/>: as <see cref="ChurnWarning.Assess"/> reads them.</summary>
/// <param name="AnalysisDate">The last day read (inclusive): later records are ignored.</param>
/// <remarks>This type is immutable and thread-safe. Its rules are checked when it is used.</remarks>
public sealed record ChurnWarningOptions(LocalDate AnalysisDate)
{
    /// <summary>The zone of the local dates; null for the service's default zone (<see cref="CrmMetricsOptions.DefaultZone"/>).</summary>
    public DateTimeZone? Zone { get; init; }

    /// <summary>The thresholds; null for the defaults.</summary>
    public ChurnWarningSettings? Settings { get; init; }
}
