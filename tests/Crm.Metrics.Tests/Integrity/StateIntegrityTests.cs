using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Segments;
using Crm.Metrics.States;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Integrity;

/// <summary>
/// A state from elsewhere is untrusted input: every field is checked before anything changes, a refusal names the
/// field by its JSON path, and every merge — state or accumulator — is all or nothing.
/// </summary>
public class StateIntegrityTests
{
    private static readonly ReportingPeriod Period = ReportingPeriod.Month(2020, 1, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur, Funnel = Crm.Testing.CrmGen.Funnel };
    private static readonly SummaryOptions Summary = new(new LocalDate(2020, 1, 15)) { HoldoutEnd = new LocalDate(2020, 2, 10), Zone = Period.Zone };
    private static readonly RfmOptions Rfm = new(new LocalDate(2020, 1, 31)) { Zone = Period.Zone, LookBackDays = 60 };

    private static Instant At(int day, int hour = 12) => Instant.FromUtc(2020, 1, day, hour, 0);

    private static Money Eur(decimal amount) => new(amount, Currency.Eur);

    /// <summary>Every kind of record, in and around January 2020: each state field has a value to tamper with.</summary>
    internal static CrmDataSet Rich { get; } = new()
    {
        Purchases =
        [
            Purchase.Sale(new CustomerId("a"), At(5), Eur(100), cost: Eur(60)),
            Purchase.Sale(new CustomerId("a"), Instant.FromUtc(2019, 12, 20, 12, 0), Eur(40), cost: Eur(10)),
            Purchase.Sale(new CustomerId("b"), At(7), Eur(30)),
            Purchase.Sale(new CustomerId("b"), At(9), Eur(35)),
            Purchase.Refund(new CustomerId("b"), At(10), Eur(5)),
            Purchase.Sale(new CustomerId("c"), Instant.FromUtc(2019, 11, 3, 12, 0), Eur(70)),
            Purchase.Sale(new CustomerId("c"), Instant.FromUtc(2020, 3, 3, 12, 0), Eur(70)),
        ],
        SurveyResponses = [new(new CustomerId("a"), At(6), SurveyKind.Nps, 10), new(new CustomerId("b"), At(8), SurveyKind.Csat, 4), new(new CustomerId("b"), At(8), SurveyKind.Ces, 2)],
        Costs = [new(CostKind.Acquisition, Eur(310), new DateInterval(new LocalDate(2020, 1, 1), new LocalDate(2020, 1, 31)))],
        Complaints =
        [
            new(new ComplaintId("K1"), new CustomerId("b"), At(11), At(11, 14), At(12), Duration.FromHours(48), channel: CommunicationChannel.Phone),
            new(new ComplaintId("K2"), new CustomerId("a"), At(20)),
        ],
        Feedback = [new(new CustomerId("a"), At(21), FeedbackKind.Praise, CommunicationChannel.Email)],
        Leads =
        [
            new(new LeadId("L1"), [new("lead", At(2)), new("qualified", At(3)), new("proposal", At(4)), new("won", At(6))], new CustomerId("a")),
            new(new LeadId("L2"), [new("lead", At(2))]),
        ],
    };

    private static ScorecardAccumulator Fill(CrmDataSet data)
    {
        var accumulator = new ScorecardAccumulator(Period, Settings);
        accumulator.AddRange(data);
        return accumulator;
    }

    private static string Json(ScorecardAccumulator accumulator) => JsonSerializer.Serialize(accumulator.ToState(), CrmStateJson.ScorecardState);

    private static void RefusedByName(ScorecardAccumulator target, ScorecardState state, string path) =>
        AllRefused([(path, state)], target.Merge, () => Json(target));

    [Fact]
    public void The_reproductions_are_refused_by_field_path_and_leave_the_target_as_it_was()
    {
        var target = Fill(Rich);
        var good = Fill(Rich).ToState();
        var rows = good.Purchases.Customers;
        var a = rows.Select((r, i) => (r, i)).First(x => x.r.Id == "a").i;
        ScorecardState Row(int i, Func<CustomerPurchaseState, CustomerPurchaseState> change) =>
            good with { Purchases = good.Purchases with { Customers = [.. rows.Select((r, k) => k == i ? change(r) : r)] } };

        // Revenue −1000 EUR once merged.
        RefusedByName(target, Row(a, r => r with { PeriodSalesAmount = -1000m }), $"purchases.customers[{a}].periodSalesAmount");

        // CAC −16.13 EUR once merged.
        RefusedByName(target, good with { Costs = good.Costs with { Weighted = [good.Costs.Weighted[0] with { Sum = -500m }] } }, "costs.weighted[0].sum");

        // An end-to-end conversion of 1.67 once merged.
        RefusedByName(target, good with { Funnel = good.Funnel with { Reached = [5, 5, 5, 5], TimesToConvertTicks = [1, 1, 1, 1, 1] } }, "funnel.reached[0]");

        // More complaints met than decided.
        RefusedByName(target, good with { Complaints = good.Complaints with { Met = good.Complaints.Opened + 3 } }, "complaints.met");

        // A negative count of sales hidden in a row without a period record.
        var c = rows.Select((r, i) => (r, i)).First(x => x.r.Id == "c").i;
        RefusedByName(target, Row(c, r => r with { PeriodSales = -7 }), $"purchases.customers[{c}].hasPeriodRecord");

        // The untampered state still merges, and counts once more.
        target.Merge(good);
        Assert.Equal(2, target.Result(Now).Satisfaction.Nps.Promoters);
    }

    [Fact]
    public void Every_numeric_field_of_the_rich_state_has_a_tampered_case()
    {
        var cases = StateTampering.Of(Fill(Rich).ToState(), Period.LengthInDays).ToList();
        Assert.True(cases.Count >= 100, $"{cases.Count} cases");
        foreach (var field in new[] { "periodSalesAmount", "periodRefundAmount", "periodSales", "firstSaleDay", "saleMonths", "costs.weighted[0].sum", "complaints.resolutionTicks[0]", "funnel.timesToConvertTicks[0]" })
        {
            Assert.Contains(cases, c => c.Path.EndsWith(field, StringComparison.Ordinal));
        }
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 20)]
    public void Every_tampered_field_of_a_scorecard_state_is_refused_by_name_and_changes_nothing((CrmDataSet Data, int[] Parts) input)
    {
        var target = Fill(Rich);
        var good = Fill(input.Data).ToState();
        foreach (var (path, state) in StateTampering.Of(good, Period.LengthInDays).Concat(StateTampering.Of(Fill(Rich).ToState(), Period.LengthInDays)))
        {
            RefusedByName(target, state, path);
        }

        target.Merge(good);
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 20)]
    public void Every_tampered_field_of_a_summary_or_rfm_state_is_refused_by_name_and_changes_nothing((CrmDataSet Data, int[] Parts) input)
    {
        var purchases = input.Data.Purchases!.Concat(Rich.Purchases!).ToList();
        using var summary = new CustomerBaseSummaryAccumulator(Summary);
        summary.AddRange(Rich.Purchases!);
        using var shard = new CustomerBaseSummaryAccumulator(Summary);
        shard.AddRange(purchases);
        AllRefused(StateTampering.Of(shard.ToState()), summary.Merge, () => JsonSerializer.Serialize(summary.ToState(), CrmStateJson.CustomerBaseSummaryState));

        using var rfm = new RfmAccumulator(Rfm);
        rfm.AddRange(Rich.Purchases!);
        using var rfmShard = new RfmAccumulator(Rfm);
        rfmShard.AddRange(purchases);
        AllRefused(StateTampering.Of(rfmShard.ToState()), rfm.Merge, () => JsonSerializer.Serialize(rfm.ToState(), CrmStateJson.RfmState));
    }

    /// <summary>Each tampered state refused by its path, the target's serialised state unchanged.</summary>
    private static void AllRefused<TState>(IEnumerable<(string Path, TState State)> cases, Action<TState> merge, Func<string> serialised)
    {
        var before = serialised();
        foreach (var (path, state) in cases)
        {
            var error = Assert.Throws<ArgumentException>(() => merge(state));
            Assert.Equal("state", error.ParamName);
            Assert.Contains($"The state's {path} ", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, serialised());
        }
    }

    [Fact]
    public void A_summary_state_whose_first_day_is_not_a_date_is_refused()
    {
        using var target = new CustomerBaseSummaryAccumulator(Summary);
        var state = new CustomerBaseSummaryState
        {
            CalibrationEnd = "2020-01-15",
            HoldoutEnd = "2020-02-10",
            Zone = Period.Zone.Id,
            TimeUnit = "Weeks",
            Customers = [new CustomerDaysState { Id = "x", FirstDay = int.MinValue, Days = [] }],
        };
        var error = Assert.Throws<ArgumentException>("state", () => target.Merge(state));
        Assert.Contains("customers[0].firstDay", error.Message, StringComparison.Ordinal);
        Assert.Empty(target.Result().Customers);
    }

    /// <summary>Two accumulators of 200 ordinary customers and one whose sales are just over half the decimal range.</summary>
    private static (ScorecardAccumulator Target, ScorecardAccumulator Other) NearTheLimit()
    {
        var half = (decimal.MaxValue / 2) + 1;
        ScorecardAccumulator Make()
        {
            var accumulator = new ScorecardAccumulator(Period, Settings);
            for (var i = 0; i < 200; i++)
            {
                accumulator.Add(Purchase.Sale(new CustomerId($"c{i}"), At(1 + (i % 28)), Eur(10 + i)));
            }

            accumulator.Add(Purchase.Sale(new CustomerId("big"), At(15), Eur(half)));
            return accumulator;
        }

        return (Make(), Make());
    }

    [Fact]
    public void A_merge_that_would_overflow_is_an_amount_overflow_and_leaves_the_target_exactly_as_it_was()
    {
        var (target, other) = NearTheLimit();
        var before = Json(target);

        var error = Assert.Throws<AmountOverflowException>(() => target.Merge(other.ToState()));
        Assert.Equal(Currency.Eur, error.Currency);
        Assert.Equal(before, Json(target));

        Assert.Throws<AmountOverflowException>(() => target.Merge(other));
        Assert.Equal(before, Json(target));

        // The families alone are all or nothing too.
        var costs = new Costs.CostAccumulator(Period, Currency.Eur);
        var otherCosts = new Costs.CostAccumulator(Period, Currency.Eur);
        var month = new DateInterval(new LocalDate(2020, 1, 1), new LocalDate(2020, 1, 1));
        costs.Add(new CostEntry(CostKind.Acquisition, Eur(decimal.MaxValue), month));
        otherCosts.Add(new CostEntry(CostKind.Acquisition, Eur(decimal.MaxValue), month));
        Assert.Throws<AmountOverflowException>(() => costs.Merge(otherCosts));
        Assert.Equal(decimal.MaxValue, costs.Result(Currency.Eur).Acquisition.Amount);

        // Counts stay within 2^53 when merged.
        var satisfaction = Fill(Rich);
        var many = satisfaction.ToState() with { Satisfaction = satisfaction.ToState().Satisfaction with { OutsidePeriod = 1L << 53 } };
        var once = Fill(Rich);
        once.Merge(many);
        var beforeCounts = Json(once);
        Assert.Throws<ArgumentException>("other", () => once.Merge(many));
        Assert.Equal(beforeCounts, Json(once));
    }

    [Fact]
    public void Summary_and_rfm_merges_that_would_overflow_change_nothing()
    {
        var half = (decimal.MaxValue / 2) + 1;
        Purchase Big(string id) => Purchase.Sale(new CustomerId(id), At(10), Eur(half));
        using var summary = new CustomerBaseSummaryAccumulator(Summary);
        using var otherSummary = new CustomerBaseSummaryAccumulator(Summary);
        summary.AddRange([Big("x"), Purchase.Sale(new CustomerId("y"), At(3), Eur(5))]);
        otherSummary.AddRange([Big("x"), Purchase.Sale(new CustomerId("z"), At(4), Eur(7))]);
        var before = JsonSerializer.Serialize(summary.ToState(), CrmStateJson.CustomerBaseSummaryState);
        Assert.Throws<AmountOverflowException>(() => summary.Merge(otherSummary));
        Assert.Throws<AmountOverflowException>(() => summary.Merge(otherSummary.ToState()));
        Assert.Equal(before, JsonSerializer.Serialize(summary.ToState(), CrmStateJson.CustomerBaseSummaryState));

        // A sale that overflows its customer's totals is refused whole.
        Assert.Throws<AmountOverflowException>(() => summary.Add(Big("x")));
        Assert.Equal(before, JsonSerializer.Serialize(summary.ToState(), CrmStateJson.CustomerBaseSummaryState));

        using var rfm = new RfmAccumulator(Rfm);
        using var otherRfm = new RfmAccumulator(Rfm);
        rfm.Add(Big("x"));
        otherRfm.Add(Big("x"));
        var rfmBefore = JsonSerializer.Serialize(rfm.ToState(), CrmStateJson.RfmState);
        Assert.Throws<AmountOverflowException>(() => rfm.Merge(otherRfm));
        Assert.Throws<AmountOverflowException>(() => rfm.Merge(otherRfm.ToState()));
        Assert.Throws<AmountOverflowException>(() => rfm.Add(Big("x")));
        Assert.Equal(rfmBefore, JsonSerializer.Serialize(rfm.ToState(), CrmStateJson.RfmState));
    }
}
