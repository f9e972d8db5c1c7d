namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>
/// A member's activity on one day, as tier rules count it: net spend (sales minus refunds, in the programme's
/// currency) and points earned.
/// </summary>
/// <param name="Date">The day, in the time zone the tiers are read in.</param>
/// <param name="Spend">Sales minus refunds that day; may be negative.</param>
/// <param name="PointsEarned">Points earned that day (earn entries only), not negative.</param>
public readonly record struct QualifyingDay(LocalDate Date, decimal Spend, long PointsEarned);
