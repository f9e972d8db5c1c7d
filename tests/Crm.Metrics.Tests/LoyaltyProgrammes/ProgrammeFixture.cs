using Crm.Domain.Activity;
using Crm.Domain.LoyaltyProgrammes;

namespace Crm.Metrics.Tests.LoyaltyProgrammes;

/// <summary>
/// A small programme and data set with hand-computed figures for March 2026 (UTC). The arithmetic is in
/// <see cref="LoyaltyProgrammeTests.The_fixture_gives_the_hand_computed_figures"/>.
/// </summary>
internal static class ProgrammeFixture
{
    public static readonly ReportingPeriod March = ReportingPeriod.Month(2026, 3, DateTimeZone.Utc);
    public static readonly CustomerId A = new("A"), B = new("B"), C = new("C"), D = new("D"), E = new("E"), F = new("F");

    /// <summary>Silver: 100 EUR spent in 30 days, 10 days' grace; Gold: 1,000 points earned in 30 days, no grace; points live 12 months and are worth 0.01 EUR.</summary>
    public static readonly LoyaltyProgramme Programme = new(
        [
            LoyaltyTier.BySpend("Silver", Eu(100m), windowDays: 30, graceDays: 10),
            LoyaltyTier.ByPoints("Gold", 1000, windowDays: 30, graceDays: 0),
        ],
        Eu(0.01m),
        expiryMonths: 12);

    public static Money Eu(decimal amount) => new(amount, Currency.Eur);

    public static Instant At(int y, int m, int d) => Instant.FromUtc(y, m, d, 12, 0);

    public static Membership[] Memberships { get; } =
    [
        new(A, At(2025, 6, 1)),
        new(B, At(2026, 3, 10), At(2026, 3, 25)),
        new(C, At(2025, 1, 15)),
        new(F, At(2025, 8, 1)),
    ];

    public static PointsEntry[] Entries { get; } =
    [
        PointsEntry.Earn(A, At(2026, 3, 5), 1200),
        PointsEntry.Redeem(A, At(2026, 3, 20), 300),
        PointsEntry.Earn(B, At(2026, 3, 12), 200),
        PointsEntry.Expire(B, At(2026, 3, 25), 200),
        PointsEntry.Earn(C, At(2025, 3, 10), 400),
        PointsEntry.Redeem(C, At(2025, 12, 1), 100),
        PointsEntry.Adjust(E, At(2026, 3, 15), 50, "goodwill"),
        PointsEntry.Earn(A, At(2026, 4, 2), 10),
    ];

    public static Purchase[] Purchases { get; } =
    [
        Purchase.Sale(A, At(2026, 2, 10), Eu(50m)),
        Purchase.Sale(A, At(2026, 3, 5), Eu(120m)),
        Purchase.Sale(B, At(2026, 3, 12), Eu(200m)),
        Purchase.Sale(C, At(2026, 2, 25), Eu(150m)),
        Purchase.Sale(D, At(2026, 2, 2), Eu(30m)),
        Purchase.Sale(D, At(2026, 3, 3), Eu(80m)),
        Purchase.Refund(D, At(2026, 3, 4), Eu(20m)),
        Purchase.Sale(F, At(2025, 1, 1), Eu(10m)),
        Purchase.Sale(F, At(2025, 5, 1), Eu(40m)),
        Purchase.Sale(F, At(2025, 9, 1), Eu(60m)),
        Purchase.Sale(F, At(2025, 10, 1), Eu(70m)),
        Purchase.Sale(D, At(2026, 4, 1), Eu(5m)),
    ];

    public static CrmDataSet Data { get; } = new() { Memberships = Memberships, PointsEntries = Entries, Purchases = Purchases };
}
