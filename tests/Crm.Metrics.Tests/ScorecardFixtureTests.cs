using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.CustomerValue;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests;

public partial class ScorecardFixtureTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 4, 2, 8, 0);

    private static Scorecard Compute(CrmDataSet data, ScorecardSettings? settings = null, CrmMetricsOptions? options = null)
    {
        var accumulator = new ScorecardAccumulator(March, settings ?? new ScorecardSettings { Funnel = SalesFunnel }, options);
        accumulator.AddRange(data);
        return accumulator.Result(Now);
    }

    [Fact]
    public void The_period_is_March_where_the_business_is()
    {
        // 1 March 00:00 CET = 28 Feb 23:00 UTC; 1 April 00:00 CEST = 31 March 22:00 UTC (DST began 29 March).
        Assert.Equal(Instant.FromUtc(2026, 2, 28, 23, 0), March.Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 31, 22, 0), March.End);
        Assert.True(March.Contains(Utc(2026, 2, 28, 23, 30)));
        Assert.False(March.Contains(Utc(2026, 3, 31, 22, 30)));
        Assert.Equal("2026-03-01..2026-03-31 (Europe/Berlin)", March.ToString());
    }

    [Fact]
    public void Satisfaction_matches_the_hand_computation()
    {
        var s = Compute(DataSet).Satisfaction;

        // CSAT: answers 5, 4, 3, 2 (the skipped one and the 1 April one excluded) → top-2-box 2/4 = 50 %.
        Assert.Equal(50.0, s.Csat.Value);
        Assert.Equal((2L, 4L, 1L), (s.Csat.Satisfied, s.Csat.Answers, s.Csat.Skipped));
        Assert.Equal([0L, 1L, 1L, 1L, 1L], s.Csat.AnswersByScore); // by score 1..5

        // NPS: 10, 9, 9 promoters; 7 passive; 3 detractor → 100 × (3 − 1) / 5 = 40.
        Assert.Equal(40.0, s.Nps.Value);
        Assert.Equal((3L, 1L, 1L, 5L), (s.Nps.Promoters, s.Nps.Passives, s.Nps.Detractors, s.Nps.Respondents));

        // CES: (7 + 5 + 6) / 3 = 6.
        Assert.Equal(6.0, s.Ces.Value);
    }

    [Fact]
    public void Csat_as_a_mean_score_is_an_option_never_mixed_with_top_two_box()
    {
        var s = Compute(DataSet, options: new CrmMetricsOptions { CsatMethod = CsatMethod.MeanScore }).Satisfaction;

        // (5 + 4 + 3 + 2) / 4 = 3.5
        Assert.Equal(CsatMethod.MeanScore, s.Csat.Method);
        Assert.Equal(3.5, s.Csat.Value);
    }

    [Fact]
    public void Loyalty_matches_the_hand_computation()
    {
        var l = Compute(DataSet).Loyalty;

        // Sales in March (Berlin): A 100 + 50, C 30 + 70, E 200 = 450; refunds: C 20; net 430. D's 999 is 1 April in Berlin.
        Assert.Equal(Eu(450), l.SalesRevenue);
        Assert.Equal(Eu(20), l.Refunds);
        Assert.Equal(Eu(430), l.Revenue);

        // Orders A 2, C 2, E 1 = 5; active A, C, E = 3; AOV 450 / 5 = 90; frequency 5 / 3.
        Assert.Equal(5, l.Orders);
        Assert.Equal(3, l.ActiveCustomers);
        Assert.Equal(Eu(90), l.AverageOrderValue.Value);
        Assert.Equal(5.0 / 3.0, l.PurchaseFrequency.Value);

        // Repeat: C bought on 1 March and 20 March; A's two sales were on one day → 1 / 3.
        Assert.Equal((1L, 3L), (l.RepeatPurchaseRate.Numerator, l.RepeatPurchaseRate.Denominator));

        // New: C (first sale 1 March in Berlin). S = {A, B} (sales in the 365 days before March); retained {A} → 1/2.
        Assert.Equal(1, l.NewCustomers);
        Assert.Equal(2, l.Retention.CustomersAtStart);
        Assert.Equal(1, l.Retention.Retained);
        Assert.Equal(0.5, l.Retention.RetentionRate);
        Assert.Equal(0.5, l.Retention.ChurnRate);

        // Returning customers (bought before March): A 150 + E 200 = 350 of 450.
        Assert.Equal(350.0 / 450.0, l.ReturningCustomerRevenueShare.Value);

        // Previous period of equal length: 29 Jan–28 Feb (Berlin): B's 40 → growth (430 − 40) / 40 = 9.75.
        Assert.Equal(Eu(40), l.PriorPeriodRevenue);
        Assert.Equal(9.75, l.SalesGrowth.Value);
    }

    [Fact]
    public void Classic_retention_is_a_named_option_and_can_exceed_one()
    {
        var r = Compute(DataSet, options: new CrmMetricsOptions { RetentionMethod = RetentionMethod.Classic }).Loyalty.Retention;

        // (E − N) / S = (3 active − 1 new) / 2 = 1.0: E came back from before the window, which the cohort form does not count.
        Assert.Equal(RetentionMethod.Classic, r.Method);
        Assert.Equal(1.0, r.RetentionRate);
        Assert.Equal(0.0, r.ChurnRate);
    }

    [Fact]
    public void Costs_are_prorated_by_the_days_inside_the_period()
    {
        var a = Compute(DataSet).AcquisitionCost;

        // Acquisition 310 + 300 × 21/30 = 520; retention 90; other 62 × 17/32 = 32.9375; April's 100 is outside.
        Assert.Equal(Eu(520), a.Costs.Acquisition);
        Assert.Equal(Eu(90), a.Costs.Retention);
        Assert.Equal(Eu(32.9375m), a.Costs.Other);
        Assert.Equal(Eu(642.9375m), a.Costs.Total);

        // CAC 520 / 1 new customer; retention cost per active customer 90 / 3 = 30.
        Assert.Equal(Eu(520), a.CustomerAcquisitionCost.Value);
        Assert.Equal(Eu(30), a.RetentionCostPerActiveCustomer.Value);

        // Gross margin (430 − COGS 250) / 430; COGS = A 90 + C 40 + E 120.
        Assert.Equal(180.0 / 430.0, a.GrossMarginRate.Value!.Value, 12);

        // Payback: 520 / ((430 / 3) × (365.25 / 12 / 31) × 180/430) = 520 / 58.9113… ≈ 8.8268 months.
        var expected = 520.0 / (430.0 / 3 * (365.25 / 12 / 31) * (180.0 / 430.0));
        Assert.Equal(expected, a.CacPaybackMonths.Value!.Value, 9);
        Assert.Equal(8.8268, a.CacPaybackMonths.Value!.Value, 4);

        // No value basis → LTV:CAC undefined, and says why.
        Assert.Null(a.LtvToCac.Value);
        Assert.Equal("no lifetime value was given to compare acquisition cost with", a.LtvToCac.UndefinedReason);
    }

    [Fact]
    public void Ltv_to_cac_uses_the_simple_clv_when_asked()
    {
        var a = Compute(DataSet, new ScorecardSettings { ValueBasis = ValueBasis.SimpleClv(0.01) }).AcquisitionCost;

        // m = total margin 90 / 3 active = 30; r = 0.5; CLV = 30 × 0.5 / (1.01 − 0.5) = 29.4117…; LTV:CAC = 29.41 / 520.
        Assert.Equal(29.4118, (double)a.LifetimeValue.Value!.Value.Amount, 4);
        Assert.Equal(30.0 * 0.5 / 0.51 / 520.0, a.LtvToCac.Value!.Value, 9);

        var given = Compute(DataSet, new ScorecardSettings { ValueBasis = ValueBasis.Given(Eu(1040)) }).AcquisitionCost;
        Assert.Equal(2.0, given.LtvToCac.Value); // 1040 / 520
    }

    [Fact]
    public void Customer_value_matches_the_hand_computation()
    {
        var v = Compute(DataSet).CustomerValue;

        // Listed: customers with a sale or refund in March, by id: A, C, E. Cost to serve: retention 90 / 3 active = 30.
        Assert.Equal([A, C, E], v.Customers.Select(c => c.Id));
        var a = v.Customers[0];
        var c = v.Customers[1];
        var e = v.Customers[2];

        // A: revenue 150, COGS 90, margin 150 − 90 − 30 = 30; historical CLV (60 + 150) − (40 + 90) = 80.
        Assert.Equal((Eu(150), Eu(90), Eu(30), Eu(30), Eu(80)), (a.Revenue, a.CostOfGoods.Value!.Value, a.CostToServe, a.Margin.Value!.Value, a.HistoricalClv.Value!.Value));

        // C: revenue 100 − 20 = 80, COGS 10 + 30 = 40 (the refund reversed no cost), margin 80 − 40 − 30 = 10, CLV 80 − 40 = 40.
        Assert.Equal((Eu(80), Eu(40), Eu(10), Eu(40)), (c.Revenue, c.CostOfGoods.Value!.Value, c.Margin.Value!.Value, c.HistoricalClv.Value!.Value));

        // E: revenue 200, COGS 120, margin 50, CLV (25 + 200) − (5 + 120) = 100.
        Assert.Equal((Eu(200), Eu(50), Eu(100)), (e.Revenue, e.Margin.Value!.Value, e.HistoricalClv.Value!.Value));

        // Totals: margin 30 + 10 + 50 = 90; contribution shares 1/3, 1/9, 5/9.
        Assert.Equal(Eu(90), v.TotalMargin.Value);
        Assert.Equal(Eu(430), v.TotalRevenue);
        Assert.Equal(30.0 / 90.0, a.ContributionShare!.Value, 12);
        Assert.Equal(10.0 / 90.0, c.ContributionShare!.Value, 12);
        Assert.Equal(50.0 / 90.0, e.ContributionShare!.Value, 12);

        // Margin per customer 30, 10, 50 → median 30, mean 30, p90 = 30 + 0.8 × (50 − 30) = 46.
        Assert.Equal(3, v.MarginPerCustomer.Count);
        Assert.Equal(30.0, v.MarginPerCustomer.Median);
        Assert.Equal(46.0, v.MarginPerCustomer.P90!.Value, 12);
    }

    [Fact]
    public void Service_efficiency_matches_the_hand_computation()
    {
        var s = Compute(DataSet).ServiceEfficiency;

        // Opened in March: K1, K2, K3, K4, K5, K7 (K6 was February). Answered by the end: K1, K2, K3, K7; resolved: K1, K2, K7.
        Assert.Equal((6L, 2L, 3L), (s.ComplaintsOpened, s.Unanswered, s.Unresolved));

        // First response 0.5, 1, 2, 6 h: mean 9.5 / 4 = 2.375, median (1 + 2) / 2 = 1.5, p90 (R-7, h = 2.7) = 2 + 0.7 × 4 = 4.8.
        Assert.Equal(2.375, s.FirstResponseTime.MeanHours!.Value, 9);
        Assert.Equal(1.5, s.FirstResponseTime.MedianHours!.Value, 9);
        Assert.Equal(4.8, s.FirstResponseTime.P90Hours!.Value, 9);
        Assert.Equal(Duration.FromMinutes(90), s.FirstResponseTime.Median);

        // Resolution 3, 24, 96 h: median 24, mean 41, p90 (h = 1.8) = 24 + 0.8 × 72 = 81.6.
        Assert.Equal((24.0, 41.0), (s.ResolutionTime.MedianHours!.Value, s.ResolutionTime.MeanHours!.Value));
        Assert.Equal(81.6, s.ResolutionTime.P90Hours!.Value, 9);

        // SLA: met K1; breached K2 (late) and K3 (overdue); pending K4; K5, K7 have no target. Compliance 1 / 3.
        Assert.Equal((1L, 2L, 1L, 2L), (s.SlaMet, s.SlaBreached, s.SlaPending, s.WithoutTarget));
        Assert.Equal(1.0 / 3.0, s.SlaCompliance.Value);

        // Complaint rate: 6 complaints / 3 active customers = 2 (a ratio that may exceed 1; the denominator is named).
        Assert.Equal((6L, 3L, 2.0), (s.ComplaintRate.Numerator, s.ComplaintRate.Denominator, s.ComplaintRate.Value!.Value));

        // Per 1,000 orders: 6 / 5 orders × 1000 = 1200.
        Assert.Equal(1200.0, s.ComplaintsPerThousandOrders.Value);
    }

    [Fact]
    public void Feedback_volumes_match_the_hand_computation()
    {
        var f = Compute(DataSet).Feedback;

        // Survey responses in March: CSAT 4 + 1 skipped, NPS 5, CES 3 = 13.
        Assert.Equal(13, f.SurveyAnswers);
        Assert.Equal(5, f.SurveyAnswersByKind[SurveyKind.Csat]);

        // Complaints 6: phone K1, K3; e-mail K2, K7; chat K5; K4 without channel.
        Assert.Equal(6, f.Complaints);
        Assert.Equal([KeyValuePair.Create(CommunicationChannel.Phone, 2L), KeyValuePair.Create(CommunicationChannel.Email, 2L), KeyValuePair.Create(CommunicationChannel.OnlineChat, 1L)], f.ComplaintsByChannel);
        Assert.Equal(1, f.ComplaintsWithoutChannel);

        // Suggestions 2 (e-mail), praise 1 (phone; the 1 April one is outside). Total 13 + 6 + 2 + 1 = 22.
        Assert.Equal((2L, 1L, 22L), (f.Suggestions, f.Praise, f.Total));
        Assert.Equal(2, f.SuggestionsByChannel[CommunicationChannel.Email]);

        // Handled: 3 resolved by the end of March of 6 opened.
        Assert.Equal(0.5, f.ComplaintsHandled.Value);
    }

    [Fact]
    public void The_experience_index_is_the_weighted_mean_of_its_components()
    {
        var x = Compute(DataSet).Experience;

        // CSAT 50; CES (6 − 1) / 6 × 100 = 83.33; complaints: rate 2 ≥ 1 → 0. Index (50 + 83.33 + 0) / 3 = 44.44.
        Assert.Equal(["CSAT", "CES", "Complaints"], x.Components.Select(c => c.Name));
        Assert.Equal(50.0, x.Components[0].Score.Value!.Value, 12);
        Assert.Equal(500.0 / 6, x.Components[1].Score.Value!.Value, 12);
        Assert.Equal(0.0, x.Components[2].Score.Value!.Value, 12);
        Assert.Equal((50 + (500.0 / 6)) / 3, x.Index.Value!.Value, 9);

        // Weights 2, 1, 0: (2 × 50 + 83.33) / 3 = 61.11 — scaling all weights changes nothing.
        var weighted = Compute(DataSet, options: new CrmMetricsOptions { ExperienceWeights = new() { Csat = 2, Ces = 1, Complaints = 0 } }).Experience;
        var scaled = Compute(DataSet, options: new CrmMetricsOptions { ExperienceWeights = new() { Csat = 20, Ces = 10, Complaints = 0 } }).Experience;
        Assert.Equal((100 + (500.0 / 6)) / 3, weighted.Index.Value!.Value, 9);
        Assert.Equal(weighted.Index.Value!.Value, scaled.Index.Value!.Value, 12);

        // Without surveys only the complaint component is left: the weights renormalise over it.
        var onlyComplaints = Compute(DataSet with { SurveyResponses = [] }).Experience;
        Assert.Equal(0.0, onlyComplaints.Index.Value);
        Assert.Equal("no CSAT answers in the period", onlyComplaints.Components[0].Score.UndefinedReason);
        Assert.Null(Compute(new CrmDataSet()).Experience.Index.Value);
    }

    [Fact]
    public void Cost_benefit_matches_the_hand_computation()
    {
        var c = Compute(DataSet).CostBenefit;

        // Margin 430 − 250 = 180; CRM cost 642.9375; return (180 − 642.9375) / 642.9375 = −0.72.
        Assert.Equal(Eu(180), c.Margin.Value);
        Assert.Equal(Eu(642.9375m), c.CrmCost);
        Assert.Equal(-462.9375 / 642.9375, c.ReturnOnCrmSpend.Value!.Value, 12);
        Assert.Equal("no CRM cost in the period", Compute(DataSet with { Costs = [] }).CostBenefit.ReturnOnCrmSpend.UndefinedReason);
    }

    [Fact]
    public void Records_outside_the_period_are_counted()
    {
        // 1 CSAT answer, 1 purchase (D on 1 April), 1 cost entry (April), 1 complaint (K6), 1 praise (1 April), 1 lead (L5).
        Assert.Equal(6, Compute(DataSet).RecordsOutsidePeriod);
    }

    [Fact]
    public void The_funnel_matches_the_hand_computation()
    {
        var f = Compute(DataSet).Conversion;

        // Cohort: L1, L2, L3, L4, L6 (L5 entered in February).
        Assert.Equal(5, f.Cohort);

        // Reached by 31 March: lead 5; qualified L1, L2 (skipped it on the way to proposal), L3, L6 = 4; proposal L1, L2; won L1, L2.
        Assert.Equal([5L, 4L, 2L, 2L], f.Stages.Select(s => s.Reached));

        // Per stage: 5/5, 4/5 = 0.8, 2/4 = 0.5, 2/2 = 1; end to end 2/5 = 0.4.
        Assert.Equal([1.0, 0.8, 0.5, 1.0], f.Stages.Select(s => s.FromPrevious.Value!.Value));
        Assert.Equal(0.4, f.EndToEnd.Value);

        // Time to convert: L1 18 days, L2 20 days → median 19 days.
        Assert.Equal(Duration.FromDays(19), f.TimeToConvert.Median);
        Assert.Equal(2, f.TimeToConvert.Count);
    }

    [Fact]
    public void The_cohort_matrix_matches_the_hand_computation()
    {
        CustomerId p1 = new("P1"), p2 = new("P2"), p3 = new("P3"), p4 = new("P4"), p6 = new("P6");
        var p5 = Customer.CreatePerson(new CustomerId("P5"), new PersonProfile("Pat"), Utc(2026, 1, 1));
        p5.RecordAcquisition(Utc(2026, 3, 1), "fair");
        var data = new CrmDataSet
        {
            Purchases =
            [
                Purchase.Sale(p1, Utc(2026, 1, 10), Eu(10)), Purchase.Sale(p1, Utc(2026, 2, 5), Eu(10)), Purchase.Sale(p1, Utc(2026, 3, 20), Eu(10)),
                Purchase.Sale(p2, Utc(2026, 1, 20), Eu(10)), Purchase.Sale(p2, Utc(2026, 3, 3), Eu(10)),
                Purchase.Sale(p3, Utc(2026, 1, 31, 23, 30), Eu(10)), Purchase.Sale(p3, Utc(2026, 2, 15), Eu(10)), // 1 Feb 00:30 in Berlin
                Purchase.Sale(p4, Utc(2026, 2, 10), Eu(10)), Purchase.Sale(p4, Utc(2026, 3, 31, 22, 30), Eu(10)),  // 1 Apr in Berlin: after
                Purchase.Sale(p6, Utc(2025, 12, 20), Eu(10)), Purchase.Sale(p6, Utc(2026, 1, 20), Eu(10)),         // acquired in December
            ],
            Customers = [p5],
        };
        var rows = Compute(data, options: new CrmMetricsOptions { CohortMonths = 3 }).Cohorts.Rows;

        // January: P1, P2. Month 0 both; February P1 (1 of 2); March P1 and P2.
        // February: P3 (first sale 1 Feb in Berlin), P4. Month 0 both; March neither; April is in the future: absent.
        // March: P5 (acquired 1 March, no purchase). Month 0: nobody; later months absent.
        Assert.Equal([new YearMonth(2026, 1), new YearMonth(2026, 2), new YearMonth(2026, 3)], rows.Select(r => r.Month));
        Assert.Equal([2L, 2L, 1L], rows.Select(r => r.Size));
        Assert.Equal([1.0, 0.5, 1.0], rows[0].Retention);
        Assert.Equal([1.0, 0.0, null], rows[1].Retention);
        Assert.Equal([0.0, null, null], rows[2].Retention);
        Assert.Equal([0L, null, null], rows[2].Active);
    }

    private sealed class HalfRates : IExchangeRateProvider
    {
        public decimal GetRate(Currency source, Currency target, LocalDate day) => 0.5m;
    }
}
