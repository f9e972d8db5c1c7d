using Crm.Metrics.Orleans.Wire;
using Crm.Metrics.States;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Text;
using Orleans;

namespace Crm.Metrics.Orleans.Jobs;

/// <summary>A scorecard job: the period, currency and funnel every partition's accumulator needs.</summary>
[GenerateSerializer]
[Alias("Crm.Metrics.Orleans.ScorecardJob")]
internal sealed class ScorecardJob : PartitionJob
{
    /// <summary>The period's first day, ISO.</summary>
    [Id(0)]
    public string From { get; init; } = string.Empty;

    /// <summary>The period's last day (inclusive), ISO.</summary>
    [Id(1)]
    public string To { get; init; } = string.Empty;

    /// <summary>The period's TZDB zone id.</summary>
    [Id(2)]
    public string Zone { get; init; } = string.Empty;

    /// <summary>The scorecard's currency, or null for the first one met.</summary>
    [Id(3)]
    public string? Currency { get; init; }

    /// <summary>The currency without any amount.</summary>
    [Id(4)]
    public string FallbackCurrency { get; init; } = string.Empty;

    /// <summary>The funnel's stages, or null without a funnel.</summary>
    [Id(5)]
    public string[]? FunnelStages { get; init; }

    /// <summary>When the scorecard is computed: the caller's clock when the job started, in ticks since the Unix epoch.</summary>
    [Id(6)]
    public long ComputedAtTicks { get; init; }

    /// <summary>
    /// Whether the coordinator returns the merged state for the caller to finish, rather than the finished scorecard:
    /// so when the caller's settings have a value basis, which stays with the caller.
    /// </summary>
    [Id(7)]
    public bool ReturnsState { get; init; }

    /// <summary>Which scorecards keep their customer-value rows: with one period, whether the scorecard does.</summary>
    [Id(8)]
    public ScorecardCustomerRows CustomerRows { get; init; }

    /// <inheritdoc/>
    public override string Family => "scorecard";

    /// <summary>The job of a period and settings; throws an <see cref="ArgumentException"/> for a zone the silos cannot look up.</summary>
    public static ScorecardJob For(ReportingPeriod period, ScorecardSettings settings, Instant computedAt) => new()
    {
        ComputedAtTicks = computedAt.ToUnixTimeTicks(),
        ReturnsState = settings.ValueBasis is not null,
        From = LocalDatePattern.Iso.Format(period.Dates.Start),
        To = LocalDatePattern.Iso.Format(period.Dates.End),
        Zone = ZoneId(period.Zone, nameof(period)),
        Currency = settings.Currency?.Code,
        FallbackCurrency = settings.FallbackCurrency.Code,
        FunnelStages = settings.Funnel?.Stages.ToArray(),
        CustomerRows = settings.CustomerRows,
    };

    /// <inheritdoc/>
    public override async Task<object> ComputeStateAsync(IServiceProvider services, CrmAsyncDataSet data, CancellationToken cancellationToken)
    {
        using var accumulator = Create(services);
        await accumulator.AddRangeAsync(data, null, cancellationToken).ConfigureAwait(false);
        return accumulator.ToStateWith(Packer());
    }

    /// <inheritdoc/>
    public override IStateMerger CreateMerger(IServiceProvider services)
    {
        var computedAt = Instant.FromUnixTimeTicks(ComputedAtTicks);
        return new StateMerger<ScorecardState, ScorecardAccumulator>(() => Create(services), static (a, s) => a.Merge(s), static (a, b) => a.Merge(b), static a => a.ToStateWith(Packer()), ReturnsState ? null : a => Finish(a, computedAt));
    }

    /// <summary>
    /// The finished scorecard in its wire form: written here, once, rather than sending the merged state (every
    /// customer's row) for the caller to read and finish. A total beyond the range of <see cref="decimal"/> returns
    /// the merged state instead (null here), so that the caller's own finish throws the exception a one-process
    /// scorecard throws.
    /// </summary>
    private static ScorecardAnswer? Finish(ScorecardAccumulator total, Instant computedAt)
    {
        try
        {
            return ScorecardAnswer.Of(total.Result(computedAt), total.OptionsState());
        }
        catch (AmountOverflowException)
        {
            return null;
        }
    }

    private ScorecardAccumulator Create(IServiceProvider services)
    {
        var period = PeriodOf(From, To, Zone);
        var settings = new ScorecardSettings
        {
            Currency = Currency is null ? null : new Currency(Currency),
            FallbackCurrency = new Currency(FallbackCurrency),
            Funnel = FunnelStages is null ? null : new Domain.Activity.Funnel(FunnelStages),
            CustomerRows = CustomerRows,
        };
        return services.GetRequiredService<ICrmMetrics>().CreateAccumulator(period, settings);
    }

    /// <summary>Packs the state's customer rows as the accumulator writes them.</summary>
    private static RowPacker<Loyalty.PurchaseRow, Loyalty.CustomerPurchaseState> Packer() => new(PurchaseRowFormat.Instance);
}
