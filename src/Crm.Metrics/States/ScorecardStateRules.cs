using System.Globalization;
using Crm.Domain.Activity;
using Crm.Metrics.Conversion;
using Crm.Metrics.Costs;
using Crm.Metrics.Feedback;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using Crm.Metrics.ServiceEfficiency;

namespace Crm.Metrics.States;

/// <summary>
/// The rules a <see cref="ScorecardState"/> from elsewhere must keep before any of it is merged: every count within
/// 0 .. 2⁵³, every sum of non-negative amounts non-negative, every day, month and duration inside the period's layout,
/// and the counts of one family consistent with each other (complaints by channel add up to those opened; a funnel
/// stage is reached by no more leads than the stage before it). A state that
/// <see cref="ScorecardAccumulator.ToState"/> wrote always keeps them; one that breaks one was damaged or tampered
/// with, and is refused whole. The full list is in docs/distributed.md.
/// </summary>
internal static class ScorecardStateRules
{
    /// <summary>
    /// Checks every family of the state against the period's layout; throws on the first field that breaks a rule. The
    /// purchase rows are checked as they are read into the staged accumulator (<see cref="PurchaseAccumulator.ReadState"/>).
    /// </summary>
    /// <param name="state">The state (its version, period, options and funnel already match).</param>
    /// <param name="period">The accumulator's period.</param>
    /// <param name="funnelStages">The stages of the funnel (0 without one).</param>
    public static void Validate(ScorecardState state, ReportingPeriod period, int funnelStages)
    {
        var periodTicks = (period.End - period.Start).BclCompatibleTicks;
        Satisfaction(state.Satisfaction ?? throw StateChecks.Missing("satisfaction"));
        PurchaseStateRules.Validate(state.Purchases ?? throw StateChecks.Missing("purchases"));
        Costs(state.Costs ?? throw StateChecks.Missing("costs"));
        Complaints(state.Complaints ?? throw StateChecks.Missing("complaints"), periodTicks);
        Feedback(state.Feedback ?? throw StateChecks.Missing("feedback"));
        Funnel(state.Funnel ?? throw StateChecks.Missing("funnel"), funnelStages, periodTicks);
    }

    private static void Satisfaction(SatisfactionState state)
    {
        StateChecks.Counts(state.Csat, 5, "satisfaction.csat");
        StateChecks.Counts(state.Nps, 11, "satisfaction.nps");
        StateChecks.Counts(state.Ces, 7, "satisfaction.ces");
        StateChecks.Counts(state.Skipped, 3, "satisfaction.skipped");
        StateChecks.Count(state.OutsidePeriod, "satisfaction.outsidePeriod");
    }

    private static void Costs(CostState state)
    {
        var weighted = state.Weighted ?? throw StateChecks.Missing("costs.weighted");
        var seen = new HashSet<(CostKind, int)>();
        for (var i = 0; i < weighted.Count; i++)
        {
            var entry = weighted[i] ?? throw StateChecks.Missing(StateChecks.At("costs.weighted", i));
            var kind = StateChecks.Name<CostKind>(entry.Kind, StateChecks.At("costs.weighted", i, "kind"));
            if (entry.LengthDays < 1)
            {
                throw StateChecks.Broken(StateChecks.At("costs.weighted", i, "lengthDays"), string.Create(CultureInfo.InvariantCulture, $"is {entry.LengthDays}; an entry lasts at least one day"));
            }

            StateChecks.NonNegative(entry.Sum, StateChecks.At("costs.weighted", i, "sum"));
            if (!seen.Add((kind, entry.LengthDays)))
            {
                throw StateChecks.Broken(StateChecks.At("costs.weighted", i), "repeats the kind and length of an earlier entry; each pair appears once");
            }
        }

        StateChecks.Count(state.OutsidePeriod, "costs.outsidePeriod");
    }

    private static void Complaints(ComplaintState state, long periodTicks)
    {
        var opened = StateChecks.Count(state.Opened, "complaints.opened");
        var byChannel = ChannelCounts<CommunicationChannel>(state.ByChannel, "complaints.byChannel");
        var unknown = StateChecks.Count(state.UnknownChannel, "complaints.unknownChannel");
        if (byChannel + unknown != opened)
        {
            throw StateChecks.Broken("complaints.byChannel", "and complaints.unknownChannel do not add up to complaints.opened; every complaint opened has a channel or none");
        }

        var met = StateChecks.Count(state.Met, "complaints.met");
        var breached = StateChecks.Count(state.Breached, "complaints.breached");
        var pending = StateChecks.Count(state.Pending, "complaints.pending");
        var withoutTarget = StateChecks.Count(state.WithoutTarget, "complaints.withoutTarget");
        if (met + breached + pending + withoutTarget != opened)
        {
            throw StateChecks.Broken("complaints.met", "+ breached + pending + withoutTarget is not complaints.opened; each complaint opened is decided once");
        }

        var responses = StateChecks.Durations(state.FirstResponseTicks, "complaints.firstResponseTicks", periodTicks);
        if (responses.Length > opened)
        {
            throw StateChecks.Broken("complaints.firstResponseTicks", "has more entries than complaints.opened");
        }

        var resolutions = StateChecks.Durations(state.ResolutionTicks, "complaints.resolutionTicks", periodTicks);
        if (resolutions.Length > opened)
        {
            throw StateChecks.Broken("complaints.resolutionTicks", "has more entries than complaints.opened");
        }

        var withoutReply = StateChecks.Count(state.ResolvedWithoutReply, "complaints.resolvedWithoutReply");
        if (withoutReply > resolutions.Length || withoutReply + responses.Length > opened)
        {
            throw StateChecks.Broken("complaints.resolvedWithoutReply", "is more than the resolved complaints, or with the answered ones more than complaints.opened");
        }

        if (met > resolutions.Length)
        {
            throw StateChecks.Broken("complaints.met", "is above the resolved complaints (complaints.resolutionTicks); a complaint meets its target only when resolved");
        }

        StateChecks.Count(state.OutsidePeriod, "complaints.outsidePeriod");
    }

    private static void Feedback(FeedbackState state)
    {
        ChannelCounts<CommunicationChannel>(state.Suggestions, "feedback.suggestions");
        ChannelCounts<CommunicationChannel>(state.Praise, "feedback.praise");
        StateChecks.Count(state.OutsidePeriod, "feedback.outsidePeriod");
    }

    private static void Funnel(FunnelState state, int stages, long periodTicks)
    {
        var cohort = StateChecks.Count(state.Cohort, "funnel.cohort");
        var reached = StateChecks.Counts(state.Reached, stages, "funnel.reached");
        var times = StateChecks.Durations(state.TimesToConvertTicks, "funnel.timesToConvertTicks", periodTicks);
        if (stages == 0 && (cohort != 0 || times.Length != 0))
        {
            throw StateChecks.Broken("funnel.cohort", "is not 0 without a funnel; without stages no lead is counted");
        }

        for (var k = 0; k < stages; k++)
        {
            var before = k == 0 ? cohort : reached[k - 1];
            if (reached[k] > before)
            {
                throw StateChecks.Broken(
                    StateChecks.At("funnel.reached", k),
                    k == 0 ? "is above funnel.cohort; no stage is reached by more leads than entered" : "is above the stage before it; a lead reaching a stage has passed the ones before");
            }
        }

        if (stages > 0 && times.Length != reached[stages - 1])
        {
            throw StateChecks.Broken("funnel.timesToConvertTicks", "does not hold one time per lead that reached the last stage");
        }

        StateChecks.Count(state.OutsidePeriod, "funnel.outsidePeriod");
    }

    /// <summary>Counts by enumeration name: known names, counts within bounds; returns their sum.</summary>
    private static long ChannelCounts<TEnum>(IReadOnlyDictionary<string, long>? counts, string field)
        where TEnum : struct, Enum
    {
        long sum = 0;
        foreach (var (name, count) in counts ?? throw StateChecks.Missing(field))
        {
            StateChecks.Name<TEnum>(name, field);
            sum += StateChecks.Count(count, $"{field}.{name}");
        }

        return sum;
    }
}
