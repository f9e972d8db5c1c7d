namespace Crm.Metrics.Churn;

/// <summary>
/// The order of a churn warning's customers: by level (High first), then P(alive) (lowest first, none counting as 1),
/// then id (ordinal). Each customer gets one sort key — the level above the bits of P(alive), which order as the
/// numbers do for values in [0, 1], then the id's first eight UTF-16 units packed big-endian into two words — so that
/// most comparisons read no string. Ids whose first eight units are equal are compared whole.
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
            var id = risk.CustomerId.Value.AsSpan();
            keys[i] = new Key((level << 62) | (ulong)BitConverter.DoubleToInt64Bits(risk.ProbabilityAlive ?? 1), Units(id, 0), Units(id, 4), i);
        }

        keys.AsSpan().Sort(new ByKey(risks));
        var ranked = new CustomerChurnRisk[risks.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = risks[keys[i].Index];
        }

        return ranked;
    }

    /// <summary>
    /// Four UTF-16 units of <paramref name="id"/> from <paramref name="start"/>, the first in the highest bits, 0 past
    /// its end. Two ids whose packed units differ order as their first differing unit does, or the shorter first when
    /// one is the other's beginning; so the packed words order as the ids do, except where they are equal.
    /// </summary>
    private static ulong Units(ReadOnlySpan<char> id, int start)
    {
        ulong packed = 0;
        for (var k = start; k < start + 4; k++)
        {
            packed = (packed << 16) | (k < id.Length ? id[k] : 0u);
        }

        return packed;
    }

    /// <summary>A customer's sort key and place in the unsorted risks.</summary>
    private readonly record struct Key(ulong Rank, ulong Head, ulong Next, int Index);

    /// <summary>Orders keys by rank, then the packed units, then the whole ids.</summary>
    private readonly struct ByKey(CustomerChurnRisk[] risks) : IComparer<Key>
    {
        public int Compare(Key x, Key y)
        {
            var order = x.Rank.CompareTo(y.Rank);
            if (order == 0)
            {
                order = x.Head.CompareTo(y.Head);
            }

            if (order == 0)
            {
                order = x.Next.CompareTo(y.Next);
            }

            return order != 0 ? order : risks[x.Index].CustomerId.CompareTo(risks[y.Index].CustomerId);
        }
    }
}
