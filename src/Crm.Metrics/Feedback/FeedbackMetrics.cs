using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Domain.Activity;
using Crm.Metrics.Results;
using Crm.Metrics.ServiceEfficiency;

namespace Crm.Metrics.Feedback;

/// <summary>
/// The customer-feedback family: the volume of opinions received in the period — survey
/// answers, complaints, suggestions and praise — by kind and channel, and how many complaints were handled.
/// Counts per channel are listed in the enumeration's order.
/// </summary>
public sealed class FeedbackMetrics
{
    // How a JSON document is read back: the counts by kind and channel; the totals follow from them.
    [JsonConstructor]
    internal FeedbackMetrics(
        long complaints,
        long complaintsWithoutChannel,
        Rate complaintsHandled,
        IReadOnlyDictionary<SurveyKind, long>? surveyAnswersByKind = null,
        IReadOnlyDictionary<CommunicationChannel, long>? complaintsByChannel = null,
        IReadOnlyDictionary<CommunicationChannel, long>? suggestionsByChannel = null,
        IReadOnlyDictionary<CommunicationChannel, long>? praiseByChannel = null)
    {
        // A breakdown with no entry is left out of a document.
        surveyAnswersByKind ??= new SortedDictionary<SurveyKind, long>();
        complaintsByChannel ??= new SortedDictionary<CommunicationChannel, long>();
        suggestionsByChannel ??= new SortedDictionary<CommunicationChannel, long>();
        praiseByChannel ??= new SortedDictionary<CommunicationChannel, long>();
        SurveyAnswersByKind = Counts(surveyAnswersByKind, nameof(surveyAnswersByKind));
        Complaints = ReadBack.Count(complaints, nameof(complaints));
        ComplaintsByChannel = Counts(complaintsByChannel, nameof(complaintsByChannel));
        ComplaintsWithoutChannel = ReadBack.Count(complaintsWithoutChannel, nameof(complaintsWithoutChannel));
        SuggestionsByChannel = Counts(suggestionsByChannel, nameof(suggestionsByChannel));
        PraiseByChannel = Counts(praiseByChannel, nameof(praiseByChannel));
        SurveyAnswers = surveyAnswersByKind.Values.Sum();
        Suggestions = suggestionsByChannel.Values.Sum();
        Praise = praiseByChannel.Values.Sum();
        ComplaintsHandled = complaintsHandled.Denominator == complaints
            ? complaintsHandled
            : throw new ArgumentException("Complaints handled is counted over the complaints opened.", nameof(complaintsHandled));
    }

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

    private static IReadOnlyDictionary<TKey, long> Counts<TKey>(IReadOnlyDictionary<TKey, long>? counts, string member)
        where TKey : notnull
    {
        foreach (var count in ReadBack.Present(counts, member).Values)
        {
            ReadBack.Count(count, member);
        }

        return counts!;
    }
}
