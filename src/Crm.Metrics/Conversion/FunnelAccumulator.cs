using Crm.Domain.Activity;

namespace Crm.Metrics.Conversion;

/// <summary>
/// Accumulates leads for <see cref="FunnelMetrics"/>: constant memory per stage plus one duration per converted lead.
/// Leads entering outside the period count in <see cref="OutsidePeriod"/>. Merging is exact.
/// </summary>
/// <remarks>Not thread-safe: use one per thread or partition and <see cref="Merge"/> them.</remarks>
public sealed class FunnelAccumulator
{
    private readonly long[] _reached;
    private readonly List<Duration> _timesToConvert = [];
    private long _cohort;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="period">The reporting period.</param>
    /// <param name="funnel">The funnel; <c>null</c> to count no lead (the metrics are then undefined).</param>
    public FunnelAccumulator(ReportingPeriod period, Funnel? funnel)
    {
        ArgumentNullException.ThrowIfNull(period);
        Period = period;
        Funnel = funnel;
        _reached = new long[funnel?.Stages.Count ?? 0];
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The funnel, or <c>null</c>.</summary>
    public Funnel? Funnel { get; }

    /// <summary>Leads that entered the funnel outside the period (or all leads, without a funnel).</summary>
    public long OutsidePeriod { get; private set; }

    /// <summary>Adds one lead.</summary>
    /// <param name="lead">The lead.</param>
    /// <exception cref="ArgumentException">The lead reached a stage the funnel does not have.</exception>
    public void Add(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (Funnel is null || !Period.Contains(lead.FirstReachedAt))
        {
            OutsidePeriod++;
            return;
        }

        Funnel.Validate(lead);
        _cohort++;
        var furthest = -1;
        Instant? convertedAt = null;
        foreach (var stage in lead.Stages)
        {
            if (stage.At >= Period.End)
            {
                continue;
            }

            var index = Funnel.IndexOf(stage.Stage);
            furthest = Math.Max(furthest, index);
            if (index == _reached.Length - 1)
            {
                convertedAt = stage.At;
            }
        }

        for (var k = 0; k <= furthest; k++)
        {
            _reached[k]++;
        }

        if (convertedAt is { } done)
        {
            _timesToConvert.Add(done - lead.FirstReachedAt);
        }
    }

    /// <summary>Adds the state of another accumulator of the same period and funnel.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <remarks>Checked whole before anything changes: on an error this accumulator is as it was.</remarks>
    /// <exception cref="ArgumentException">The periods or funnels differ, <paramref name="other"/> is this accumulator, or a merged count would leave its range.</exception>
    public void Merge(FunnelAccumulator other)
    {
        CheckMerge(other);

        for (var k = 0; k < _reached.Length; k++)
        {
            _reached[k] += other._reached[k];
        }

        _timesToConvert.AddRange(other._timesToConvert);
        _cohort += other._cohort;
        OutsidePeriod += other.OutsidePeriod;
    }

    /// <summary>Throws what <see cref="Merge"/> would throw, changing nothing.</summary>
    internal void CheckMerge(FunnelAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Internal.Accumulators.RequireMergeable(this, other, Period, other.Period, SameFunnel(Funnel, other.Funnel));
        Internal.Sums.RequireCountFit(_cohort, other._cohort, "the funnel's cohort", nameof(other));
        Internal.Sums.RequireCountFit(OutsidePeriod, other.OutsidePeriod, "the leads outside the period", nameof(other));
    }

    /// <summary>The funnel metrics.</summary>
    /// <returns>A snapshot.</returns>
    public FunnelMetrics Result() => Result(supplied: true);

    /// <summary>The metrics; when leads were not supplied at all, the rates say so.</summary>
    internal FunnelMetrics Result(bool supplied) => new(Funnel, [.. _reached], _cohort, [.. _timesToConvert], supplied);

    /// <summary>The reason of the conversion rates when no leads were supplied.</summary>
    internal const string NotSupplied = "no lead data was supplied";

    internal FunnelState ToState() => new()
    {
        Cohort = _cohort,
        Reached = [.. _reached],
        TimesToConvertTicks = [.. _timesToConvert.Select(d => d.BclCompatibleTicks)],
        OutsidePeriod = OutsidePeriod,
    };

    internal void MergeState(FunnelState state)
    {
        var reached = Internal.StateChecks.Counts(state.Reached, _reached.Length, "funnel.reached");
        for (var k = 0; k < _reached.Length; k++)
        {
            _reached[k] += reached[k];
        }

        _cohort += Internal.StateChecks.Count(state.Cohort, "funnel.cohort");
        _timesToConvert.AddRange(Internal.StateChecks.Durations(state.TimesToConvertTicks, "funnel.timesToConvertTicks", long.MaxValue));
        OutsidePeriod += Internal.StateChecks.Count(state.OutsidePeriod, "funnel.outsidePeriod");
    }

    internal static bool SameFunnel(Funnel? a, Funnel? b) =>
        a is null ? b is null : b is not null && a.Stages.SequenceEqual(b.Stages, StringComparer.Ordinal);
}
