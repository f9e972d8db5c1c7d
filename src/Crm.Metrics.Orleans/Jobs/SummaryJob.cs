using Crm.Metrics.Lifetime;
using Crm.Metrics.Orleans.Wire;
using NodaTime.Text;
using Orleans;

namespace Crm.Metrics.Orleans.Jobs;

/// <summary>A customer-base summary job: the calibration end, holdout, zone and time unit.</summary>
[GenerateSerializer]
[Alias("Crm.Metrics.Orleans.SummaryJob")]
internal sealed class SummaryJob : PartitionJob
{
    /// <summary>The calibration end, ISO.</summary>
    [Id(0)]
    public string CalibrationEnd { get; init; } = string.Empty;

    /// <summary>The holdout end, ISO, or null.</summary>
    [Id(1)]
    public string? HoldoutEnd { get; init; }

    /// <summary>The TZDB zone id.</summary>
    [Id(2)]
    public string Zone { get; init; } = string.Empty;

    /// <summary>The time unit of t_x and T.</summary>
    [Id(3)]
    public ModelTimeUnit TimeUnit { get; init; }

    /// <inheritdoc/>
    public override string Family => "summary";

    /// <summary>The job of summary options.</summary>
    public static SummaryJob For(SummaryOptions options) => new()
    {
        CalibrationEnd = LocalDatePattern.Iso.Format(options.CalibrationEnd),
        HoldoutEnd = options.HoldoutEnd is { } holdout ? LocalDatePattern.Iso.Format(holdout) : null,
        Zone = ZoneId(options.Zone, nameof(options)),
        TimeUnit = options.TimeUnit,
    };

    /// <inheritdoc/>
    public override async Task<object> ComputeStateAsync(IServiceProvider services, CrmAsyncDataSet data, CancellationToken cancellationToken)
    {
        using var accumulator = new CustomerBaseSummaryAccumulator(Options());
        await accumulator.AddRangeAsync(PurchasesOf(data), cancellationToken).ConfigureAwait(false);
        return accumulator.ToStateWith(Packer());
    }

    /// <inheritdoc/>
    public override IStateMerger CreateMerger(IServiceProvider services)
    {
        var options = Options();
        return new StateMerger<CustomerBaseSummaryState, CustomerBaseSummaryAccumulator>(() => new CustomerBaseSummaryAccumulator(options), static (a, s) => a.Merge(s), static (a, b) => a.Merge(b), static a => a.ToStateWith(Packer()));
    }

    private SummaryOptions Options() => new(LocalDatePattern.Iso.Parse(CalibrationEnd).Value)
    {
        HoldoutEnd = HoldoutEnd is null ? null : LocalDatePattern.Iso.Parse(HoldoutEnd).Value,
        Zone = ZoneOf(Zone),
        TimeUnit = TimeUnit,
    };

    /// <summary>Packs the state's customer rows as the accumulator writes them.</summary>
    private static RowPacker<Lifetime.Summaries.SummaryRow, CustomerDaysState> Packer() => new(SummaryRowFormat.Instance);
}
