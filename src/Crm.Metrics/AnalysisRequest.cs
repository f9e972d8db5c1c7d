using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;

namespace Crm.Metrics;

/// <summary>
/// The analyses <see cref="ICrmMetrics.ComputeAnalyses"/> computes from one read of a data set: any of the scorecards
/// of some periods, the customer-base summary, RFM, the lifecycles and the churn warning. A member left <c>null</c>
/// is not computed.
/// </summary>
/// <remarks>
/// <para>Each analysis equals its own entry point over the same records —
/// <see cref="ICrmMetrics.ComputeScorecards"/>, <see cref="CustomerBaseSummary.FromPurchases"/>,
/// <see cref="RfmAnalysis.Compute"/>, <see cref="LifecycleDerivation.Derive"/>, <see cref="ChurnWarning.Assess"/> —
/// but the records are read once, and each purchase's customer id is looked up once for all of them.</para>
/// <para>This type is immutable and thread-safe. Its rules are checked when it is used.</para>
/// </remarks>
public sealed record AnalysisRequest
{
    /// <summary>The periods whose scorecards to compute (1 to 64, in time order, not overlapping, in one zone; see <see cref="ICrmMetrics.ComputeScorecards"/>); null for none.</summary>
    public IReadOnlyList<ReportingPeriod>? Scorecards { get; init; }

    /// <summary>The scorecards' settings (currency, value basis, funnel); null for the defaults.</summary>
    public ScorecardSettings? ScorecardSettings { get; init; }

    /// <summary>The customer-base summary's options (calibration end, holdout end, zone, time unit); null for no summary.</summary>
    public SummaryOptions? Summary { get; init; }

    /// <summary>The RFM analysis's options; null for no RFM.</summary>
    public RfmOptions? Rfm { get; init; }

    /// <summary>The lifecycle derivation's options; null for no lifecycles.</summary>
    public LifecycleOptions? Lifecycles { get; init; }

    /// <summary>
    /// The churn warning's options; null for no churn warning. The warning reads the data set's purchases, complaints
    /// and survey answers, and assesses its customers too (those who never bought are flagged); it is assessed when
    /// asked, with or without a purchase model (<see cref="AnalysisResults.AssessChurn"/>).
    /// </summary>
    public ChurnWarningOptions? Churn { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
