using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Domain.Activity;
using Crm.Metrics.Results;

namespace Crm.Metrics.Conversion;

/// <summary>
/// The conversion family: the cohort of leads that entered the caller's funnel in the
/// period (their earliest recorded stage falls in it), read as of the period's end. A lead counts once per stage
/// and may skip stages: a lead that reached a later stage has passed the earlier ones. Undefined without a funnel
/// (<see cref="ScorecardSettings.Funnel"/>).
/// </summary>
public sealed class FunnelMetrics
{
    // How a JSON document is read back: the figures as written, one stage per stage of the funnel.
    [JsonConstructor]
    internal FunnelMetrics(Funnel? funnel, long cohort, IReadOnlyList<FunnelStage> stages, Rate endToEnd, DurationDistribution timeToConvert)
    {
        ReadBack.Present(stages, nameof(stages));
        if (stages.Count != (funnel?.Stages.Count ?? 0))
        {
            throw new ArgumentException("The funnel's results have one stage per stage of the funnel.", nameof(stages));
        }

        for (var k = 0; k < stages.Count; k++)
        {
            if (ReadBack.Present(stages[k], nameof(stages)).Name != funnel!.Stages[k])
            {
                throw new ArgumentException("The funnel's results name its stages in the funnel's order.", nameof(stages));
            }
        }

        Funnel = funnel;
        Cohort = ReadBack.Count(cohort, nameof(cohort));
        Stages = stages;
        EndToEnd = endToEnd;
        TimeToConvert = timeToConvert;
    }

    internal FunnelMetrics(Funnel? funnel, long[] reached, long cohort, List<Duration> timesToConvert, bool supplied)
    {
        var noCohort = supplied ? "no leads entered the funnel in the period" : FunnelAccumulator.NotSupplied;
        Funnel = funnel;
        Cohort = cohort;
        var stages = new List<FunnelStage>();
        if (funnel is not null)
        {
            for (var k = 0; k < funnel.Stages.Count; k++)
            {
                var previous = k == 0 ? cohort : reached[k - 1];
                stages.Add(new FunnelStage(funnel.Stages[k], reached[k], new Rate(reached[k], previous, k == 0 ? noCohort : $"no lead of the cohort reached {funnel.Stages[k - 1]}")));
            }
        }

        Stages = stages;
        EndToEnd = funnel is null
            ? new Rate(0, 0, "no funnel stages were given")
            : new Rate(reached[^1], cohort, noCohort);
        TimeToConvert = DurationDistribution.Of(timesToConvert);
    }

    /// <summary>The funnel, or <c>null</c> when none was given.</summary>
    public Funnel? Funnel { get; }

    /// <summary>Leads that entered the funnel in the period.</summary>
    public long Cohort { get; }

    /// <summary>The stages in funnel order.</summary>
    public IReadOnlyList<FunnelStage> Stages { get; }

    /// <summary>End-to-end conversion: of the cohort, the share that reached the last stage by the period's end, 0..1.</summary>
    public Rate EndToEnd { get; }

    /// <summary>From entering the funnel to reaching its last stage, over the converted leads of the cohort.</summary>
    public DurationDistribution TimeToConvert { get; }
}
