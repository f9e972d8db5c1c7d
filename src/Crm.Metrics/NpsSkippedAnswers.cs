namespace Crm.Metrics;

/// <summary>How skipped NPS answers (a response with no score) count.</summary>
public enum NpsSkippedAnswers
{
    /// <summary>Skipped answers are left out of the denominator (the default).</summary>
    Exclude = 0,

    /// <summary>Skipped answers stay in the denominator, like passives (neither promoter nor detractor).</summary>
    CountInDenominator = 1,
}
