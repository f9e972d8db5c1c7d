using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;

namespace Crm.Metrics.Orleans;

/// <summary>
/// The metrics computed on an Orleans cluster: each partition's state is computed on a silo next to its data (by the
/// <see cref="ICrmPartitionSource"/> registered there), a coordinator grain merges the states as they arrive — each
/// partition exactly once — and the result is finished: the scorecard on the coordinator, which sends it back with its
/// per-customer rows (checked here as a scorecard document is); the other results here, from the merged state. Registered by
/// <see cref="CrmClusterServiceCollectionExtensions.AddCrmMetricsCluster(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{CrmClusterOptions})"/>.
/// </summary>
/// <remarks>
/// <para>Every result equals one pass over the records of all partitions, whatever silo ran which partition, in what
/// order the answers came and how often a partition was retried. The silos compute with their own
/// <see cref="CrmMetricsOptions"/> (register <c>AddCrmMetrics</c> with the same options everywhere; states of other
/// options are refused on merge).</para>
/// <para>When a silo fails, leaves the cluster or a partition runs past <see cref="CrmClusterOptions.PartitionTimeout"/>,
/// the partition runs again on another silo, up to <see cref="CrmClusterOptions.MaxAttempts"/> times. An exception from a
/// partition source, a state refused on merge, or a partition out of attempts fails the job with a
/// <see cref="PartitionFailedException"/> naming the partition. If the coordinator's own silo fails, the call fails
/// with Orleans' exception: start the job again.</para>
/// <para>Zones must be TZDB zones (<c>DateTimeZoneProviders.Tzdb</c>): the silos look them up by id.</para>
/// </remarks>
public interface ICrmClusterMetrics
{
    /// <summary>The scorecard of a period over all partitions' records, as <see cref="ICrmMetrics.ComputeScorecardFromPartitions"/> gives it in one process.</summary>
    /// <param name="partitions">The partitions' keys; at least one, none empty, none twice.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="settings">The settings; null for the defaults. The value basis is applied here, after the merge.</param>
    /// <param name="progress">Receives the partitions merged so far.</param>
    /// <param name="cancellationToken">Cancels the whole job on every silo.</param>
    /// <returns>
    /// The scorecard, computed at this process's <see cref="IClock"/> instant when the job starts, with the job's
    /// statistics. Without a value basis the coordinator finishes it and sends it back; with one, the coordinator sends
    /// the merged state and the basis is applied here.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// No partition, an empty or repeated key, or a zone that is not a TZDB zone; or the coordinator's answer is
    /// damaged or does not agree with itself (parameter <c>scorecard</c> or <c>state</c>, the message naming the member).
    /// </exception>
    /// <exception cref="PartitionFailedException">A partition failed; nothing is returned.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<ClusterResult<Scorecard>> ComputeScorecardAsync(IReadOnlyList<string> partitions, ReportingPeriod period, ScorecardSettings? settings = null, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The customer-base summary over all partitions' purchases, as <see cref="CustomerBaseSummary.FromPartitions"/> gives it in one process; fit the models on it here.</summary>
    /// <param name="partitions">The partitions' keys; at least one, none empty, none twice.</param>
    /// <param name="options">The calibration end, holdout, zone and time unit.</param>
    /// <param name="progress">Receives the partitions merged so far.</param>
    /// <param name="cancellationToken">Cancels the whole job on every silo.</param>
    /// <returns>The summary with the job's statistics.</returns>
    /// <exception cref="ArgumentException">No partition, an empty or repeated key, options that break a rule, or a zone that is not a TZDB zone.</exception>
    /// <exception cref="PartitionFailedException">A partition failed; nothing is returned.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<ClusterResult<CustomerBaseSummary>> SummarizeAsync(IReadOnlyList<string> partitions, SummaryOptions options, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The RFM analysis over all partitions' purchases, as <see cref="RfmAnalysis.ComputeFromPartitions"/> gives it in one process.</summary>
    /// <param name="partitions">The partitions' keys; at least one, none empty, none twice.</param>
    /// <param name="options">The analysis date, zone and window; the monetary basis and segment map are applied here, after the merge.</param>
    /// <param name="progress">Receives the partitions merged so far.</param>
    /// <param name="cancellationToken">Cancels the whole job on every silo.</param>
    /// <returns>The analysis with the job's statistics.</returns>
    /// <exception cref="ArgumentException">No partition, an empty or repeated key, options that break a rule, or a zone that is not a TZDB zone.</exception>
    /// <exception cref="PartitionFailedException">A partition failed; nothing is returned.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<ClusterResult<RfmAnalysis>> ComputeRfmAsync(IReadOnlyList<string> partitions, RfmOptions options, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The loyalty programme's figures over all partitions' memberships, points entries and purchases, as one
    /// <see cref="Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeAccumulator"/> over all of them gives them. States cross
    /// the wire as their JSON.
    /// </summary>
    /// <param name="partitions">The partitions' keys; at least one, none empty, none twice.</param>
    /// <param name="programme">The programme's rules.</param>
    /// <param name="period">The period; its zone must be a TZDB zone.</param>
    /// <param name="progress">Receives the partitions merged so far.</param>
    /// <param name="cancellationToken">Cancels the whole job on every silo.</param>
    /// <returns>The figures, computed at the registered clock's now, with the job's statistics.</returns>
    /// <exception cref="ArgumentException">No partition, an empty or repeated key, or a zone that is not a TZDB zone.</exception>
    /// <exception cref="PartitionFailedException">A partition failed (two partitions holding a membership of one customer included); nothing is returned.</exception>
    /// <exception cref="Domain.LoyaltyProgrammes.InsufficientPointsException">A member's ledger, all partitions together, goes negative at some instant.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<ClusterResult<Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeMetrics>> ComputeLoyaltyProgrammeAsync(IReadOnlyList<string> partitions, Domain.LoyaltyProgrammes.LoyaltyProgramme programme, ReportingPeriod period, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default);
}
