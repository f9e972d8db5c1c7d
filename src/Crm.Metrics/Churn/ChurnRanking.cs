using Crm.Metrics.Internal;

namespace Crm.Metrics.Churn;

/// <summary>
/// The order of a churn warning's customers: by level (High first), then P(alive) (lowest first, none counting as 1),
/// then id (ordinal). Each customer gets one sort key — the level above the bits of P(alive), which order as the
/// numbers do for values in [0, 1], then the id's packed first units (<see cref="IdOrder"/>) — so that most
/// comparisons read no string.
/// </summary>
internal static class ChurnRanking
{
    /// <summary>The risks in their order, as a new array.</summary>
    public static CustomerChurnRisk[] Ranked(CustomerChurnRisk[] risks)
    {
        var keys = new Key[risks.Length];
        for (var i = 0; i < risks.Length; i++)
        {
            var risk = risks[i];
            var level = (ulong)(ChurnRiskLevel.High - risk.Level);
            keys[i] = new Key((level << 62) | (ulong)BitConverter.DoubleToInt64Bits(risk.ProbabilityAlive ?? 1), new IdOrder(risk.CustomerId), i);
        }

        keys.AsSpan().Sort(new ByKey(risks));
        var ranked = new CustomerChurnRisk[risks.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = risks[keys[i].Index];
        }

        return ranked;
    }

    /// <summary>A customer's sort key and place in the unsorted risks.</summary>
    private readonly record struct Key(ulong Rank, IdOrder Id, int Index);

    /// <summary>Orders keys by rank, then id.</summary>
    private readonly struct ByKey(CustomerChurnRisk[] risks) : IComparer<Key>
    {
        public int Compare(Key x, Key y)
        {
            var order = x.Rank.CompareTo(y.Rank);
            return order != 0 ? order : IdOrder.Compare(x.Id, risks[x.Index].CustomerId, y.Id, risks[y.Index].CustomerId);
        }
    }
}
