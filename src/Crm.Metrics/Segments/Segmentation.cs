using Crm.Domain.Activity;

namespace Crm.Metrics.Segments;

/// <summary>The default <see cref="ISegmentation"/>: the static entry points, in the configured zone.</summary>
public sealed class Segmentation : ISegmentation
{
    private readonly DateTimeZone _zone;

    /// <summary>Creates the service.</summary>
    /// <param name="options">The registered options (their zone is copied).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public Segmentation(CrmMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _zone = options.DefaultZone;
    }

    /// <inheritdoc />
    public RfmOptions RfmOptions(LocalDate analysisDate) => new(analysisDate) { Zone = _zone };

    /// <inheritdoc />
    public RfmAnalysis Rfm(IEnumerable<Purchase> purchases, LocalDate analysisDate) => RfmAnalysis.Compute(purchases, RfmOptions(analysisDate));

    /// <inheritdoc />
    public RfmAnalysis Rfm(IEnumerable<Purchase> purchases, RfmOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        RfmAnalysis.Compute(purchases, options, progress, cancellationToken);

    /// <inheritdoc />
    public Task<RfmAnalysis> RfmAsync(IAsyncEnumerable<Purchase> purchases, RfmOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        RfmAnalysis.ComputeAsync(purchases, options, progress, cancellationToken);

    /// <inheritdoc />
    public ValueTierAnalysis ValueTiers(RfmAnalysis rfm, ValueTierThresholds? thresholds = null) => ValueTierAnalysis.FromRfm(rfm, thresholds);

    /// <inheritdoc />
    public IReadOnlyList<DerivedLifecycle> Lifecycles(IEnumerable<Purchase> purchases, LocalDate analysisDate, LifecycleBehaviour? behaviour = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        LifecycleDerivation.Derive(purchases, analysisDate, _zone, behaviour, progress, cancellationToken);
}
