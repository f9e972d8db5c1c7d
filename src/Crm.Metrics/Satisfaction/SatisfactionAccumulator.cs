using Crm.Domain.Activity;

namespace Crm.Metrics.Satisfaction;

/// <summary>
/// Accumulates survey answers for <see cref="SatisfactionMetrics"/> in one pass, in constant memory. Answers
/// outside the period are counted in <see cref="OutsidePeriod"/> and otherwise ignored. Merging accumulators
/// of the same period and options is exact, whatever the partition and order.
/// </summary>
/// <remarks>Not thread-safe: use one per thread or partition and <see cref="Merge"/> them.</remarks>
public sealed class SatisfactionAccumulator
{
    private readonly long[] _csat = new long[5];
    private readonly long[] _nps = new long[11];
    private readonly long[] _ces = new long[7];
    private readonly long[] _skipped = new long[3];

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="period">The reporting period.</param>
    /// <param name="options">The options (CSAT method, skipped NPS answers); defaults when <c>null</c>.</param>
    public SatisfactionAccumulator(ReportingPeriod period, CrmMetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        Period = period;
        var o = options ?? new CrmMetricsOptions();
        CsatMethod = o.CsatMethod;
        NpsSkippedAnswers = o.NpsSkippedAnswers;
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The CSAT method.</summary>
    public CsatMethod CsatMethod { get; }

    /// <summary>How skipped NPS answers count.</summary>
    public NpsSkippedAnswers NpsSkippedAnswers { get; }

    /// <summary>Answers seen outside the period.</summary>
    public long OutsidePeriod { get; private set; }

    /// <summary>Adds one answer.</summary>
    /// <param name="response">The answer.</param>
    public void Add(SurveyResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!Period.Contains(response.AnsweredAt))
        {
            OutsidePeriod++;
            return;
        }

        if (response.Score is not { } score)
        {
            _skipped[(int)response.Kind]++;
            return;
        }

        switch (response.Kind)
        {
            case SurveyKind.Csat:
                _csat[score - 1]++;
                break;
            case SurveyKind.Nps:
                _nps[score]++;
                break;
            default:
                _ces[score - 1]++;
                break;
        }
    }

    /// <summary>Adds the state of another accumulator of the same period and options.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <remarks>Checked whole before anything changes: on an error this accumulator is as it was.</remarks>
    /// <exception cref="ArgumentException">The period or options differ, or a merged count would leave its range.</exception>
    public void Merge(SatisfactionAccumulator other)
    {
        CheckMerge(other);

        AddInto(_csat, other._csat);
        AddInto(_nps, other._nps);
        AddInto(_ces, other._ces);
        AddInto(_skipped, other._skipped);
        OutsidePeriod += other.OutsidePeriod;
    }

    /// <summary>Throws what <see cref="Merge"/> would throw, changing nothing.</summary>
    internal void CheckMerge(SatisfactionAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Internal.Accumulators.RequireMergeable(this, other, Period, other.Period, CsatMethod == other.CsatMethod && NpsSkippedAnswers == other.NpsSkippedAnswers);
        Internal.Sums.RequireCountsFit(_csat, other._csat, "the CSAT answers", nameof(other));
        Internal.Sums.RequireCountsFit(_nps, other._nps, "the NPS answers", nameof(other));
        Internal.Sums.RequireCountsFit(_ces, other._ces, "the CES answers", nameof(other));
        Internal.Sums.RequireCountsFit(_skipped, other._skipped, "the skipped answers", nameof(other));
        Internal.Sums.RequireCountFit(OutsidePeriod, other.OutsidePeriod, "the answers outside the period", nameof(other));
    }

    /// <summary>The metrics over what was added.</summary>
    /// <returns>A snapshot; adding more later does not change it.</returns>
    public SatisfactionMetrics Result() => Result(supplied: true);

    /// <summary>The metrics; when survey answers were not supplied at all, each undefined figure says so.</summary>
    internal SatisfactionMetrics Result(bool supplied) => new(
        new CsatResult(CsatMethod, [.. _csat], _skipped[(int)SurveyKind.Csat], supplied),
        new NpsResult(NpsSkippedAnswers, [.. _nps], _skipped[(int)SurveyKind.Nps], supplied),
        new CesResult([.. _ces], _skipped[(int)SurveyKind.Ces], supplied));

    /// <summary>The reason of every satisfaction figure when no survey answers were supplied.</summary>
    internal const string NotSupplied = "no survey data was supplied";

    internal SatisfactionState ToState() => new()
    {
        Csat = [.. _csat],
        Nps = [.. _nps],
        Ces = [.. _ces],
        Skipped = [.. _skipped],
        OutsidePeriod = OutsidePeriod,
    };

    internal void MergeState(SatisfactionState state)
    {
        AddInto(_csat, Internal.StateChecks.Counts(state.Csat, _csat.Length, "satisfaction.csat"));
        AddInto(_nps, Internal.StateChecks.Counts(state.Nps, _nps.Length, "satisfaction.nps"));
        AddInto(_ces, Internal.StateChecks.Counts(state.Ces, _ces.Length, "satisfaction.ces"));
        AddInto(_skipped, Internal.StateChecks.Counts(state.Skipped, _skipped.Length, "satisfaction.skipped"));
        OutsidePeriod += Internal.StateChecks.Count(state.OutsidePeriod, "satisfaction.outsidePeriod");
    }

    private static void AddInto(long[] target, long[] source)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }
}
