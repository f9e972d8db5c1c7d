namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>The kind of a points ledger entry.</summary>
public enum PointsEntryKind
{
    /// <summary>Points earned (积分): a credit that opens a lot, which may expire under the programme's policy.</summary>
    Earn = 1,

    /// <summary>Points redeemed (积分兑换) for a reward: a debit from the oldest open lots.</summary>
    Redeem = 2,

    /// <summary>
    /// Points expired: a debit from the oldest open lots. The ledger also expires lots itself under the programme's
    /// expiry policy; an explicit entry records an expiry outside it (a forfeit on leaving, say).
    /// </summary>
    Expire = 3,

    /// <summary>A correction with a reason, signed: positive opens a lot, negative is a debit from the oldest lots.</summary>
    Adjust = 4,
}
