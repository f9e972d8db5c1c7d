using Crm.Metrics.Segments;
using Crm.Metrics.Orleans.Wire;
using NodaTime.Text;
using Orleans;

namespace Crm.Metrics.Orleans.Jobs;

/// <summary>An RFM job: the analysis date, zone and window decide which sales count; the monetary basis and segment map apply after the merge.</summary>
[GenerateSerializer]
[Alias("Crm.Metrics.Orleans.RfmJob")]
internal sealed class RfmJob : PartitionJob
{
    /// <summary>The analysis date, ISO.</summary>
    [Id(0)]
    public string AnalysisDate { get; init; } = string.Empty;

    /// <summary>The TZDB zone id.</summary>
    [Id(1)]
    public string Zone { get; init; } = string.Empty;

    /// <summary>The look-back window in days, or null for all history.</summary>
    [Id(2)]
    public int? LookBackDays { get; init; }

    /// <inheritdoc/>
    public override string Family => "RFM";

    /// <summary>The job of RFM options.</summary>
    public static RfmJob For(RfmOptions options) => new()
    {
        AnalysisDate = LocalDatePattern.Iso.Format(options.AnalysisDate),
        Zone = ZoneId(options.Zone, nameof(options)),
        LookBackDays = options.LookBackDays,
    };

    /// <inheritdoc/>
    public override async Task<object> ComputeStateAsync(IServiceProvider services, CrmAsyncDataSet data, CancellationToken cancellationToken)
    {
        using var accumulator = new RfmAccumulator(Options());
        await accumulator.AddRangeAsync(PurchasesOf(data), cancellationToken).ConfigureAwait(false);
        return accumulator.ToStateWith(Packer());
    }

    /// <inheritdoc/>
    public override IStateMerger CreateMerger(IServiceProvider services)
    {
        var options = Options();
        return new StateMerger<RfmState, RfmAccumulator>(() => new RfmAccumulator(options), static (a, s) => a.Merge(s), static (a, b) => a.Merge(b), static a => a.ToStateWith(Packer()));
    }

    private RfmOptions Options() => new(LocalDatePattern.Iso.Parse(AnalysisDate).Value)
    {
        Zone = ZoneOf(Zone),
        LookBackDays = LookBackDays,
    };

    /// <summary>Packs the state's customer rows as the accumulator writes them.</summary>
    private static RowPacker<Segments.RfmRow, Segments.CustomerRfmState> Packer() => new(RfmRowFormat.Instance);
}
