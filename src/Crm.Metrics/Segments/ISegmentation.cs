using Crm.Domain.Activity;

namespace Crm.Metrics.Segments;

/// <summary>
/// RFM, value tiers and derived lifecycles through dependency injection, in the configured zone — the same code as
/// <see cref="RfmAnalysis.Compute"/>, <see cref="ValueTierAnalysis"/> and <see cref="LifecycleDerivation.Derive"/>.
/// </summary>
/// <remarks>Registered by <c>AddCrmMetrics</c> as a singleton; stateless and thread-safe.</remarks>
public interface ISegmentation
{
    /// <summary>RFM options for an analysis date in the configured zone (<see cref="CrmMetricsOptions.DefaultZone"/>).</summary>
    /// <param name="analysisDate">The last day read (inclusive).</param>
    /// <returns>The options, with the default look-back, monetary basis and segment map.</returns>
    RfmOptions RfmOptions(LocalDate analysisDate);

    /// <summary>RFM scores and segments of the customers who bought up to <paramref name="analysisDate"/>, read in the configured zone.</summary>
    /// <param name="purchases">The purchases.</param>
    /// <param name="analysisDate">The last day read (inclusive).</param>
    /// <returns>The analysis.</returns>
    /// <remarks>For progress and cancellation, pass <see cref="RfmOptions(LocalDate)"/> to the overload that takes options.</remarks>
    RfmAnalysis Rfm(IEnumerable<Purchase> purchases, LocalDate analysisDate);

    /// <summary>RFM with options of your own (see <see cref="RfmAnalysis.Compute"/>).</summary>
    /// <param name="purchases">The purchases.</param>
    /// <param name="options">The options.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    RfmAnalysis Rfm(IEnumerable<Purchase> purchases, RfmOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>RFM over an asynchronous stream of purchases (a database cursor, a file reader); see <see cref="RfmAnalysis.ComputeAsync"/>.</summary>
    /// <param name="purchases">The purchases.</param>
    /// <param name="options">The options; <see cref="RfmOptions(LocalDate)"/> gives them in the configured zone.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<RfmAnalysis> RfmAsync(IAsyncEnumerable<Purchase> purchases, RfmOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Value tiers of an RFM analysis's customers by their monetary value (see <see cref="ValueTierAnalysis.FromRfm"/>).</summary>
    /// <param name="rfm">The analysis.</param>
    /// <param name="thresholds">The tiers' shares; defaults when <c>null</c>.</param>
    /// <returns>The tiers.</returns>
    ValueTierAnalysis ValueTiers(RfmAnalysis rfm, ValueTierThresholds? thresholds = null);

    /// <summary>Each customer's lifecycle stage derived from purchases up to <paramref name="analysisDate"/>, read in the configured zone.</summary>
    /// <param name="purchases">The purchases.</param>
    /// <param name="analysisDate">The last day read (inclusive).</param>
    /// <param name="behaviour">The rules; defaults when <c>null</c>.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>One derived lifecycle per customer.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    IReadOnlyList<DerivedLifecycle> Lifecycles(IEnumerable<Purchase> purchases, LocalDate analysisDate, LifecycleBehaviour? behaviour = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);
}
