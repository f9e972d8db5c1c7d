using Crm.Domain.Activity;

namespace Crm.Metrics.Satisfaction;

/// <summary>
/// CSAT (customer satisfaction, 1–5). With <see cref="CsatMethod.TopTwoBox"/> (default) the value is the share
/// of answers scoring 4 or 5 as a percentage 0–100; with <see cref="CsatMethod.MeanScore"/> it is the mean answer
/// 1–5. The two are never mixed in one result: <see cref="Method"/> says which. Undefined with no answers.
/// </summary>
public sealed class CsatResult
{
    internal CsatResult(CsatMethod method, long[] answersByScore, long skipped)
    {
        Method = method;
        AnswersByScore = answersByScore;
        Skipped = skipped;
        long answers = 0, satisfied = 0, sum = 0;
        for (var score = 1; score <= 5; score++)
        {
            var n = answersByScore[score - 1];
            answers += n;
            sum += n * score;
            satisfied += score >= 4 ? n : 0;
        }

        Answers = answers;
        Satisfied = satisfied;
        Value = answers == 0 ? null : method == CsatMethod.TopTwoBox ? 100.0 * satisfied / answers : (double)sum / answers;
    }

    /// <summary>How the value is expressed.</summary>
    public CsatMethod Method { get; }

    /// <summary>Percentage 0–100 (top-2-box) or mean 1–5; <c>null</c> when there are no answers.</summary>
    public double? Value { get; }

    /// <summary>Answers scoring 4 or 5.</summary>
    public long Satisfied { get; }

    /// <summary>Answers with a score (the denominator).</summary>
    public long Answers { get; }

    /// <summary>Responses that skipped the question (not in the denominator).</summary>
    public long Skipped { get; }

    /// <summary>Answers per score: index 0 is score 1, index 4 is score 5.</summary>
    public IReadOnlyList<long> AnswersByScore { get; }

    /// <summary>Why the value is undefined; <c>null</c> when defined.</summary>
    public string? UndefinedReason => Answers == 0 ? "no CSAT answers in the period" : null;
}

/// <summary>
/// Net Promoter Score: %promoters (9–10) − %detractors (0–6) on the 0–10 scale, a score from −100 to +100 (not a
/// percentage). Passives (7–8) stay in the denominator. Skipped answers are excluded unless
/// <see cref="NpsSkippedAnswers.CountInDenominator"/> is chosen. Undefined with no respondents.
/// </summary>
public sealed class NpsResult
{
    internal NpsResult(NpsSkippedAnswers skippedAnswers, long[] answersByScore, long skipped)
    {
        SkippedAnswers = skippedAnswers;
        AnswersByScore = answersByScore;
        Skipped = skipped;
        for (var score = 0; score <= 10; score++)
        {
            var n = answersByScore[score];
            if (score >= 9)
            {
                Promoters += n;
            }
            else if (score >= 7)
            {
                Passives += n;
            }
            else
            {
                Detractors += n;
            }
        }

        Respondents = Promoters + Passives + Detractors + (skippedAnswers == NpsSkippedAnswers.CountInDenominator ? skipped : 0);
        Value = Respondents == 0 ? null : 100.0 * (Promoters - Detractors) / Respondents;
    }

    /// <summary>How skipped answers counted.</summary>
    public NpsSkippedAnswers SkippedAnswers { get; }

    /// <summary>The score, −100..100; <c>null</c> when there are no respondents.</summary>
    public double? Value { get; }

    /// <summary>Answers of 9 or 10.</summary>
    public long Promoters { get; }

    /// <summary>Answers of 7 or 8.</summary>
    public long Passives { get; }

    /// <summary>Answers of 0 to 6.</summary>
    public long Detractors { get; }

    /// <summary>Responses that skipped the question.</summary>
    public long Skipped { get; }

    /// <summary>The denominator: promoters + passives + detractors (+ skipped, when counted).</summary>
    public long Respondents { get; }

    /// <summary>Answers per score: index = score, 0..10.</summary>
    public IReadOnlyList<long> AnswersByScore { get; }

    /// <summary>Why the value is undefined; <c>null</c> when defined.</summary>
    public string? UndefinedReason => Respondents == 0 ? "no NPS answers in the period" : null;
}

/// <summary>
/// Customer Effort Score (CES 2.0): the mean answer on 1–7, where 7 = very easy. Undefined with no answers.
/// Never compare it with an effort score on another scale or direction.
/// </summary>
public sealed class CesResult
{
    internal CesResult(long[] answersByScore, long skipped)
    {
        AnswersByScore = answersByScore;
        Skipped = skipped;
        long sum = 0;
        for (var score = 1; score <= 7; score++)
        {
            Answers += answersByScore[score - 1];
            sum += answersByScore[score - 1] * score;
        }

        Value = Answers == 0 ? null : (double)sum / Answers;
    }

    /// <summary>The mean answer 1–7; <c>null</c> when there are no answers.</summary>
    public double? Value { get; }

    /// <summary>Answers with a score.</summary>
    public long Answers { get; }

    /// <summary>Responses that skipped the question.</summary>
    public long Skipped { get; }

    /// <summary>Answers per score: index 0 is score 1, index 6 is score 7.</summary>
    public IReadOnlyList<long> AnswersByScore { get; }

    /// <summary>Why the value is undefined; <c>null</c> when defined.</summary>
    public string? UndefinedReason => Answers == 0 ? "no CES answers in the period" : null;
}

/// <summary>The satisfaction family of the scorecard: CSAT, NPS and CES over the answers given in the period.</summary>
public sealed class SatisfactionMetrics
{
    internal SatisfactionMetrics(CsatResult csat, NpsResult nps, CesResult ces)
    {
        Csat = csat;
        Nps = nps;
        Ces = ces;
    }

    /// <summary>CSAT.</summary>
    public CsatResult Csat { get; }

    /// <summary>NPS.</summary>
    public NpsResult Nps { get; }

    /// <summary>CES.</summary>
    public CesResult Ces { get; }
}

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
    public SatisfactionMetrics Result() => new(
        new CsatResult(CsatMethod, [.. _csat], _skipped[(int)SurveyKind.Csat]),
        new NpsResult(NpsSkippedAnswers, [.. _nps], _skipped[(int)SurveyKind.Nps]),
        new CesResult([.. _ces], _skipped[(int)SurveyKind.Ces]));

    internal States.SatisfactionState ToState() => new()
    {
        Csat = [.. _csat],
        Nps = [.. _nps],
        Ces = [.. _ces],
        Skipped = [.. _skipped],
        OutsidePeriod = OutsidePeriod,
    };

    internal void MergeState(States.SatisfactionState state)
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
