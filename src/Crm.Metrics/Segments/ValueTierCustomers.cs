namespace Crm.Metrics.Segments;

/// <summary>
/// The ranked customers of a <see cref="ValueTierAnalysis"/>, kept packed: each customer's id and value in the order
/// given (side by side: making a customer reads one line of memory), the ranking by value, and each place's share of
/// the positive total before it. Ties of value are put in the order of their ids (the definition's second key) the
/// first time a customer is read, never for the tiers' summaries or <see cref="ValueTierAnalysis.ShareOfTop"/>: a
/// place's value, share and tier do not depend on which of the tied customers holds it. A
/// <see cref="CustomerValueTier"/> is made the first time its place is read, and that same instance is returned after,
/// on every thread.
/// </summary>
internal sealed class ValueTierCustomers : Internal.PackedList<CustomerValueTier>
{
    private readonly KeyValuePair<CustomerId, decimal>[] _given; // each customer's id and value, in the order given
    private readonly int[] _order;         // by place: the customer's index in the order given
    private readonly double[] _shares;     // by place: the share of the positive total before it
    private readonly ValueTierThresholds _thresholds;
    private readonly object _tiesGate = new();
    private ulong[]? _sortedKeys;          // the ranking's keys by place, until the ties are put in order of id; then null

    /// <param name="given">Each customer's id and value, in the order given.</param>
    /// <param name="order">By place, the customer's index in the order given: by value, largest first; ties by id unless <paramref name="sortedKeys"/> is given.</param>
    /// <param name="shares">By place, the share of the positive total before it.</param>
    /// <param name="sortedKeys">The keys <paramref name="order"/> was sorted by, by place, when ties of value are still to be put in order of id; null when they are in order.</param>
    /// <param name="thresholds">Where A and B end.</param>
    public ValueTierCustomers(KeyValuePair<CustomerId, decimal>[] given, int[] order, double[] shares, ulong[]? sortedKeys, ValueTierThresholds thresholds)
        : base(order.Length)
    {
        _given = given;
        _order = order;
        _shares = shares;
        _sortedKeys = sortedKeys;
        _thresholds = thresholds;
    }

    /// <summary>Whether the ties of value are in order of id (for tests).</summary>
    internal bool TiesOrdered => Volatile.Read(ref _sortedKeys) is null;

    /// <summary>The share of the positive total held by the customers before <paramref name="place"/>.</summary>
    public double ShareBefore(int place) => _shares[place];

    /// <summary>The tier of a customer of <paramref name="value"/> with <paramref name="share"/> of the positive total before it.</summary>
    public static ValueTier TierOf(decimal value, double share, ValueTierThresholds thresholds) =>
        value <= 0 ? ValueTier.C : share < thresholds.EndOfA ? ValueTier.A : share < thresholds.EndOfB ? ValueTier.B : ValueTier.C;

    /// <inheritdoc/>
    protected override CustomerValueTier Make(int place)
    {
        var (id, value) = _given[_order[place]];
        var share = _shares[place];
        return new CustomerValueTier(id, value, TierOf(value, share, _thresholds), share);
    }

    /// <summary>Puts each run of tied values in order of id, once, before any customer is read.</summary>
    protected override void BeforeRead()
    {
        if (Volatile.Read(ref _sortedKeys) is null)
        {
            return;
        }

        lock (_tiesGate)
        {
            if (_sortedKeys is { } keys)
            {
                Storage.IdRuns.OrderTies(keys, _order, i => _given[i].Key);
                Volatile.Write(ref _sortedKeys, null); // after the order is written: a reader that sees null reads it whole
            }
        }
    }
}
