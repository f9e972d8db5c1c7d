namespace Crm.Metrics.Satisfaction;

/// <summary>The satisfaction family of the scorecard: CSAT, NPS and CES over the answers given in the period.</summary>
public sealed class SatisfactionMetrics
{
    internal SatisfactionMetrics(CsatResult csat, NpsResult nps, CesResult ces)
    {
        Csat = csat;
        Nps = nps;
        Ces = ces;
    }

    /// <summary>CSAT.</summary>
    public CsatResult Csat { get; }

    /// <summary>NPS.</summary>
    public NpsResult Nps { get; }

    /// <summary>CES.</summary>
    public CesResult Ces { get; }
}
