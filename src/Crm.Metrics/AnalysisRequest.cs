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

    /// <summary>
    /// About how many distinct customers the records hold, when the caller knows (a count kept by its database, a
    /// first read of a file); 0, the default, when unknown. A capacity hint: the shared customer index, the
    /// per-customer analyses' tables and the scorecards' customer tables are made that large at the start instead of
    /// doubling from a small size as customers arrive, which leaves no outgrown copies behind. A wrong hint changes
    /// memory use only, never a result: more customers than hinted grow the tables as without a hint; fewer leave
    /// the room unused. Room is made for at most 4,194,304 customers up front.
    /// </summary>
    /// <remarks>Must be 0 or more (checked when the request is used).</remarks>
    public int ExpectedCustomers { get; init; }

    /// <summary>
    /// About how many purchases the records hold, when the caller knows; 0, the default, when unknown (or when the
    /// purchases are an array or list, whose count is taken). A capacity hint like <see cref="ExpectedCustomers"/>: the
    /// per-customer analyses log each purchase's customer and day (4 bytes each) and make that room at the start.
    /// Room is made for at most 4,194,304 purchases up front.
    /// </summary>
    /// <remarks>Must be 0 or more (checked when the request is used).</remarks>
    public int ExpectedPurchases { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
