namespace Crm.Metrics.Churn;

/// <summary>The thresholds of the churn early warning (流失预警); the defaults are documented on each.</summary>
/// <remarks>Immutable; the rules are checked when the warning runs.</remarks>
public sealed record ChurnWarningSettings
{
    /// <summary>The recent window, in days, ending on the analysis date; default 90.</summary>
    public int RecentWindowDays { get; init; } = 90;

    /// <summary>P(alive) below this is High; default 0.3.</summary>
    public double HighRiskProbabilityAlive { get; init; } = 0.3;

    /// <summary>P(alive) below this is Medium; default 0.6.</summary>
    public double MediumRiskProbabilityAlive { get; init; } = 0.6;

    /// <summary>Days since the last purchase above this multiple of the customer's usual gap is Medium; default 2.</summary>
    public double MediumGapMultiple { get; init; } = 2;

    /// <summary>… above this multiple is High; default 3.</summary>
    public double HighGapMultiple { get; init; } = 3;

    /// <summary>A one-time buyer whose purchase is older than this many days is Medium; default 180.</summary>
    public int SinglePurchaseDays { get; init; } = 180;

    /// <summary>Purchase days in the recent window below this share of those expected at the usual rate is Medium; default 0.5.</summary>
    public double FrequencyDropShare { get; init; } = 0.5;

    /// <summary>Complaints opened in the recent window: at least this many is High (one is Medium); default 3.</summary>
    public int HighRiskComplaints { get; init; } = 3;

    /// <summary>
    /// P(alive) below this marks a customer as probably lost already (<see cref="CustomerChurnRisk.IsLost"/>): past
    /// warning, a case for win-back rather than retention; default 0.05. At most <see cref="HighRiskProbabilityAlive"/>.
    /// </summary>
    public double LostProbabilityAlive { get; init; } = 0.05;

    /// <summary>
    /// Days since the last purchase above this multiple of the customer's usual gap marks them as probably lost; default 4
    /// (the lifecycle's Churned threshold). At least <see cref="HighGapMultiple"/>.
    /// </summary>
    public double LostGapMultiple { get; init; } = 4;

    /// <summary>A one-time buyer whose purchase is older than this many days is probably lost; default 365. At least <see cref="SinglePurchaseDays"/>.</summary>
    public int SinglePurchaseLostDays { get; init; } = 365;

    internal void Validate(string parameter)
    {
        if (RecentWindowDays < 1 || SinglePurchaseDays < 1 || HighRiskComplaints < 1)
        {
            throw new ArgumentOutOfRangeException(parameter, "RecentWindowDays, SinglePurchaseDays and HighRiskComplaints must be at least 1.");
        }

        if (!(HighRiskProbabilityAlive is >= 0 and <= 1) || !(MediumRiskProbabilityAlive is >= 0 and <= 1) || HighRiskProbabilityAlive > MediumRiskProbabilityAlive)
        {
            throw new ArgumentOutOfRangeException(parameter, "The P(alive) thresholds must be in [0, 1], the High one not above the Medium one.");
        }

        if (!(MediumGapMultiple > 0) || HighGapMultiple < MediumGapMultiple || !double.IsFinite(HighGapMultiple))
        {
            throw new ArgumentOutOfRangeException(parameter, "The gap multiples must be positive and finite, the High one not below the Medium one.");
        }

        if (!(LostProbabilityAlive is >= 0 and <= 1) || LostProbabilityAlive > HighRiskProbabilityAlive
            || !double.IsFinite(LostGapMultiple) || LostGapMultiple < HighGapMultiple || SinglePurchaseLostDays < SinglePurchaseDays)
        {
            throw new ArgumentOutOfRangeException(parameter, "The lost thresholds must be at least as strict as the High ones: LostProbabilityAlive in [0, HighRiskProbabilityAlive], LostGapMultiple finite and not below HighGapMultiple, SinglePurchaseLostDays not below SinglePurchaseDays.");
        }

        if (!(FrequencyDropShare is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(parameter, "FrequencyDropShare must be in (0, 1].");
        }
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
