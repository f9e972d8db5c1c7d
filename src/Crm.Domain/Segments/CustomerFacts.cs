namespace Crm.Domain.Segments;

/// <summary>
/// The computed facts of a customer that segment rules can read: a snapshot the metrics layer (or the caller)
/// fills, so the domain never depends on the metrics package. Every fact is optional: a rule on a fact that is
/// missing does not match.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CustomerFacts
{
    /// <summary>RFM recency: days from the last purchase to the analysis date.</summary>
    public int? RecencyDays { get; init; }

    /// <summary>RFM frequency: purchase days in the window.</summary>
    public int? Frequency { get; init; }

    /// <summary>RFM monetary value (in the caller's currency).</summary>
    public decimal? Monetary { get; init; }

    /// <summary>The RFM scores, each 1..5 (5 = best).</summary>
    public (int R, int F, int M)? RfmScore { get; init; }

    /// <summary>The value tier, e.g. "A".</summary>
    public string? ValueTier { get; init; }

    /// <summary>The predicted CLV (in the caller's currency).</summary>
    public decimal? Clv { get; init; }

    /// <summary>The churn risk level, e.g. "High".</summary>
    public string? ChurnRisk { get; init; }

    /// <summary>No facts.</summary>
    public static CustomerFacts None { get; } = new();

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
