using Crm.Domain.Activity;
using Crm.Metrics.Results;
using Crm.Metrics.Service;

namespace Crm.Metrics.Experience;

/// <summary>
/// The customer-feedback family: the volume of opinions received in the period — survey
/// answers, complaints, suggestions and praise — by kind and channel, and how many complaints were handled.
/// Counts per channel are listed in the enumeration's order.
/// </summary>
public sealed class FeedbackMetrics
{
    internal FeedbackMetrics(IReadOnlyDictionary<SurveyKind, long> surveyAnswers, ComplaintAccumulator complaints, IReadOnlyDictionary<CommunicationChannel, long> suggestions, IReadOnlyDictionary<CommunicationChannel, long> praise)
    {
        SurveyAnswersByKind = surveyAnswers;
        ComplaintsByChannel = complaints.ByChannel;
        ComplaintsWithoutChannel = complaints.UnknownChannel;
        Complaints = complaints.Opened;
        SuggestionsByChannel = suggestions;
        PraiseByChannel = praise;
        SurveyAnswers = surveyAnswers.Values.Sum();
        Suggestions = suggestions.Values.Sum();
        Praise = praise.Values.Sum();
        ComplaintsHandled = new Rate(complaints.Resolved, complaints.Opened, "no complaints opened in the period");
    }

    /// <summary>Survey responses received in the period (answered or skipped).</summary>
    public long SurveyAnswers { get; }

    /// <summary>Survey responses by kind.</summary>
    public IReadOnlyDictionary<SurveyKind, long> SurveyAnswersByKind { get; }

    /// <summary>Complaints opened in the period.</summary>
    public long Complaints { get; }

    /// <summary>Complaints opened in the period, by channel.</summary>
    public IReadOnlyDictionary<CommunicationChannel, long> ComplaintsByChannel { get; }

    /// <summary>Complaints opened in the period without a recorded channel.</summary>
    public long ComplaintsWithoutChannel { get; }

    /// <summary>Suggestions received in the period.</summary>
    public long Suggestions { get; }

    /// <summary>Suggestions by channel.</summary>
    public IReadOnlyDictionary<CommunicationChannel, long> SuggestionsByChannel { get; }

    /// <summary>Praise received in the period.</summary>
    public long Praise { get; }

    /// <summary>Praise by channel.</summary>
    public IReadOnlyDictionary<CommunicationChannel, long> PraiseByChannel { get; }

    /// <summary>All feedback received: survey responses + complaints + suggestions + praise.</summary>
    public long Total => SurveyAnswers + Complaints + Suggestions + Praise;

    /// <summary>Complaints opened in the period and resolved by its end / complaints opened in it, 0..1.</summary>
    public Rate ComplaintsHandled { get; }
}

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
    public void Add(Feedback feedback)
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

    internal States.FeedbackState ToState() => new()
    {
        Suggestions = _suggestions.ToNames(),
        Praise = _praise.ToNames(),
        OutsidePeriod = OutsidePeriod,
    };

    internal void MergeState(States.FeedbackState state)
    {
        _suggestions.Add(state.Suggestions, "feedback.suggestions");
        _praise.Add(state.Praise, "feedback.praise");
        OutsidePeriod += Internal.StateChecks.Count(state.OutsidePeriod, "feedback.outsidePeriod");
    }

    internal FeedbackMetrics Result(IReadOnlyDictionary<SurveyKind, long> surveyAnswers, ComplaintAccumulator complaints) =>
        new(surveyAnswers, complaints, _suggestions.ToDictionary(), _praise.ToDictionary());
}
