using System.Collections.ObjectModel;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Churn;

/// <summary>
/// A churn warning's customers in their order, kept packed: per customer its id, level, whether lost, P(alive) and its
/// reasons' facts. A <see cref="CustomerChurnRisk"/> is made the first time its place is read, and that same instance
/// is returned from then on. Over a large base most customers are only counted (<see cref="Tally"/>) or passed over by
/// a filter that reads the packed level, never read one by one, so they never become objects.
/// </summary>
/// <remarks>Immutable once made, and thread-safe: two first reads of a place race to make it, and one instance is kept.</remarks>
internal sealed class ChurnRisks : Internal.PackedList<CustomerChurnRisk>
{
    private const int LevelMask = 0b11;
    private const int LostBit = 0b100;
    private const int CountShift = 3;

    private readonly CustomerId[] _ids;         // by customer number (the order of assessment)
    private readonly double[] _alive;           // by customer number: P(alive), or below 0 for none
    private readonly byte[] _flags;             // by customer number: the level, the lost bit, the number of reasons
    private readonly FiredReason[][] _reasons;  // per block of customers (Block), their reasons, strongest first
    private readonly int[] _firstReason;        // by customer number: its first reason's place in its block's array
    private readonly int[] _order;              // by rank: the customer number

    private ChurnRisks(CustomerId[] ids, double[] alive, byte[] flags, FiredReason[][] reasons, int[] firstReason, int[] order, ChurnTally tally)
        : base(order.Length)
    {
        (_ids, _alive, _flags, _reasons, _firstReason, _order) = (ids, alive, flags, reasons, firstReason, order);
        Tally = tally;
    }

    /// <summary>The customers assessed together: each block's reasons are written by one thread into one array.</summary>
    public const int Block = 4096;

    /// <summary>The counts by level, lost and slipping.</summary>
    public ChurnTally Tally { get; }

    /// <summary>The level at a rank, read from the packed flags.</summary>
    public ChurnRiskLevel LevelAt(int index) => LevelOf(_flags[_order[index]]);

    /// <summary>Whether the customer at a rank is lost, read from the packed flags.</summary>
    public bool IsLostAt(int index) => IsLost(_flags[_order[index]]);

    /// <summary>The customers at the ranks whose packed level and lost flag pass <paramref name="keep"/>, in rank order.</summary>
    public IEnumerable<CustomerChurnRisk> WhereFlags(Func<ChurnRiskLevel, bool, bool> keep)
    {
        for (var i = 0; i < Count; i++)
        {
            if (keep(LevelAt(i), IsLostAt(i)))
            {
                yield return this[i];
            }
        }
    }

    /// <summary>
    /// Ranks the customers assessed — by level (High first), then P(alive) (lowest first, none counting as 1), then id
    /// (ordinal) — and keeps them packed.
    /// </summary>
    /// <param name="ids">By customer number, the id.</param>
    /// <param name="alive">By customer number, P(alive), or below 0 for none.</param>
    /// <param name="assessed">By customer number, the level, whether lost and how many reasons (<see cref="Flags"/>).</param>
    /// <param name="reasons">Per block of <see cref="Block"/> customers, their reasons in customer order, each customer's strongest first.</param>
    /// <param name="firstReason">By customer number, its first reason's place in its block's array.</param>
    public static ChurnRisks Rank(CustomerId[] ids, double[] alive, byte[] assessed, FiredReason[][] reasons, int[] firstReason)
    {
        var n = ids.Length;
        var keys = new ulong[n];
        var order = new int[n];
        var tally = default(ChurnTally);
        for (var c = 0; c < n; c++)
        {
            var level = LevelOf(assessed[c]);
            tally = tally.Add(level, IsLost(assessed[c]));

            // The level above the bits of P(alive): for values in [0, 1] they order as the numbers do.
            keys[c] = ((ulong)(ChurnRiskLevel.High - level) << 62) | (ulong)BitConverter.DoubleToInt64Bits(alive[c] < 0 ? 1 : alive[c]);
            order[c] = c;
        }

        RadixSort.Sort(keys, order);
        IdRuns.OrderTies(keys, order, c => ids[c]);
        return new ChurnRisks(ids, alive, assessed, reasons, firstReason, order, tally);
    }

    /// <summary>A customer's packed flags: level, lost, number of reasons (at most seven).</summary>
    public static byte Flags(ChurnRiskLevel level, bool lost, int reasons) =>
        (byte)((int)level | (lost ? LostBit : 0) | (reasons << CountShift));

    private static ChurnRiskLevel LevelOf(byte flags) => (ChurnRiskLevel)(flags & LevelMask);

    private static bool IsLost(byte flags) => (flags & LostBit) != 0;

    /// <inheritdoc/>
    protected override CustomerChurnRisk Make(int place) => MakeCustomer(_order[place]);

    private CustomerChurnRisk MakeCustomer(int customer)
    {
        var flags = _flags[customer];
        var count = flags >> CountShift;
        var reasons = ReadOnlyCollection<ChurnReason>.Empty;
        if (count > 0)
        {
            var fired = _reasons[customer / Block].AsSpan(_firstReason[customer], count);
            var made = new ChurnReason[count];
            for (var r = 0; r < count; r++)
            {
                made[r] = new ChurnReason(fired[r].Facts.Code, fired[r].Level, fired[r].Facts);
            }

            reasons = Array.AsReadOnly(made);
        }

        var alive = _alive[customer];
        return new CustomerChurnRisk(_ids[customer], LevelOf(flags), alive < 0 ? null : alive, reasons) { IsLost = IsLost(flags) };
    }
}
