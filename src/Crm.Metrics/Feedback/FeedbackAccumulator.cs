using Crm.Domain.Activity;
using Crm.Metrics.ServiceEfficiency;

namespace Crm.Metrics.Feedback;

/// <summary>
/// Accumulates suggestions and praise (<see cref="Feedback"/> records) received in the period, by kind and
/// channel, in constant memory. Merging is exact.
/// </summary>
/// <remarks>Not thread-safe: use one per thread or partition and <see cref="Merge"/> them.</remarks>
public sealed class FeedbackAccumulator
{
    private readonly Internal.EnumCounts<CommunicationChannel> _suggestions = new();
    private readonly Internal.EnumCounts<CommunicationChannel> _praise = new();

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="period">The reporting period.</param>
    public FeedbackAccumulator(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        Period = period;
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>Feedback received outside the period.</summary>
    public long OutsidePeriod { get; private set; }

    /// <summary>Adds one piece of feedback.</summary>
    /// <param name="feedback">The suggestion or praise.</param>
    public void Add(Domain.Activity.Feedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        if (!Period.Contains(feedback.ReceivedAt))
        {
            OutsidePeriod++;
            return;
        }

        (feedback.Kind == FeedbackKind.Suggestion ? _suggestions : _praise).Add(feedback.Channel);
    }

    /// <summary>Adds the state of another accumulator of the same period.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <remarks>Checked whole before anything changes: on an error this accumulator is as it was.</remarks>
    /// <exception cref="ArgumentException">The periods differ, <paramref name="other"/> is this accumulator, or a merged count would leave its range.</exception>
    public void Merge(FeedbackAccumulator other)
    {
        CheckMerge(other);

        _suggestions.Merge(other._suggestions);
        _praise.Merge(other._praise);

        OutsidePeriod += other.OutsidePeriod;
    }

    /// <summary>Throws what <see cref="Merge"/> would throw, changing nothing.</summary>
    internal void CheckMerge(FeedbackAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Internal.Accumulators.RequireMergeable(this, other, Period, other.Period);
        _suggestions.CheckMerge(other._suggestions, "the suggestions", nameof(other));
        _praise.CheckMerge(other._praise, "the praise", nameof(other));
        Internal.Sums.RequireCountFit(OutsidePeriod, other.OutsidePeriod, "the feedback outside the period", nameof(other));
    }

    internal FeedbackState ToState() => new()
    {
        Suggestions = _suggestions.ToNames(),
        Praise = _praise.ToNames(),
        OutsidePeriod = OutsidePeriod,
    };

    internal void MergeState(FeedbackState state)
    {
        _suggestions.Add(state.Suggestions, "feedback.suggestions");
        _praise.Add(state.Praise, "feedback.praise");
        OutsidePeriod += Internal.StateChecks.Count(state.OutsidePeriod, "feedback.outsidePeriod");
    }

    internal FeedbackMetrics Result(IReadOnlyDictionary<SurveyKind, long> surveyAnswers, ComplaintAccumulator complaints) =>
        new(surveyAnswers, complaints, _suggestions.ToDictionary(), _praise.ToDictionary());
}
