namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>A member's tier changed at the start of a day.</summary>
/// <param name="Date">The first day in the new tier.</param>
/// <param name="From">The tier held the day before, by rank in <see cref="LoyaltyProgramme.Tiers"/>; <c>null</c> for no tier.</param>
/// <param name="To">The tier held from <paramref name="Date"/>; <c>null</c> for no tier.</param>
public readonly record struct TierChange(LocalDate Date, int? From, int? To)
{
    /// <summary>Whether the member moved up (from no tier to a tier, or to a higher rank).</summary>
    public bool IsUpgrade => (To ?? -1) > (From ?? -1);

    /// <summary>Whether the member moved down (to a lower rank, or to no tier).</summary>
    public bool IsDowngrade => (To ?? -1) < (From ?? -1);
}
