using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Metrics.Results;

namespace Crm.Metrics.Conversion;

/// <summary>One stage of the funnel: how many leads of the cohort reached it, and the rate from the stage before.</summary>
public sealed class FunnelStage
{
    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
    internal FunnelStage(string name, long reached, Rate fromPrevious)
    {
        Name = ReadBack.Present(name, nameof(name));
        Reached = ReadBack.Count(reached, nameof(reached));
        FromPrevious = fromPrevious;
    }

    /// <summary>The stage name.</summary>
    public string Name { get; }

    /// <summary>Leads of the cohort that reached this stage (or a later one) by the period's end.</summary>
    public long Reached { get; }

    /// <summary>Reached this stage / reached the previous one, 0..1; for the first stage, reached / cohort (1 when defined).</summary>
    public Rate FromPrevious { get; }
}
