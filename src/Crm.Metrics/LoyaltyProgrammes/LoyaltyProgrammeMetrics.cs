using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Metrics.Results;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>
/// The loyalty programme of a period (会员制度、积分): members, the points ledger, tiers and their migration, and the
/// programme's measured effect.
/// </summary>
/// <remarks>
/// <para>A member is a customer whose membership covers the period's end. Points figures sum every ledger in the
/// data, a customer's with no membership row too. Money is in the programme's currency.</para>
/// <para>Rates carry their counts and are undefined, with the reason, when their denominator is empty or the records
/// they need were not supplied.</para>
/// </remarks>
public sealed class LoyaltyProgrammeMetrics
{
    [JsonConstructor]
    internal LoyaltyProgrammeMetrics(
        ReportingPeriod period,
        Currency currency,
        Instant computedAt,
        long members,
        long activeMembers,
        Rate enrolmentRate,
        PointsFigures points,
        Rate redemptionRate,
        Rate breakage,
        Money liability,
        IReadOnlyList<TierCount> tiers,
        TierMigration migration,
        long dueForDowngrade,
        ProgrammeEffect effect)
    {
        Period = ReadBack.Present(period, nameof(period));
        Currency = currency;
        ComputedAt = computedAt;
        Members = ReadBack.Count(members, nameof(members));
        ActiveMembers = ReadBack.Count(activeMembers, nameof(activeMembers));
        EnrolmentRate = enrolmentRate;
        Points = ReadBack.Present(points, nameof(points));
        RedemptionRate = redemptionRate;
        Breakage = breakage;
        Liability = liability;
        Tiers = ReadBack.Present(tiers, nameof(tiers));
        Migration = ReadBack.Present(migration, nameof(migration));
        DueForDowngrade = ReadBack.Count(dueForDowngrade, nameof(dueForDowngrade));
        Effect = ReadBack.Present(effect, nameof(effect));
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The programme's currency, of every money figure.</summary>
    public Currency Currency { get; }

    /// <summary>When the figures were computed.</summary>
    public Instant ComputedAt { get; }

    /// <summary>Members at the period's end.</summary>
    public long Members { get; }

    /// <summary>Members at the period's end with a sale, or points earned or redeemed, in the period.</summary>
    public long ActiveMembers { get; }

    /// <summary>
    /// Enrolment rate: active customers (a sale in the period) who are members at its end ÷ active customers (0..1);
    /// undefined without purchases or memberships supplied, or without an active customer.
    /// </summary>
    public Rate EnrolmentRate { get; }

    /// <summary>Points issued, redeemed, expired and adjusted in the period, and outstanding at its end.</summary>
    public PointsFigures Points { get; }

    /// <summary>
    /// Redemption rate: points redeemed ÷ points issued in the period (may exceed 1 when older points are redeemed);
    /// undefined when none were issued.
    /// </summary>
    public Rate RedemptionRate { get; }

    /// <summary>
    /// Breakage: of the points that left balances in the period by redemption or expiry, the share that expired unused,
    /// expired ÷ (redeemed + expired) (0..1); undefined when none left.
    /// </summary>
    public Rate Breakage { get; }

    /// <summary>The liability of the outstanding points: outstanding × the programme's point value.</summary>
    public Money Liability { get; }

    /// <summary>Members by the tier held on the period's last day: <c>no tier</c> first, then the programme's tiers, lowest first.</summary>
    public IReadOnlyList<TierCount> Tiers { get; }

    /// <summary>Members by tier before the period against tier at its end.</summary>
    public TierMigration Migration { get; }

    /// <summary>Members who hold a tier on the period's last day only by its grace period: due for a downgrade unless they qualify again.</summary>
    public long DueForDowngrade { get; }

    /// <summary>Members against non-members, and members before against after joining (observational, not causal).</summary>
    public ProgrammeEffect Effect { get; }

    /// <summary>The figures as flat rows (family <c>LoyaltyProgramme</c>), with the keys of the report's JSON.</summary>
    /// <returns>One row per figure (15).</returns>
    public IReadOnlyList<MetricRow> ToRows()
    {
        const string Family = "LoyaltyProgramme";
        var currency = Currency.Code;
        return
        [
            new(Family, "members", "Members at the period's end", Members, MetricUnits.Count, null, null, null, null),
            new(Family, "activeMembers", "Active members", ActiveMembers, MetricUnits.Count, null, null, Members, null),
            ScorecardRows.Of(Family, "enrolmentRate", "Enrolment rate (active customers who are members)", EnrolmentRate, MetricUnits.Fraction),
            new(Family, "pointsIssued", "Points issued", Points.Issued, MetricUnits.Count, null, null, null, null),
            new(Family, "pointsRedeemed", "Points redeemed", Points.Redeemed, MetricUnits.Count, null, null, null, null),
            new(Family, "pointsExpired", "Points expired", Points.Expired, MetricUnits.Count, null, null, null, null),
            new(Family, "pointsAdjusted", "Points adjusted (net)", Points.Adjusted, MetricUnits.Count, null, null, null, null),
            new(Family, "pointsOutstanding", "Points outstanding at the period's end", Points.Outstanding, MetricUnits.Count, null, null, null, null),
            ScorecardRows.Of(Family, "redemptionRate", "Redemption rate (redeemed per issued)", RedemptionRate, MetricUnits.Ratio),
            ScorecardRows.Of(Family, "breakage", "Breakage (expired share of points used or expired)", Breakage, MetricUnits.Fraction),
            new(Family, "liability", "Liability of outstanding points", (double)Liability.Amount, MetricUnits.Money, currency, Points.Outstanding, null, null),
            new(Family, "dueForDowngrade", "Members due for a downgrade", DueForDowngrade, MetricUnits.Count, null, null, Members, null),
            ScorecardRows.PerCount(Family, "memberRevenuePerCustomer", "Revenue per member customer", Effect.Members.RevenuePerCustomer, currency),
            ScorecardRows.PerCount(Family, "nonMemberRevenuePerCustomer", "Revenue per non-member customer", Effect.NonMembers.RevenuePerCustomer, currency),
            ScorecardRows.Of(Family, "memberRetention", "Retention of members", Effect.Members.Retention, MetricUnits.Fraction),
        ];
    }

    /// <summary>The headline figures in the invariant culture, without customer data.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"LoyaltyProgrammeMetrics {{ Period = {Period}, Members = {Members}, ActiveMembers = {ActiveMembers}, Outstanding = {Points.Outstanding}, Liability = {Liability} }}");
}
