using Crm.Metrics.Storage;

namespace Crm.Metrics.Churn;

/// <summary>
/// The order of a churn warning's customers: by level (High first), then P(alive) (lowest first, none counting as 1),
/// then id (ordinal). Each customer gets one 64-bit key — the level above the bits of P(alive), which order as the
/// numbers do for values in [0, 1] — sorted without comparisons (<see cref="RadixSort"/>); customers of equal keys are
/// then put in the order of their ids (<see cref="IdRuns"/>).
/// </summary>
internal static class ChurnRanking
{
    /// <summary>The risks in their order, as a new array.</summary>
    public static CustomerChurnRisk[] Ranked(CustomerChurnRisk[] risks)
    {
        var keys = new ulong[risks.Length];
        var order = new int[risks.Length];
        for (var i = 0; i < risks.Length; i++)
        {
            var risk = risks[i];
            var level = (ulong)(ChurnRiskLevel.High - risk.Level);
            keys[i] = (level << 62) | (ulong)BitConverter.DoubleToInt64Bits(risk.ProbabilityAlive ?? 1);
            order[i] = i;
        }

        RadixSort.Sort(keys, order);
        IdRuns.OrderTies(keys, order, i => risks[i].CustomerId);
        var ranked = new CustomerChurnRisk[risks.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = risks[order[i]];
        }

        return ranked;
    }
}
