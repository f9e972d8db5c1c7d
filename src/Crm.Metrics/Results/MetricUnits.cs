namespace Crm.Metrics.Results;

/// <summary>The units of a <see cref="MetricRow"/>: what its value counts, so that a table of rows can be read without the types.</summary>
public static class MetricUnits
{
    /// <summary>A share or a change where 1 is 100 % (retention, repeat rate, margin rate, growth, return on spend); may be negative or exceed 1 where the metric says so.</summary>
    public const string Fraction = "fraction";

    /// <summary>A score on the metric's own scale: CSAT 0–100 (top-two-box) or 1–5 (mean), CES 1–7, the experience index 0–100.</summary>
    public const string Score = "score";

    /// <summary>The net promoter score, −100 to 100.</summary>
    public const string Nps = "nps";

    /// <summary>An amount in the row's currency.</summary>
    public const string Money = "money";

    /// <summary>A duration in hours (a median).</summary>
    public const string Hours = "hours";

    /// <summary>A duration in days.</summary>
    public const string Days = "days";

    /// <summary>A duration in months of 365.25 / 12 days.</summary>
    public const string Months = "months";

    /// <summary>A number of records or customers.</summary>
    public const string Count = "count";

    /// <summary>A quotient of two different quantities (orders per active customer, complaints per 1,000 orders); may exceed 1.</summary>
    public const string Ratio = "ratio";
}
