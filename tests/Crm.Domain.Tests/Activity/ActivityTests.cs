using Crm.Domain.Activity;
using Crm.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Activity;

[Properties(Arbitrary = new[] { typeof(CrmArbitraries) })]
public class ActivityTests
{
    private static readonly CustomerId C = new("c1");
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 9, 0);

    [Property]
    public void A_negative_amount_is_always_rejected_naming_the_amount(PositiveInt cents, Currency currency, bool sale)
    {
        var amount = new Money(-cents.Get / 100m, currency);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            sale ? Purchase.Sale(C, T0, amount) : Purchase.Refund(C, T0, amount));
        Assert.Equal("amount", ex.ParamName);
        Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new CostEntry(CostKind.Acquisition, amount, new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 31)))).ParamName);
    }

    [Fact]
    public void A_zero_amount_sale_is_a_valid_purchase()
    {
        var sale = Purchase.Sale(C, T0, Money.Zero(Currency.Usd), SalesChannel.Store);
        Assert.True(sale.IsSale);
        Assert.True(sale.Amount.IsZero);
    }

    [Fact]
    public void A_refund_has_a_negative_signed_amount()
    {
        var refund = Purchase.Refund(C, T0, new Money(12.5m, Currency.Eur), SalesChannel.Online, new Money(4m, Currency.Eur));
        Assert.Equal(PurchaseKind.Refund, refund.Kind);
        Assert.Equal(new Money(-12.5m, Currency.Eur), refund.SignedAmount);
    }

    [Fact]
    public void A_cost_in_another_currency_is_rejected()
    {
        var ex = Assert.Throws<CurrencyMismatchException>(() => Purchase.Sale(C, T0, new Money(10m, Currency.Usd), cost: new Money(5m, Currency.Eur)));
        Assert.Equal("cost", ex.ParamName);
    }

    [Fact]
    public void Purchases_reject_a_default_customer_and_undefined_enums()
    {
        var ten = new Money(10m, Currency.Usd);
        Assert.Equal("customerId", Assert.Throws<ArgumentException>(() => Purchase.Sale(default, T0, ten)).ParamName);
        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => new Purchase(C, T0, (PurchaseKind)7, ten)).ParamName);
        Assert.Equal("channel", Assert.Throws<ArgumentOutOfRangeException>(() => Purchase.Sale(C, T0, ten, (SalesChannel)70)).ParamName);
        Assert.Equal("amount", Assert.Throws<ArgumentException>(() => Purchase.Sale(C, T0, default)).ParamName);
    }

    [Property]
    public bool Survey_answers_are_accepted_exactly_on_their_scale(SurveyResponse template, int score)
    {
        var scale = SurveyScale.For(template.Kind);
        try
        {
            return new SurveyResponse(C, T0, template.Kind, score).Score == score && scale.Contains(score);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return !scale.Contains(score) && ex.ParamName == "score";
        }
    }

    [Fact]
    public void Survey_scales_are_the_published_ones()
    {
        Assert.Equal((1, 5), (SurveyScale.Csat.Minimum, SurveyScale.Csat.Maximum));
        Assert.Equal((0, 10), (SurveyScale.Nps.Minimum, SurveyScale.Nps.Maximum));
        Assert.Equal((1, 7), (SurveyScale.Ces.Minimum, SurveyScale.Ces.Maximum));
        Assert.Equal("score", Assert.Throws<ArgumentOutOfRangeException>(() => new SurveyResponse(C, T0, SurveyKind.Csat, 0)).ParamName);
        Assert.True(new SurveyResponse(C, T0, SurveyKind.Nps, null).IsSkipped);
    }

    [Property]
    public void Complaint_instants_out_of_order_always_throw(PositiveInt before, NonNegativeInt gap)
    {
        var opened = T0;
        var early = opened - Duration.FromSeconds(before.Get);
        Assert.Equal("firstResponseAt", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Complaint(new ComplaintId("k"), C, opened, firstResponseAt: early)).ParamName);

        var answered = opened + Duration.FromSeconds(gap.Get);
        var resolvedTooEarly = answered - Duration.FromSeconds(before.Get);
        Assert.Equal("resolvedAt", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Complaint(new ComplaintId("k"), C, opened, answered, resolvedTooEarly)).ParamName);

        var open = new Complaint(new ComplaintId("k"), C, opened);
        Assert.Equal("at", Assert.Throws<ArgumentOutOfRangeException>(() => open.WithResolution(early)).ParamName);
        Assert.Equal("at", Assert.Throws<ArgumentOutOfRangeException>(() => open.WithFirstResponse(early)).ParamName);
    }

    [Property]
    public bool Generated_complaints_keep_their_instants_in_order(Complaint complaint) =>
        (complaint.FirstResponseAt is null || complaint.FirstResponseAt >= complaint.OpenedAt)
        && (complaint.ResolvedAt is null || (complaint.ResolvedAt >= complaint.OpenedAt && (complaint.FirstResponseAt is not { } f || complaint.ResolvedAt >= f)));

    [Fact]
    public void A_complaint_may_be_resolved_without_a_reply_but_not_before_its_opening()
    {
        var closed = new Complaint(new ComplaintId("k"), C, T0, resolvedAt: T0 + Duration.FromHours(3));
        Assert.True(closed.IsResolvedWithoutReply);
        Assert.Null(closed.FirstResponseTime);
        Assert.False(new Complaint(new ComplaintId("k"), C, T0, T0 + Duration.FromHours(1), T0 + Duration.FromHours(3)).IsResolvedWithoutReply);
        Assert.Equal("resolvedAt", Assert.Throws<ArgumentOutOfRangeException>(() => new Complaint(new ComplaintId("k"), C, T0, resolvedAt: T0 - Duration.FromHours(1))).ParamName);
    }

    [Fact]
    public void Resolving_an_unanswered_case_invents_no_first_response()
    {
        var resolved = new Complaint(new ComplaintId("k"), C, T0, targetResolutionTime: Duration.FromHours(24)).WithResolution(T0 + Duration.FromHours(5));
        Assert.Null(resolved.FirstResponseAt);
        Assert.True(resolved.IsResolvedWithoutReply);
        Assert.Equal(Duration.FromHours(5), resolved.ResolutionTime);
        Assert.Equal(T0 + Duration.FromHours(24), resolved.ResolutionDeadline);
        Assert.True(resolved.IsResolved);
    }

    [Fact]
    public void A_complaint_target_must_be_positive()
    {
        Assert.Equal("targetResolutionTime", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Complaint(new ComplaintId("k"), C, T0, targetResolutionTime: Duration.Zero)).ParamName);
    }

    [Fact]
    public void Feedback_ToString_hides_the_text()
    {
        var feedback = new Feedback(C, T0, FeedbackKind.Suggestion, CommunicationChannel.Email, "My neighbour Bob says hi");
        Assert.DoesNotContain("Bob", feedback.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_entries_cover_inclusive_iso_dates()
    {
        var entry = new CostEntry(CostKind.Retention, new Money(310m, Currency.Usd), new DateInterval(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31)), "email", "spring");
        Assert.Equal(31, entry.Period.Length);
        Assert.Equal("period", Assert.Throws<ArgumentException>(() =>
            new CostEntry(CostKind.Other, new Money(1m, Currency.Usd), new DateInterval(new LocalDate(2026, 1, 1, CalendarSystem.Gregorian), new LocalDate(2026, 1, 2, CalendarSystem.Gregorian)))).ParamName);
    }

    [Fact]
    public void A_lead_reaches_each_stage_once_and_is_ordered_by_instant()
    {
        var lead = new Lead(new LeadId("L1"), [new LeadStageReached("won", T0 + Duration.FromDays(9)), new LeadStageReached("lead", T0)], new CustomerId("c7"));
        Assert.Equal(["lead", "won"], lead.Stages.Select(s => s.Stage));
        Assert.Equal(T0, lead.FirstReachedAt);
        Assert.Null(lead.ReachedAt("qualified"));

        Assert.Equal("stages", Assert.Throws<ArgumentException>(() =>
            new Lead(new LeadId("L2"), [new LeadStageReached("lead", T0), new LeadStageReached("lead", T0 + Duration.FromDays(1))])).ParamName);
        Assert.Equal("stages", Assert.Throws<ArgumentException>(() => new Lead(new LeadId("L3"), [])).ParamName);
        Assert.Equal("stages", Assert.Throws<ArgumentException>(() => new Lead(new LeadId("L4"), [default(LeadStageReached)])).ParamName);
    }

    [Fact]
    public void Leads_with_the_same_content_are_equal()
    {
        Lead Make() => new(new LeadId("L1"), [new LeadStageReached("lead", T0), new LeadStageReached("won", T0 + Duration.FromDays(2))]);
        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
    }

    [Fact]
    public void A_funnel_is_the_callers_ordered_stages()
    {
        var funnel = new Funnel(["注册", "联系", "成交"]);
        Assert.Equal("注册", funnel.FirstStage);
        Assert.Equal("成交", funnel.LastStage);
        Assert.Equal(1, funnel.IndexOf("联系"));
        Assert.Equal(-1, funnel.IndexOf("unknown"));

        Assert.Equal("stages", Assert.Throws<ArgumentException>(() => new Funnel(["only"])).ParamName);
        Assert.Equal("stages", Assert.Throws<ArgumentException>(() => new Funnel(["a", "b", "a"])).ParamName);

        var stray = new Lead(new LeadId("L1"), [new LeadStageReached("demo", T0)]);
        var ex = Assert.Throws<ArgumentException>(() => funnel.Validate(stray));
        Assert.Contains("\"demo\"", ex.Message, StringComparison.Ordinal);
    }

    [Property]
    public bool Generated_leads_fit_the_generated_funnel(Lead lead)
    {
        CrmGen.Funnel.Validate(lead);
        return lead.Stages.Zip(lead.Stages.Skip(1)).All(p => p.First.At <= p.Second.At);
    }

    [Fact]
    public void Interactions_reject_undefined_channels()
    {
        Assert.Equal("channel", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Interaction(C, T0, (CommunicationChannel)100, InteractionDirection.Inbound, InteractionPurpose.Care)).ParamName);
        var care = new Interaction(C, T0, CommunicationChannel.SocialMedia, InteractionDirection.Outbound, InteractionPurpose.Care);
        Assert.Equal(InteractionPurpose.Care, care.Purpose);
    }

    [Fact]
    public void Every_arbitrary_generates_values()
    {
        // Guards the generators themselves: a broken generator would make every property vacuous.
        Assert.Equal(20, CrmGen.Purchase.Sample(20).Length);
        Assert.Contains(CrmGen.Complaint.Sample(200), c => c.IsResolved);
        Assert.Contains(CrmGen.Complaint.Sample(200), c => !c.IsAnswered);
        Assert.Contains(CrmGen.Customer.Sample(50), c => c.LifecycleHistory.Count > 2);
    }
}
