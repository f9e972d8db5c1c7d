namespace Crm.Metrics.Segments;

/// <summary>How customers' lifecycles are derived in an <see cref="AnalysisRequest"/>: as <see cref="LifecycleDerivation.Derive"/> derives them.</summary>
/// <param name="AnalysisDate">The last day read (inclusive): later sales are ignored.</param>
/// <remarks>This type is immutable and thread-safe. Its rules are checked when it is used.</remarks>
public sealed record LifecycleOptions(LocalDate AnalysisDate)
{
    /// <summary>The zone of the local dates; null for the service's default zone (<see cref="CrmMetricsOptions.DefaultZone"/>).</summary>
    public DateTimeZone? Zone { get; init; }

    /// <summary>The rules; null for the defaults.</summary>
    public LifecycleBehaviour? Behaviour { get; init; }
}
