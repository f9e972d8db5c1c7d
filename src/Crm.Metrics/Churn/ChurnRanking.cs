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
            keys[i] = new Key((level << 62) | (ulong)BitConverter.DoubleToInt64Bits(risk.ProbabilityAlive ?? 1), new IdOrder(risk.CustomerId), risk);
        }

        // The keys compare themselves (IComparable), so the sort calls the comparison directly, not through an interface.
        keys.AsSpan().Sort();
        var ranked = new CustomerChurnRisk[risks.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = keys[i].Risk;
        }

        return ranked;
    }

    /// <summary>A customer's sort key, with the risk it belongs to; ordered by rank, then id.</summary>
    private readonly struct Key(ulong rank, IdOrder id, CustomerChurnRisk risk) : IComparable<Key>
    {
        private readonly IdOrder _id = id;

        public ulong Rank { get; } = rank;

        public CustomerChurnRisk Risk { get; } = risk;

        /// <summary>The risks are read (for their ids) only where rank and packed ids are equal: each is a read from memory.</summary>
        public int CompareTo(Key other)
        {
            var order = Rank.CompareTo(other.Rank);
            if (order == 0)
            {
                order = _id.ComparePacked(in other._id);
            }

            return order != 0 ? order : Risk.CustomerId.CompareTo(other.Risk.CustomerId);
        }
    }
}
