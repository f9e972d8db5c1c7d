using Crm.Domain.LoyaltyProgrammes;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>The default <see cref="ILoyaltyProgrammeCalculator"/>.</summary>
/// <remarks>Stateless; thread-safe.</remarks>
public sealed class LoyaltyProgrammeCalculator : ILoyaltyProgrammeCalculator
{
    private readonly IClock _clock;

    /// <summary>Creates the calculator.</summary>
    /// <param name="clock">The clock figures record when they were computed by.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public LoyaltyProgrammeCalculator(IClock clock)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <inheritdoc />
    public LoyaltyProgrammeMetrics Compute(CrmDataSet data, ReportingPeriod period, LoyaltyProgramme programme, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var accumulator = new LoyaltyProgrammeAccumulator(programme, period);
        accumulator.AddRange(data, progress, cancellationToken);
        return accumulator.Result(_clock.GetCurrentInstant());
    }

    /// <inheritdoc />
    public async Task<LoyaltyProgrammeMetrics> ComputeAsync(CrmAsyncDataSet data, ReportingPeriod period, LoyaltyProgramme programme, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var accumulator = new LoyaltyProgrammeAccumulator(programme, period);
        await accumulator.AddRangeAsync(data, progress, cancellationToken).ConfigureAwait(false);
        return accumulator.Result(_clock.GetCurrentInstant());
    }

    /// <inheritdoc />
    public LoyaltyProgrammeAccumulator CreateAccumulator(LoyaltyProgramme programme, ReportingPeriod period) => new(programme, period);
}
