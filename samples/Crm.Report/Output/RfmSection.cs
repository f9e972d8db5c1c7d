using Crm.Metrics.Segments;
using Crm.Report.Input;
using NodaTime;

namespace Crm.Report.Output;

/// <summary>The report's RFM section: RFM at the period's last day over all history, and value tiers by the same revenue.</summary>
internal sealed record RfmSection(RfmAnalysis Rfm, ValueTierAnalysis? Tiers, RfmClustering? Clusters, IReadOnlyList<(Crm.Domain.Customers.LifecycleStage Stage, int Customers)> Lifecycle)
{
    /// <summary>The report clusters into four groups from a fixed seed, so the same data gives the same clusters.</summary>
    public const int ClusterCount = 4;

    private const int ClusterSeed = 20261122;

    /// <summary>The R × F map with counts, for the chart and the JSON.</summary>
    public IReadOnlyList<RfmCell> Grid { get; } = ChartData.Grid(Rfm);

    /// <summary>The value tiers' Pareto curve; empty without tiers.</summary>
    public IReadOnlyList<CurvePoint> ParetoCurve { get; } = Tiers is null ? [] : ChartData.ParetoCurve(Tiers);

    /// <summary>Every customer with a sale up to the period's end, counted once; null without purchases.</summary>
    public static RfmSection? Build(InputData data, LocalDate periodEnd, DateTimeZone zone)
    {
        if (data.Purchases is not { } purchases)
        {
            return null;
        }

        // The lifecycle replay does not need the scores: it runs beside them.
        var lifecycleTask = Task.Run(() => LifecycleDerivation.Derive(purchases, periodEnd, zone)
            .GroupBy(l => l.Stage)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Count()))
            .ToList());
        var rfm = RfmAnalysis.Compute(purchases, new RfmOptions(periodEnd) { Zone = zone });
        var tiers = rfm.Customers.Any(c => c.Revenue.Amount > 0) ? ValueTierAnalysis.FromRfm(rfm) : null;
        var clusters = rfm.Customers.Count >= ClusterCount ? RfmClustering.Compute(rfm, new ClusterOptions(ClusterCount) { Seed = ClusterSeed }) : null;
        var lifecycle = lifecycleTask.GetAwaiter().GetResult();
        return new RfmSection(rfm, tiers, clusters, lifecycle);
    }
}
