using System.Text.Json;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Metrics.LoyaltyProgrammes;
using Crm.Metrics.States;
using NodaTime.Text;
using Orleans;

namespace Crm.Metrics.Orleans.Jobs;

/// <summary>
/// A loyalty programme job: the period and the programme's rules. Its state crosses the wire as the state's JSON
/// (<see cref="CrmStateJson.LoyaltyProgrammeState"/>, with its layout version), checked field by field on merge.
/// </summary>
[GenerateSerializer]
[Alias("Crm.Metrics.Orleans.LoyaltyProgrammeJob")]
internal sealed class LoyaltyProgrammeJob : PartitionJob
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

    /// <summary>The tiers' names, lowest first.</summary>
    [Id(3)]
    public string[] TierNames { get; init; } = [];

    /// <summary>Per tier: whether the rule counts spend (else points).</summary>
    [Id(4)]
    public bool[] TierBySpend { get; init; } = [];

    /// <summary>Per tier: the threshold (an amount in the programme's currency, or points).</summary>
    [Id(5)]
    public decimal[] TierThresholds { get; init; } = [];

    /// <summary>Per tier: the rolling window in days.</summary>
    [Id(6)]
    public int[] TierWindows { get; init; } = [];

    /// <summary>Per tier: the grace period in days.</summary>
    [Id(7)]
    public int[] TierGraces { get; init; } = [];

    /// <summary>Months after which points expire, or null.</summary>
    [Id(8)]
    public int? ExpiryMonths { get; init; }

    /// <summary>What a point is worth.</summary>
    [Id(9)]
    public decimal PointValue { get; init; }

    /// <summary>The programme's currency (ISO 4217).</summary>
    [Id(10)]
    public string Currency { get; init; } = string.Empty;

    /// <inheritdoc/>
    public override string Family => "loyalty programme";

    /// <summary>The job of a programme and period; throws an <see cref="ArgumentException"/> for a zone the silos cannot look up.</summary>
    public static LoyaltyProgrammeJob For(LoyaltyProgramme programme, ReportingPeriod period) => new()
    {
        From = LocalDatePattern.Iso.Format(period.Dates.Start),
        To = LocalDatePattern.Iso.Format(period.Dates.End),
        Zone = ZoneId(period.Zone, nameof(period)),
        TierNames = [.. programme.Tiers.Select(t => t.Name)],
        TierBySpend = [.. programme.Tiers.Select(t => t.Basis == TierBasis.Spend)],
        TierThresholds = [.. programme.Tiers.Select(t => t.SpendThreshold?.Amount ?? t.PointsThreshold!.Value)],
        TierWindows = [.. programme.Tiers.Select(t => t.WindowDays)],
        TierGraces = [.. programme.Tiers.Select(t => t.GraceDays)],
        ExpiryMonths = programme.ExpiryMonths,
        PointValue = programme.PointValue.Amount,
        Currency = programme.Currency.Code,
    };

    /// <inheritdoc/>
    public override async Task<object> ComputeStateAsync(IServiceProvider services, CrmAsyncDataSet data, CancellationToken cancellationToken)
    {
        var accumulator = Create();
        await accumulator.AddRangeAsync(data, null, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(accumulator.ToState(), CrmStateJson.LoyaltyProgrammeState);
    }

    /// <inheritdoc/>
    public override IStateMerger CreateMerger(IServiceProvider services) => new Merger(Create());

    /// <summary>The programme and period back from their wire form (the same rules check them again).</summary>
    internal LoyaltyProgrammeAccumulator Create()
    {
        var currency = new Currency(Currency);
        var tiers = TierNames.Select((name, i) => TierBySpend[i]
            ? LoyaltyTier.BySpend(name, new Money(TierThresholds[i], currency), TierWindows[i], TierGraces[i])
            : LoyaltyTier.ByPoints(name, (long)TierThresholds[i], TierWindows[i], TierGraces[i]));
        var programme = new LoyaltyProgramme(tiers, new Money(PointValue, currency), ExpiryMonths);
        var period = PeriodOf(From, To, Zone);
        return new LoyaltyProgrammeAccumulator(programme, period);
    }

    /// <summary>Reads a state's JSON; a state that is not one is refused like a state that breaks a rule.</summary>
    internal static LoyaltyProgrammeState Read(byte[] state)
    {
        try
        {
            return JsonSerializer.Deserialize(state, CrmStateJson.LoyaltyProgrammeState) ?? throw new ArgumentException("The state is null.", nameof(state));
        }
        catch (JsonException e)
        {
            throw new ArgumentException("The state is not a loyalty programme state's JSON: " + e.Message, nameof(state), e);
        }
    }

    private sealed class Merger(LoyaltyProgrammeAccumulator accumulator) : IStateMerger
    {
        public object Read(object state) => LoyaltyProgrammeJob.Read(state as byte[] ?? throw new ArgumentException($"The state is a {state.GetType().Name}, not a loyalty programme state's JSON.", nameof(state)));

        public void Merge(object state) => accumulator.Merge((LoyaltyProgrammeState)state);

        public object ToState() => JsonSerializer.SerializeToUtf8Bytes(accumulator.ToState(), CrmStateJson.LoyaltyProgrammeState);

        public object Finish() => ToState();

        public void Dispose()
        {
        }
    }
}
