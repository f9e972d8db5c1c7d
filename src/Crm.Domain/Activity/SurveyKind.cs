namespace Crm.Domain.Activity;

/// <summary>What a survey question measures; each kind has its own scale (<see cref="SurveyScale.For"/>).</summary>
public enum SurveyKind
{
    /// <summary>Customer satisfaction, 1–5 (5 = very satisfied).</summary>
    Csat = 0,

    /// <summary>Net Promoter Score question, 0–10 (10 = extremely likely to recommend).</summary>
    Nps = 1,

    /// <summary>Customer Effort Score (CES 2.0), 1–7 (7 = very easy).</summary>
    Ces = 2,
}
