using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Satisfaction;

/// <summary>
/// Customer Effort Score (CES 2.0): the mean answer on 1–7, where 7 = very easy. Undefined with no answers.
/// Never compare it with an effort score on another scale or direction.
/// </summary>
public sealed class CesResult
{
    // How a JSON document is read back: the counts and the reason it was written with (which says whether survey
    // data was supplied); the value and totals follow from the counts.
    [JsonConstructor]
    internal CesResult(IReadOnlyList<long> answersByScore, long skipped, string? undefinedReason = null)
        : this(ReadBack.Counts(answersByScore, 7, nameof(answersByScore)), ReadBack.Count(skipped, nameof(skipped)), undefinedReason != SatisfactionAccumulator.NotSupplied)
    {
        ReadBack.SameReason(UndefinedReason, undefinedReason, nameof(undefinedReason));
    }

    internal CesResult(long[] answersByScore, long skipped, bool supplied)
    {
        Supplied = supplied;
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

    /// <summary>Whether survey answers were part of the data at all (not supplied: every figure is undefined, and says so).</summary>
    internal bool Supplied { get; }

    /// <summary>Why the value is undefined; <c>null</c> when defined.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UndefinedReason => Answers == 0 ? (Supplied ? "no CES answers in the period" : SatisfactionAccumulator.NotSupplied) : null;
}
