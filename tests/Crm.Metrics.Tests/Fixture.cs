using Crm.Domain.Activity;

namespace Crm.Metrics.Tests;

/// <summary>
/// The hand-computed fixture: March 2026 in Europe/Berlin (UTC+1, UTC+2 from 29 March 01:00 UTC), in EUR.
/// Every expected value in the tests is derived from these records in a comment next to the assertion.
/// </summary>
public static class Fixture
{
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    public static readonly ReportingPeriod March = ReportingPeriod.Month(2026, 3, Berlin);
    public static readonly Currency Eur = Currency.Eur;
    public static readonly CustomerId A = new("A"), B = new("B"), C = new("C"), D = new("D"), E = new("E");

    public static Money Eu(decimal amount) => new(amount, Eur);

    public static Instant Utc(int y, int m, int d, int h = 12, int min = 0) => Instant.FromUtc(y, m, d, h, min);

    /// <summary>
    /// A: 2025-06-10 sale 60 (cost 40) — in the 365-day window; 2026-03-05 sales 100 (cost 60) and 50 (cost 30), same day.
    /// B: 2025-12-20 sale 80 (cost 50) — window; 2026-02-10 sale 40 (cost 20) — window and previous period; nothing in March.
    /// C: 2026-02-28T23:30Z sale 30 (cost 10) — 1 March 00:30 in Berlin, so in March and C's first sale: new;
    ///    2026-03-20 sale 70 (cost 30); 2026-03-21 refund 20 (no cost: none reversed).
    /// D: 2026-03-31T22:30Z sale 999 — 1 April 00:30 in Berlin: after the period, ignored.
    /// E: 2024-01-15 sale 25 (cost 5) — before the window; 2026-03-10 sale 200 (cost 120): returning, not retained (not in S).
    /// </summary>
    public static Purchase[] Purchases { get; } =
    [
        Purchase.Sale(A, Utc(2025, 6, 10), Eu(60), SalesChannel.Store, Eu(40)),
        Purchase.Sale(A, Utc(2026, 3, 5, 9), Eu(100), SalesChannel.Online, Eu(60)),
        Purchase.Sale(A, Utc(2026, 3, 5, 17), Eu(50), SalesChannel.Online, Eu(30)),
        Purchase.Sale(B, Utc(2025, 12, 20), Eu(80), SalesChannel.Store, Eu(50)),
        Purchase.Sale(B, Utc(2026, 2, 10), Eu(40), SalesChannel.Store, Eu(20)),
        Purchase.Sale(C, Utc(2026, 2, 28, 23, 30), Eu(30), SalesChannel.MobileApp, Eu(10)),
        Purchase.Sale(C, Utc(2026, 3, 20), Eu(70), SalesChannel.MobileApp, Eu(30)),
        Purchase.Refund(C, Utc(2026, 3, 21), Eu(20), SalesChannel.MobileApp),
        Purchase.Sale(D, Utc(2026, 3, 31, 22, 30), Eu(999), SalesChannel.Online, Eu(1)),
        Purchase.Sale(E, Utc(2024, 1, 15), Eu(25), SalesChannel.Partner, Eu(5)),
        Purchase.Sale(E, Utc(2026, 3, 10), Eu(200), SalesChannel.Partner, Eu(120)),
    ];

    /// <summary>
    /// Acquisition 310 over all of March → 310. Acquisition 300 over 20 Feb–21 Mar (30 days, 21 in March) → 210.
    /// Retention 90 over March → 90. Other (training) 62 over 15 Mar–15 Apr (32 days, 17 in March) → 32.9375.
    /// Acquisition 100 over April → outside.
    /// </summary>
    public static CostEntry[] Costs { get; } =
    [
        new(CostKind.Acquisition, Eu(310), new DateInterval(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31)), "search"),
        new(CostKind.Acquisition, Eu(300), new DateInterval(new LocalDate(2026, 2, 20), new LocalDate(2026, 3, 21)), "social"),
        new(CostKind.Retention, Eu(90), new DateInterval(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31))),
        new(CostKind.Other, Eu(62), new DateInterval(new LocalDate(2026, 3, 15), new LocalDate(2026, 4, 15)), description: "staff training"),
        new(CostKind.Acquisition, Eu(100), new DateInterval(new LocalDate(2026, 4, 1), new LocalDate(2026, 4, 30))),
    ];

    /// <summary>
    /// CSAT 5, 4, 3, 2 and one skipped; one more CSAT 5 at 2026-03-31T22:30Z (1 April in Berlin, outside).
    /// NPS 10, 9, 9, 7, 3. CES 7, 5, 6.
    /// </summary>
    public static SurveyResponse[] Surveys { get; } =
    [
        new(A, Utc(2026, 3, 6), SurveyKind.Csat, 5),
        new(C, Utc(2026, 3, 21), SurveyKind.Csat, 4),
        new(E, Utc(2026, 3, 11), SurveyKind.Csat, 3),
        new(B, Utc(2026, 3, 2), SurveyKind.Csat, 2),
        new(A, Utc(2026, 3, 7), SurveyKind.Csat, null),
        new(E, Utc(2026, 3, 31, 22, 30), SurveyKind.Csat, 5),
        new(A, Utc(2026, 3, 6), SurveyKind.Nps, 10),
        new(C, Utc(2026, 3, 21), SurveyKind.Nps, 9),
        new(E, Utc(2026, 3, 11), SurveyKind.Nps, 9),
        new(B, Utc(2026, 3, 2), SurveyKind.Nps, 7),
        new(D, Utc(2026, 3, 3), SurveyKind.Nps, 3),
        new(A, Utc(2026, 3, 6), SurveyKind.Ces, 7),
        new(C, Utc(2026, 3, 21), SurveyKind.Ces, 5),
        new(E, Utc(2026, 3, 11), SurveyKind.Ces, 6),
    ];

    /// <summary>
    /// K1 (A) opened 2 Mar 10:00Z, answered +2 h, resolved +24 h, target 48 h → met.
    /// K2 (C) opened 10 Mar 08:00Z, answered +6 h, resolved +96 h, target 72 h → breached (late).
    /// K3 (E) opened 20 Mar 09:00Z, answered +1 h, unresolved, target 24 h (ran out 21 Mar) → breached (overdue).
    /// K4 (B) opened 31 Mar 12:00Z (14:00 in Berlin), unanswered, target 48 h (runs out 2 Apr) → pending.
    /// K5 (A) opened 25 Mar 09:00Z, answered 2 Apr and resolved 3 Apr — after the period: unanswered and unresolved; no target.
    /// K6 (C) opened 27 Feb → outside. K7 (E) opened 28 Mar 09:00Z, answered +30 min, resolved +3 h, no target.
    /// </summary>
    public static Complaint[] Complaints { get; } =
    [
        new(new ComplaintId("K1"), A, Utc(2026, 3, 2, 10), Utc(2026, 3, 2, 12), Utc(2026, 3, 3, 10), Duration.FromHours(48), ComplaintSeverity.Normal, CommunicationChannel.Phone),
        new(new ComplaintId("K2"), C, Utc(2026, 3, 10, 8), Utc(2026, 3, 10, 14), Utc(2026, 3, 14, 8), Duration.FromHours(72), ComplaintSeverity.High, CommunicationChannel.Email),
        new(new ComplaintId("K3"), E, Utc(2026, 3, 20, 9), Utc(2026, 3, 20, 10), null, Duration.FromHours(24), null, CommunicationChannel.Phone),
        new(new ComplaintId("K4"), B, Utc(2026, 3, 31, 12), null, null, Duration.FromHours(48)),
        new(new ComplaintId("K5"), A, Utc(2026, 3, 25, 9), Utc(2026, 4, 2, 9), Utc(2026, 4, 3, 9), null, null, CommunicationChannel.OnlineChat),
        new(new ComplaintId("K6"), C, Utc(2026, 2, 27, 9), Utc(2026, 2, 27, 10), Utc(2026, 2, 27, 11), null, null, CommunicationChannel.Phone),
        new(new ComplaintId("K7"), E, Utc(2026, 3, 28, 9), Utc(2026, 3, 28, 9, 30), Utc(2026, 3, 28, 12), null, null, CommunicationChannel.Email),
    ];

    /// <summary>Two suggestions by e-mail and one praise by phone in March; one praise on 1 April in Berlin (outside).</summary>
    public static Domain.Activity.Feedback[] Feedback { get; } =
    [
        new(A, Utc(2026, 3, 5), FeedbackKind.Suggestion, CommunicationChannel.Email, "More sizes, please"),
        new(C, Utc(2026, 3, 6), FeedbackKind.Suggestion, CommunicationChannel.Email),
        new(E, Utc(2026, 3, 7), FeedbackKind.Praise, CommunicationChannel.Phone),
        new(E, Utc(2026, 3, 31, 22, 30), FeedbackKind.Praise, CommunicationChannel.SocialMedia),
    ];

    public static Funnel SalesFunnel { get; } = new(["lead", "qualified", "proposal", "won"]);

    private static Lead LeadOf(string id, params (string Stage, Instant At)[] stages) =>
        new(new LeadId(id), stages.Select(s => new LeadStageReached(s.Stage, s.At)));

    /// <summary>
    /// L1: lead 2 Mar, qualified 4 Mar, proposal 10 Mar, won 20 Mar (18 days).
    /// L2: lead 5 Mar, proposal 12 Mar (skips qualified), won 25 Mar (20 days).
    /// L3: lead 8 Mar, qualified 9 Mar. L4: lead 15 Mar.
    /// L5: lead 20 Feb — entered in February: not in March's cohort.
    /// L6: lead 28 Mar, qualified 30 Mar, won 5 Apr — after the period: reached qualified by its end.
    /// </summary>
    public static Lead[] Leads { get; } =
    [
        LeadOf("L1", ("lead", Utc(2026, 3, 2)), ("qualified", Utc(2026, 3, 4)), ("proposal", Utc(2026, 3, 10)), ("won", Utc(2026, 3, 20))),
        LeadOf("L2", ("lead", Utc(2026, 3, 5)), ("proposal", Utc(2026, 3, 12)), ("won", Utc(2026, 3, 25))),
        LeadOf("L3", ("lead", Utc(2026, 3, 8)), ("qualified", Utc(2026, 3, 9))),
        LeadOf("L4", ("lead", Utc(2026, 3, 15))),
        LeadOf("L5", ("lead", Utc(2026, 2, 20)), ("qualified", Utc(2026, 3, 3)), ("won", Utc(2026, 3, 10))),
        LeadOf("L6", ("lead", Utc(2026, 3, 28)), ("qualified", Utc(2026, 3, 30)), ("won", Utc(2026, 4, 5))),
    ];

    public static CrmDataSet DataSet { get; } = new() { Purchases = Purchases, Costs = Costs, SurveyResponses = Surveys, Complaints = Complaints, Feedback = Feedback, Leads = Leads };
}
