using Crm.Domain.Activity;
using Crm.Metrics.Satisfaction;

namespace Crm.Metrics;

/// <summary>The default <see cref="ISatisfactionCalculator"/>: one <see cref="SatisfactionAccumulator"/> per call, nothing else.</summary>
public sealed class SatisfactionCalculator : ISatisfactionCalculator
{
    private readonly CrmMetricsOptions _options;

    /// <summary>Creates the calculator.</summary>
    /// <param name="options">The registered options (copied).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SatisfactionCalculator(CrmMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
    }

    /// <inheritdoc />
    public SatisfactionMetrics Compute(IEnumerable<SurveyResponse> responses, ReportingPeriod period, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var watch = Internal.ProgressWatch.For(progress, cancellationToken);
        var accumulator = CreateAccumulator(period);
        foreach (var response in Internal.ProgressWatch.Watched(responses, watch))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(response, nameof(responses)));
        }

        watch?.Finish();
        return accumulator.Result();
    }

    /// <inheritdoc />
    public async ValueTask<SatisfactionMetrics> ComputeAsync(IAsyncEnumerable<SurveyResponse> responses, ReportingPeriod period, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var watch = Internal.ProgressWatch.For(progress, cancellationToken);
        var accumulator = CreateAccumulator(period);
        await foreach (var response in Internal.ProgressWatch.Watched(responses, watch, cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(response, nameof(responses)));
        }

        watch?.Finish();
        return accumulator.Result();
    }

    /// <inheritdoc />
    public SatisfactionAccumulator CreateAccumulator(ReportingPeriod period) => new(period, _options);
}
