using Crm.Domain.Activity;
using Crm.Metrics.Costs;
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

    public ScorecardBreakdown Breakdown(CrmDataSet data, ReportingPeriod period, Func<CustomerId, string> groupOf, Func<CostEntry, string?> costGroupOf, ScorecardSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(groupOf);
        ArgumentNullException.ThrowIfNull(costGroupOf);

        // Groups do not read leads: their funnels stay empty (the whole scorecard has the conversion figures).
        var groupSettings = (settings ?? new ScorecardSettings()) with { Funnel = null };
        var groups = new SortedDictionary<string, ScorecardAccumulator>(StringComparer.Ordinal);
        var unattributed = new CostAccumulator(period, groupSettings.Currency, _exchangeRates);

        ScorecardAccumulator Group(string? name, CustomerId? customer)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new InvalidOperationException(
                    $"The grouping returned no group name for customer {customer}; return a name for every customer, e.g. \"(none)\".");
            }

            if (!groups.TryGetValue(name, out var accumulator))
            {
                accumulator = NewAccumulator(period, groupSettings);
                groups.Add(name, accumulator);
            }

            return accumulator;
        }

        foreach (var customer in data.Customers)
        {
            Group(groupOf(customer.Id), customer.Id).Add(customer);
        }

        foreach (var purchase in data.Purchases)
        {
            Group(groupOf(purchase.CustomerId), purchase.CustomerId).Add(purchase);
        }

        foreach (var response in data.SurveyResponses)
        {
            Group(groupOf(response.CustomerId), response.CustomerId).Add(response);
        }

        foreach (var complaint in data.Complaints)
        {
            Group(groupOf(complaint.CustomerId), complaint.CustomerId).Add(complaint);
        }

        foreach (var feedback in data.Feedback)
        {
            Group(groupOf(feedback.CustomerId), feedback.CustomerId).Add(feedback);
        }

        foreach (var entry in data.Costs)
        {
            if (costGroupOf(entry) is { Length: > 0 } name)
            {
                Group(name, null).Add(entry);
            }
            else
            {
                unattributed.Add(entry);
            }
        }

        var now = _clock.GetCurrentInstant();
        var results = new SortedDictionary<string, Scorecard>(StringComparer.Ordinal);
        foreach (var (name, accumulator) in groups)
        {
            results.Add(name, accumulator.Result(now));
        }

        return new ScorecardBreakdown(results, unattributed.Result(groupSettings.Currency ?? groupSettings.FallbackCurrency));
    }
}
