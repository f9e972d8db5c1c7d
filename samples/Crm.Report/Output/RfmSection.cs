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

    /// <summary>
    /// Each cluster named by its centroid against the mean customer (the customer-weighted mean of the centroids):
    /// "recent" or "lapsed", "frequent" or "occasional", "high spend" or "low spend" — "recent · frequent · high spend".
    /// Two clusters on the same side of every mean share words, so the second gets " (2)", by spend.
    /// </summary>
    public IReadOnlyDictionary<int, string> ClusterNames { get; } = NameClusters(Clusters);

    /// <summary>A lifecycle stage in words: "at risk", not the enumeration's name.</summary>
    public static string StageName(Crm.Domain.Customers.LifecycleStage stage) => stage switch
    {
        Crm.Domain.Customers.LifecycleStage.AtRisk => "at risk",
        _ => stage.ToString().ToLowerInvariant(),
    };

    private static Dictionary<int, string> NameClusters(RfmClustering? clustering)
    {
        var names = new Dictionary<int, string>();
        if (clustering is null)
        {
            return names;
        }

        var filled = clustering.Clusters.Where(c => c.Customers > 0 && c.Recency is not null && c.Frequency is not null && c.Monetary is not null).ToList();
        double Mean(Func<RfmCluster, double> of) => filled.Sum(c => of(c) * c.Customers) / Math.Max(1, filled.Sum(c => c.Customers));
        var (r, f, m) = (Mean(c => c.Recency!.Value), Mean(c => c.Frequency!.Value), Mean(c => c.Monetary!.Value));
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in clustering.Clusters.OrderByDescending(c => c.Monetary * c.Frequency))
        {
            if (!filled.Contains(c))
            {
                names[c.Index] = "empty";
                continue;
            }

            var name = $"{(c.Recency <= r ? "recent" : "lapsed")} · {(c.Frequency >= f ? "frequent" : "occasional")} · {(c.Monetary >= m ? "high spend" : "low spend")}";
            used[name] = used.GetValueOrDefault(name) + 1;
            names[c.Index] = used[name] == 1 ? name : $"{name} ({used[name]})";
        }

        return names;
    }

    /// <summary>RFM of every customer with a sale up to the period's end, with tiers, clusters and lifecycle stages; null without purchases.</summary>
    public static RfmSection? Build(RfmAnalysis? rfm, IReadOnlyList<DerivedLifecycle>? lifecycles)
    {
        if (rfm is null || lifecycles is null)
        {
            return null;
        }

        var stages = LifecycleDerivation.CountByStage(lifecycles)
            .OrderBy(stage => stage.Key)
            .Select(stage => (stage.Key, stage.Value))
            .ToList();
        // Some revenue: a segment's is its customers' sales, none negative (read without making the customers).
        var tiers = rfm.Segments.Any(s => s.Revenue.Amount > 0) ? ValueTierAnalysis.FromRfm(rfm) : null;
        var clusters = rfm.Customers.Count >= ClusterCount ? RfmClustering.Compute(rfm, new ClusterOptions(ClusterCount) { Seed = ClusterSeed }) : null;
        return new RfmSection(rfm, tiers, clusters, stages);
    }
}
