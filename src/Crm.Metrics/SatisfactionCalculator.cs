using Crm.Domain.Activity;
using Crm.Metrics.Costs;
using Crm.Metrics.Engine;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using static Crm.Metrics.Engine.ScorecardRunner;

namespace Crm.Metrics;

/// <summary>The default <see cref="ISatisfactionCalculator"/>.</summary>
public sealed class SatisfactionCalculator : ISatisfactionCalculator
{
    private readonly ScorecardEngine _engine;

    /// <summary>Creates the calculator.</summary>
    /// <param name="options">The options.</param>
    /// <param name="clock">The clock.</param>
    public SatisfactionCalculator(CrmMetricsOptions options, IClock clock) => _engine = new ScorecardEngine(options, clock, null);

    /// <inheritdoc />
    public SatisfactionMetrics Compute(IEnumerable<SurveyResponse> responses, ReportingPeriod period) =>
        _engine.Run(new CrmDataSet { SurveyResponses = responses ?? throw new ArgumentNullException(nameof(responses)) }, period, null, DataSources.SurveyResponses, parameterName: nameof(responses)).Satisfaction;

    /// <inheritdoc />
    public async ValueTask<SatisfactionMetrics> ComputeAsync(IAsyncEnumerable<SurveyResponse> responses, ReportingPeriod period, CancellationToken cancellationToken = default) =>
        (await _engine.RunAsync(new CrmAsyncDataSet { SurveyResponses = responses ?? throw new ArgumentNullException(nameof(responses)) }, period, null, DataSources.SurveyResponses, null, cancellationToken).ConfigureAwait(false)).Satisfaction;

    /// <inheritdoc />
    public SatisfactionAccumulator CreateAccumulator(ReportingPeriod period) => new(period, _engine.Options);
}
