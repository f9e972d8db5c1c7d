using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Satisfaction;

/// <summary>
/// CSAT (customer satisfaction, 1–5). With <see cref="CsatMethod.TopTwoBox"/> (default) the value is the share
/// of answers scoring 4 or 5 as a percentage 0–100; with <see cref="CsatMethod.MeanScore"/> it is the mean answer
/// 1–5. The two are never mixed in one result: <see cref="Method"/> says which. Undefined with no answers.
/// </summary>
public sealed class CsatResult
{
    // How a JSON document is read back: the counts and the reason it was written with (which says whether survey
    // data was supplied); the value and totals follow from the counts.
    [JsonConstructor]
    internal CsatResult(CsatMethod method, IReadOnlyList<long> answersByScore, long skipped, string? undefinedReason = null)
        : this(method, ReadBack.Counts(answersByScore, 5, nameof(answersByScore)), ReadBack.Count(skipped, nameof(skipped)), undefinedReason != SatisfactionAccumulator.NotSupplied)
    {
        ReadBack.SameReason(UndefinedReason, undefinedReason, nameof(undefinedReason));
    }

    internal CsatResult(CsatMethod method, long[] answersByScore, long skipped, bool supplied)
    {
        Supplied = supplied;
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

    /// <summary>Whether survey answers were part of the data at all (not supplied: every figure is undefined, and says so).</summary>
    internal bool Supplied { get; }

    /// <summary>Why the value is undefined; <c>null</c> when defined.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UndefinedReason => Answers == 0 ? (Supplied ? "no CSAT answers in the period" : SatisfactionAccumulator.NotSupplied) : null;
}
