using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Satisfaction;

/// <summary>The satisfaction family of the scorecard: CSAT, NPS and CES over the answers given in the period.</summary>
public sealed class SatisfactionMetrics
{
    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
    internal SatisfactionMetrics(CsatResult csat, NpsResult nps, CesResult ces)
    {
        Csat = ReadBack.Present(csat, nameof(csat));
        Nps = ReadBack.Present(nps, nameof(nps));
        Ces = ReadBack.Present(ces, nameof(ces));
    }

    /// <summary>CSAT.</summary>
    public CsatResult Csat { get; }

    /// <summary>NPS.</summary>
    public NpsResult Nps { get; }

    /// <summary>CES.</summary>
    public CesResult Ces { get; }
}
