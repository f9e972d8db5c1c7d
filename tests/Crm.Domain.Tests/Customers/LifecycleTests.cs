using Crm.Domain.Customers;
using Crm.Testing;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Customers;

public class LifecycleTests
{
    // SPEC.md §3, written out independently of the production table.
    private static readonly HashSet<(LifecycleStage, LifecycleStage)> Spec =
    [
        (LifecycleStage.Prospect, LifecycleStage.New),
        (LifecycleStage.New, LifecycleStage.Growing), (LifecycleStage.New, LifecycleStage.AtRisk), (LifecycleStage.New, LifecycleStage.Churned),
        (LifecycleStage.Growing, LifecycleStage.Mature), (LifecycleStage.Growing, LifecycleStage.AtRisk), (LifecycleStage.Growing, LifecycleStage.Churned),
        (LifecycleStage.Mature, LifecycleStage.AtRisk), (LifecycleStage.Mature, LifecycleStage.Churned),
        (LifecycleStage.AtRisk, LifecycleStage.Growing), (LifecycleStage.AtRisk, LifecycleStage.Mature), (LifecycleStage.AtRisk, LifecycleStage.Churned),
        (LifecycleStage.Churned, LifecycleStage.Reactivated),
        (LifecycleStage.Reactivated, LifecycleStage.Growing), (LifecycleStage.Reactivated, LifecycleStage.AtRisk), (LifecycleStage.Reactivated, LifecycleStage.Churned),
    ];

    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);

    public static TheoryData<LifecycleStage, LifecycleStage> AllPairs()
    {
        var data = new TheoryData<LifecycleStage, LifecycleStage>();
        foreach (var from in Enum.GetValues<LifecycleStage>())
        {
            foreach (var to in Enum.GetValues<LifecycleStage>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Only_the_transitions_of_the_spec_are_accepted(LifecycleStage from, LifecycleStage to)
    {
        var customer = CustomerIn(from);
        var allowed = Spec.Contains((from, to));

        Assert.Equal(allowed, LifecycleRules.CanMove(from, to));
        if (allowed)
        {
            customer.MoveTo(to, T0 + Duration.FromDays(100), "test");
            Assert.Equal(to, customer.Stage);
            Assert.Equal(new LifecycleTransition(from, to, T0 + Duration.FromDays(100), "test"), customer.LifecycleHistory[^1]);
        }
        else
        {
            var before = customer.LifecycleHistory.Count;
            var ex = Assert.Throws<InvalidLifecycleTransitionException>(() => customer.MoveTo(to, T0 + Duration.FromDays(100), "test"));
            Assert.Equal(from, ex.From);
            Assert.Equal(to, ex.To);
            Assert.Contains(from.ToString(), ex.Message, StringComparison.Ordinal);
            Assert.Equal(before, customer.LifecycleHistory.Count);
            Assert.Equal(from, customer.Stage);
        }
    }

    [Fact]
    public void Nothing_returns_to_prospect_and_no_stage_moves_to_itself()
    {
        foreach (var stage in Enum.GetValues<LifecycleStage>())
        {
            Assert.DoesNotContain(LifecycleStage.Prospect, LifecycleRules.AllowedTargets(stage));
            Assert.DoesNotContain(stage, LifecycleRules.AllowedTargets(stage));
        }
    }

    [Fact]
    public void The_shared_transition_table_cannot_be_changed_through_what_it_returns()
    {
        var targets = (IList<LifecycleStage>)LifecycleRules.AllowedTargets(LifecycleStage.Churned);
        Assert.Throws<NotSupportedException>(() => targets[0] = LifecycleStage.Mature);
        Assert.False(LifecycleRules.CanMove(LifecycleStage.Churned, LifecycleStage.Mature));

        var customer = CustomerIn(LifecycleStage.New);
        Assert.Throws<NotSupportedException>(() => ((IList<LifecycleTransition>)customer.LifecycleHistory).Clear());
        Assert.Equal(2, customer.LifecycleHistory.Count);
    }

    [Fact]
    public void The_message_of_an_illegal_transition_lists_what_is_allowed()
    {
        var customer = CustomerIn(LifecycleStage.Churned);
        var ex = Assert.Throws<InvalidLifecycleTransitionException>(() => customer.MoveTo(LifecycleStage.Mature, T0 + Duration.FromDays(100), "won back"));
        Assert.Equal("Customer c1 cannot move from Churned to Mature. From Churned it may move to: Reactivated.", ex.Message);
    }

    [Fact]
    public void History_is_append_only_in_time_order()
    {
        var customer = CustomerIn(LifecycleStage.New);
        var ex = Assert.Throws<DomainException>(() => customer.MoveTo(LifecycleStage.Growing, T0 - Duration.FromDays(1), "late"));
        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);

        customer.MoveTo(LifecycleStage.Growing, customer.LifecycleHistory[^1].At, "same instant is fine");
        Assert.Equal(LifecycleStage.Growing, customer.Stage);
    }

    [Fact]
    public void Undefined_stages_are_rejected_with_the_parameter_name()
    {
        Assert.Equal("from", Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleRules.CanMove((LifecycleStage)42, LifecycleStage.New)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleRules.CanMove(LifecycleStage.New, (LifecycleStage)(-1))).ParamName);
    }

    [Property(Arbitrary = new[] { typeof(CrmArbitraries) })]
    public bool Every_recorded_history_follows_the_table(Customer customer)
    {
        var history = customer.LifecycleHistory;
        for (var i = 1; i < history.Count; i++)
        {
            if (history[i].From != history[i - 1].To || !Spec.Contains((history[i - 1].To, history[i].To)) || history[i].At < history[i - 1].At)
            {
                return false;
            }
        }

        return history[0].From is null && customer.Stage == history[^1].To;
    }

    // Reaches `stage` through legal moves, one day apart.
    private static Customer CustomerIn(LifecycleStage stage)
    {
        var path = stage switch
        {
            LifecycleStage.Prospect => Array.Empty<LifecycleStage>(),
            LifecycleStage.New => [LifecycleStage.New],
            LifecycleStage.Growing => [LifecycleStage.New, LifecycleStage.Growing],
            LifecycleStage.Mature => [LifecycleStage.New, LifecycleStage.Growing, LifecycleStage.Mature],
            LifecycleStage.AtRisk => [LifecycleStage.New, LifecycleStage.AtRisk],
            LifecycleStage.Churned => [LifecycleStage.New, LifecycleStage.Churned],
            _ => [LifecycleStage.New, LifecycleStage.Churned, LifecycleStage.Reactivated],
        };
        var customer = Customer.CreatePerson(new CustomerId("c1"), new PersonProfile("Ada"), T0);
        var at = T0;
        foreach (var step in path)
        {
            at += Duration.FromDays(1);
            customer.MoveTo(step, at, "setup");
        }

        return customer;
    }
}
