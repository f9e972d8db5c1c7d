using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Satisfaction;

/// <summary>
/// Net Promoter Score: %promoters (9–10) − %detractors (0–6) on the 0–10 scale, a score from −100 to +100 (not a
/// percentage). Passives (7–8) stay in the denominator. Skipped answers are excluded unless
/// <see cref="NpsSkippedAnswers.CountInDenominator"/> is chosen. Undefined with no respondents.
/// </summary>
public sealed class NpsResult
{
    // How a JSON document is read back: the counts and the reason it was written with (which says whether survey
    // data was supplied); the value and totals follow from the counts.
    [JsonConstructor]
    internal NpsResult(NpsSkippedAnswers skippedAnswers, IReadOnlyList<long> answersByScore, long skipped, string? undefinedReason = null)
        : this(skippedAnswers, ReadBack.Counts(answersByScore, 11, nameof(answersByScore)), ReadBack.Count(skipped, nameof(skipped)), undefinedReason != SatisfactionAccumulator.NotSupplied)
    {
        ReadBack.SameReason(UndefinedReason, undefinedReason, nameof(undefinedReason));
    }

    internal NpsResult(NpsSkippedAnswers skippedAnswers, long[] answersByScore, long skipped, bool supplied)
    {
        Supplied = supplied;
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

    /// <summary>Whether survey answers were part of the data at all (not supplied: every figure is undefined, and says so).</summary>
    internal bool Supplied { get; }

    /// <summary>Why the value is undefined; <c>null</c> when defined.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UndefinedReason => Respondents == 0 ? (Supplied ? "no NPS answers in the period" : SatisfactionAccumulator.NotSupplied) : null;
}
