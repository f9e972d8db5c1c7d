namespace Crm.Metrics;

/// <summary>How CSAT is expressed.</summary>
public enum CsatMethod
{
    /// <summary>Share of answers scoring 4 or 5 on the 1–5 scale, as a percentage 0–100 (the default).</summary>
    TopTwoBox = 0,

    /// <summary>Mean answer on the 1–5 scale.</summary>
    MeanScore = 1,
}
