using Crm.Domain.Activity;
using Crm.Metrics.Satisfaction;

namespace Crm.Metrics;

/// <summary>Computes the satisfaction family (CSAT, NPS, CES) on its own.</summary>
/// <remarks>Implementations are stateless and thread-safe.</remarks>
public interface ISatisfactionCalculator
{
    /// <summary>Computes CSAT, NPS and CES over the answers given in the period.</summary>
    /// <param name="responses">The survey answers.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The satisfaction metrics.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    SatisfactionMetrics Compute(IEnumerable<SurveyResponse> responses, ReportingPeriod period, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Computes CSAT, NPS and CES over a stream of answers.</summary>
    /// <param name="responses">The survey answers.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The satisfaction metrics.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<SatisfactionMetrics> ComputeAsync(IAsyncEnumerable<SurveyResponse> responses, ReportingPeriod period, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>An empty accumulator with the registered options, for partitioned computation.</summary>
    /// <param name="period">The reporting period.</param>
    /// <returns>The accumulator.</returns>
    SatisfactionAccumulator CreateAccumulator(ReportingPeriod period);
}
