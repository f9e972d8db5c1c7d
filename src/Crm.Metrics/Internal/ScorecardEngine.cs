using static Crm.Metrics.Internal.ScorecardRunner;

namespace Crm.Metrics.Internal;

/// <summary>What every service shares: options, clock, exchange rates, and running a data set through an accumulator.</summary>
internal sealed class ScorecardEngine
{
    private readonly IExchangeRateProvider? _exchangeRates;
    private readonly IClock _clock;

    public ScorecardEngine(CrmMetricsOptions options, IClock clock, IExchangeRateProvider? exchangeRates)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        Options = options;
        _clock = clock;
        _exchangeRates = exchangeRates;
    }

    public CrmMetricsOptions Options { get; }

    public ScorecardAccumulator NewAccumulator(ReportingPeriod period, ScorecardSettings? settings) =>
        new(period, settings, Options, _exchangeRates);

    public Scorecard Run(CrmDataSet data, ReportingPeriod period, ScorecardSettings? settings, Sources sources, IProgress<long>? progress = null)
    {
        var accumulator = NewAccumulator(period, settings);
        Fill(accumulator, data, sources, progress);
        return accumulator.Result(_clock.GetCurrentInstant());
    }

    public async ValueTask<Scorecard> RunAsync(CrmAsyncDataSet data, ReportingPeriod period, ScorecardSettings? settings, Sources sources, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var accumulator = NewAccumulator(period, settings);
        await FillAsync(accumulator, data, sources, progress, cancellationToken).ConfigureAwait(false);
        return accumulator.Result(_clock.GetCurrentInstant());
    }
}
