namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>What a tier's qualification rule counts over its rolling window.</summary>
public enum TierBasis
{
    /// <summary>Net spend: sales minus refunds, in the programme's currency.</summary>
    Spend = 1,

    /// <summary>Points earned (earn entries only; redemptions, expiries and adjustments do not count).</summary>
    Points = 2,
}
