using Crm.Domain.Activity;
using Crm.Metrics.Results;

namespace Crm.Metrics.ServiceEfficiency;

/// <summary>
/// Accumulates complaints for <see cref="ServiceEfficiencyMetrics"/>: those opened in the period count; others are
/// counted in <see cref="OutsidePeriod"/>. Memory is proportional to the complaints of the period (their times
/// are kept for the percentiles). Merging is exact whatever the partition and order.
/// </summary>
/// <remarks>Not thread-safe: use one per thread or partition and <see cref="Merge"/> them.</remarks>
public sealed class ComplaintAccumulator
{
    private readonly List<Duration> _firstResponse = [];
    private readonly List<Duration> _resolution = [];
    private readonly Internal.EnumCounts<CommunicationChannel> _byChannel = new();
    private long _opened;
    private long _unknownChannel;
    private long _met;
    private long _breached;
    private long _pending;
    private long _withoutTarget;
    private long _resolvedWithoutReply;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="period">The reporting period.</param>
    public ComplaintAccumulator(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        Period = period;
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>Complaints opened outside the period.</summary>
    public long OutsidePeriod { get; private set; }

    /// <summary>Complaints opened in the period.</summary>
    public long Opened => _opened;

    /// <summary>Complaints opened in the period and resolved by its end.</summary>
    public long Resolved => _resolution.Count;

    /// <summary>Complaints opened in the period, by channel in enumeration order (complaints without a channel are not listed).</summary>
    public IReadOnlyDictionary<CommunicationChannel, long> ByChannel => _byChannel.ToDictionary();

    /// <summary>Complaints opened in the period with no channel recorded.</summary>
    public long UnknownChannel => _unknownChannel;

    /// <summary>Adds one complaint.</summary>
    /// <param name="complaint">The complaint.</param>
    public void Add(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (!Period.Contains(complaint.OpenedAt))
        {
            OutsidePeriod++;
            return;
        }

        _opened++;
        if (complaint.Channel is { } channel)
        {
            _byChannel.Add(channel);
        }
        else
        {
            _unknownChannel++;
        }

        var end = Period.End;
        if (complaint.FirstResponseAt is { } answered && answered < end)
        {
            _firstResponse.Add(answered - complaint.OpenedAt);
        }

        var resolvedAt = complaint.ResolvedAt is { } r && r < end ? r : (Instant?)null;
        if (resolvedAt is { } resolved)
        {
            _resolution.Add(resolved - complaint.OpenedAt);
            _resolvedWithoutReply += complaint.FirstResponseAt is null ? 1 : 0;
        }

        if (complaint.ResolutionDeadline is not { } deadline)
        {
            _withoutTarget++;
        }
        else if (resolvedAt is { } done)
        {
            (done <= deadline ? ref _met : ref _breached)++;
        }
        else
        {
            (deadline < end ? ref _breached : ref _pending)++;
        }
    }

    /// <summary>Adds the state of another accumulator of the same period.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <remarks>Checked whole before anything changes: on an error this accumulator is as it was.</remarks>
    /// <exception cref="ArgumentException">The periods differ, <paramref name="other"/> is this accumulator, or a merged count would leave its range.</exception>
    public void Merge(ComplaintAccumulator other)
    {
        CheckMerge(other);

        _firstResponse.AddRange(other._firstResponse);
        _resolution.AddRange(other._resolution);
        _byChannel.Merge(other._byChannel);

        _opened += other._opened;
        _unknownChannel += other._unknownChannel;
        _met += other._met;
        _breached += other._breached;
        _pending += other._pending;
        _withoutTarget += other._withoutTarget;
        _resolvedWithoutReply += other._resolvedWithoutReply;
        OutsidePeriod += other.OutsidePeriod;
    }

    /// <summary>Throws what <see cref="Merge"/> would throw, changing nothing.</summary>
    internal void CheckMerge(ComplaintAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Internal.Accumulators.RequireMergeable(this, other, Period, other.Period);
        _byChannel.CheckMerge(other._byChannel, "the complaints by channel", nameof(other));
        Internal.Sums.RequireCountFit(_opened, other._opened, "the complaints opened", nameof(other));
        Internal.Sums.RequireCountFit(OutsidePeriod, other.OutsidePeriod, "the complaints outside the period", nameof(other));
    }

    internal ComplaintState ToState() => new()
    {
        Opened = _opened,
        ByChannel = _byChannel.ToNames(),
        UnknownChannel = _unknownChannel,
        FirstResponseTicks = [.. _firstResponse.Select(d => d.BclCompatibleTicks)],
        ResolutionTicks = [.. _resolution.Select(d => d.BclCompatibleTicks)],
        Met = _met,
        Breached = _breached,
        Pending = _pending,
        WithoutTarget = _withoutTarget,
        ResolvedWithoutReply = _resolvedWithoutReply,
        OutsidePeriod = OutsidePeriod,
    };

    internal void MergeState(ComplaintState state)
    {
        _opened += Internal.StateChecks.Count(state.Opened, "complaints.opened");
        _byChannel.Add(state.ByChannel, "complaints.byChannel");
        _unknownChannel += Internal.StateChecks.Count(state.UnknownChannel, "complaints.unknownChannel");
        _firstResponse.AddRange(Internal.StateChecks.Durations(state.FirstResponseTicks, "complaints.firstResponseTicks", long.MaxValue));
        _resolution.AddRange(Internal.StateChecks.Durations(state.ResolutionTicks, "complaints.resolutionTicks", long.MaxValue));
        _met += Internal.StateChecks.Count(state.Met, "complaints.met");
        _breached += Internal.StateChecks.Count(state.Breached, "complaints.breached");
        _pending += Internal.StateChecks.Count(state.Pending, "complaints.pending");
        _withoutTarget += Internal.StateChecks.Count(state.WithoutTarget, "complaints.withoutTarget");
        _resolvedWithoutReply += Internal.StateChecks.Count(state.ResolvedWithoutReply, "complaints.resolvedWithoutReply");
        OutsidePeriod += Internal.StateChecks.Count(state.OutsidePeriod, "complaints.outsidePeriod");
    }

    /// <summary>The service-efficiency metrics.</summary>
    /// <param name="activeCustomers">Customers with a sale in the period: the complaint rate's denominator.</param>
    /// <param name="orders">Sale records in the period: the denominator of complaints per 1,000 orders.</param>
    /// <returns>A snapshot.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public ServiceEfficiencyMetrics Result(long activeCustomers, long orders)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(activeCustomers);
        ArgumentOutOfRangeException.ThrowIfNegative(orders);
        return Result(activeCustomers, orders, supplied: true);
    }

    /// <summary>The metrics; when complaints were not supplied, the rates that count them are undefined.</summary>
    internal ServiceEfficiencyMetrics Result(long activeCustomers, long orders, bool supplied) => new(
        _opened,
        _opened - _firstResponse.Count - _resolvedWithoutReply,
        _resolvedWithoutReply,
        _opened - _resolution.Count,
        DurationDistribution.Of(_firstResponse),
        DurationDistribution.Of(_resolution),
        _met,
        _breached,
        _pending,
        _withoutTarget,
        supplied
            ? new Rate(_opened, activeCustomers, "no active customers in the period")
            : new Rate(0, 0, NotSupplied),
        supplied ? orders : null);

    /// <summary>The reason of the metrics that count complaints when none were supplied.</summary>
    internal const string NotSupplied = "no complaint data was supplied";
}
