namespace Crm.Metrics.Segments;

/// <summary>
/// ABC (Pareto) value tiers: customers ranked by value (highest first, ties by id), a customer in A while the
/// customers before them hold less than <see cref="ValueTierThresholds.EndOfA"/> of the total, in B while less than
/// <see cref="ValueTierThresholds.EndOfB"/>, C after — and always C with a value of zero or less.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ValueTierAnalysis
{
    private readonly ValueTierCustomers _customers;

    private ValueTierAnalysis(ValueTierCustomers customers, IReadOnlyList<ValueTierSummary> tiers)
    {
        _customers = customers;
        Tiers = tiers;
    }

    /// <summary>The customers, highest value first.</summary>
    /// <remarks>
    /// Made as they are read: the tiers and <see cref="ShareOfTop"/> need no customer, and ties of value are put in
    /// order of id the first time a customer is read. Each place returns the same instance every time.
    /// </remarks>
    public IReadOnlyList<CustomerValueTier> Customers => _customers;

    /// <summary>A, B and C with their customers and value shares.</summary>
    public IReadOnlyList<ValueTierSummary> Tiers { get; }

    /// <summary>
    /// The share of the positive total held by the <paramref name="count"/> highest-ranked customers (a point of the
    /// Pareto curve): Σ max(value, 0) over them ÷ Σ max(value, 0) over all, from 0 (none) to 1 (all). For a count
    /// below the number of customers it is the <see cref="CustomerValueTier.CumulativeShareBefore"/> of the customer at
    /// that place, read without making the customers or ordering ties.
    /// </summary>
    /// <param name="count">How many customers from the top, 0 to the number of customers.</param>
    /// <returns>The share, 0..1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or above the number of customers.</exception>
    public double ShareOfTop(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _customers.Count);
        return count == _customers.Count ? 1.0 : _customers.ShareBefore(count);
    }

    /// <summary>Ranks customers by a value of the caller's choice (revenue, margin, CLV).</summary>
    /// <param name="values">Each customer once with their value.</param>
    /// <param name="thresholds">Where A and B end; null for 80 / 15 / 5.</param>
    /// <returns>The tiers.</returns>
    /// <exception cref="ArgumentException">A customer appears twice, or the positive values sum to zero (nothing to rank).</exception>
    /// <exception cref="AmountOverflowException">The values sum beyond the range of <see cref="decimal"/>.</exception>
    public static ValueTierAnalysis Compute(IEnumerable<KeyValuePair<CustomerId, decimal>> values, ValueTierThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        thresholds ??= ValueTierThresholds.Default;
        thresholds.Validate(nameof(thresholds));
        try
        {
            return Rank(values.ToArray(), thresholds, checkRepeats: true);
        }
        catch (OverflowException e)
        {
            throw Overflow(e);
        }
    }

    /// <summary>
    /// The places of the customers, largest value first: by value alone, with the keys to order ties by id later, when
    /// the values fit 64-bit keys; else by value, then by id (ordinal), comparing decimals, and no keys.
    /// </summary>
    private static (int[] Order, ulong[]? SortedKeys) ByValue(KeyValuePair<CustomerId, decimal>[] values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = ExactKeys(values);
        if (keys is not null)
        {
            // One 64-bit key per value, sorted without comparisons; runs of equal values are put in order of id when a
            // customer is first read (ValueTierCustomers).
            Storage.RadixSort.Sort(keys, order);
        }
        else
        {
            SortByKey(values, order);
        }

        return (order, keys);
    }

    /// <summary>Puts <paramref name="order"/> (places in <paramref name="values"/>) largest value first, then by id, comparing decimals.</summary>
    private static void SortByKey(KeyValuePair<CustomerId, decimal>[] values, Span<int> order)
    {
        var keys = new ValueKey[order.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var (id, value) = values[order[i]];
            keys[i] = new ValueKey(value, new Internal.IdOrder(id), id, order[i]);
        }

        // The keys compare themselves (IComparable): the JIT inlines the comparison into the sort; a native build calls
        // it through the default comparer (the common case above is a radix sort).
        keys.Sort();
        for (var i = 0; i < keys.Length; i++)
        {
            order[i] = keys[i].Index;
        }
    }

    /// <summary>
    /// Each value as a 64-bit key that orders as the values do, largest first: the value's digits at the largest
    /// scale among the values, as a signed integer (<see cref="Storage.RadixSort.Descending"/>). Null when a value's
    /// digits at that scale do not fit in 63 bits, or when there are too few values for the keys to pay; the values are
    /// then sorted as decimals.
    /// </summary>
    internal static ulong[]? ExactKeys(KeyValuePair<CustomerId, decimal>[] values)
    {
        const int Worthwhile = 64;
        if (values.Length < Worthwhile)
        {
            return null;
        }

        var scale = 0;
        foreach (var (_, value) in values)
        {
            scale = Math.Max(scale, value.Scale);
        }

        Span<int> bits = stackalloc int[4];
        var keys = new ulong[values.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var value = values[i].Value;
            decimal.GetBits(value, bits);
            if (bits[2] != 0)
            {
                return null;
            }

            // The digits are exact below 2^63; raised to the common scale they must stay there.
            var digits = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
            for (var s = value.Scale; s < scale; s++)
            {
                if (digits > long.MaxValue / 10)
                {
                    return null;
                }

                digits *= 10;
            }

            if (digits > long.MaxValue)
            {
                return null;
            }

            keys[i] = Storage.RadixSort.Descending(value < 0 ? -(long)digits : (long)digits);
        }

        return keys;
    }

    /// <summary>A sum of the values beyond decimal's range, refused as such.</summary>
    private static AmountOverflowException Overflow(OverflowException e) => new("summing the customers' values for the value tiers", default, e);

    /// <summary>
    /// The tiers of <paramref name="values"/> (a fresh array, kept), each customer checked to come once when
    /// <paramref name="checkRepeats"/>.
    /// </summary>
    private static ValueTierAnalysis Rank(KeyValuePair<CustomerId, decimal>[] values, ValueTierThresholds thresholds, bool checkRepeats)
    {
        if (checkRepeats)
        {
            var seen = new HashSet<CustomerId>(values.Length);
            foreach (var (id, _) in values)
            {
                if (!seen.Add(id))
                {
                    throw new ArgumentException("Each customer must appear once in the values.", nameof(values));
                }
            }
        }

        var total = 0m;
        foreach (var (_, value) in values)
        {
            total += value > 0 ? value : 0;
        }

        if (total <= 0)
        {
            throw new ArgumentException("Value tiers need customers with a positive value: the positive values sum to zero.", nameof(values));
        }

        // By value, largest first, then by id: every customer once, so the order is fully determined. A place's value,
        // share and tier do not depend on which of the customers tied on its value holds it, so the tiers are taken
        // before those ties are put in order of id.
        var (order, sortedKeys) = ByValue(values);
        var shares = new double[order.Length];
        Span<int> counts = stackalloc int[3];
        Span<decimal> sums = stackalloc decimal[3];
        Span<decimal> positive = stackalloc decimal[3];
        var before = 0m;
        for (var i = 0; i < order.Length; i++)
        {
            var value = values[order[i]].Value;
            var share = (double)(before / total);
            var tier = (int)ValueTierCustomers.TierOf(value, share, thresholds);
            shares[i] = share;
            before += Math.Max(value, 0);
            counts[tier]++;
            sums[tier] += value;
            positive[tier] += Math.Max(value, 0);
        }

        // Shares of the whole: positive values only, so the three shares sum to 1.
        var tiers = new ValueTierSummary[3];
        foreach (var t in Enum.GetValues<ValueTier>())
        {
            tiers[(int)t] = new ValueTierSummary(t, counts[(int)t], sums[(int)t], (double)(positive[(int)t] / total));
        }

        return new ValueTierAnalysis(new ValueTierCustomers(values, order, shares, sortedKeys, thresholds), Array.AsReadOnly(tiers));
    }

    /// <summary>Tiers by the revenue of an RFM analysis's window.</summary>
    /// <param name="rfm">The RFM analysis.</param>
    /// <param name="thresholds">Where A and B end; null for 80 / 15 / 5.</param>
    /// <returns>The tiers.</returns>
    /// <exception cref="ArgumentException">There is no positive revenue.</exception>
    public static ValueTierAnalysis FromRfm(RfmAnalysis rfm, ValueTierThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        thresholds ??= ValueTierThresholds.Default;
        thresholds.Validate(nameof(thresholds));

        // An RFM analysis holds each customer once (its engine makes one row per customer): no set of them to check.
        // From the packed customers: no customer object is made.
        var customers = rfm.Packed;
        var values = new KeyValuePair<CustomerId, decimal>[customers.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = KeyValuePair.Create(customers.Id(i), customers.Revenue(i));
        }

        try
        {
            return Rank(values, thresholds, checkRepeats: false);
        }
        catch (OverflowException e)
        {
            throw Overflow(e);
        }
    }

    /// <summary>A customer's value, the id's packed first units, the id and its place in the unsorted values; largest value first, then by id.</summary>
    private readonly struct ValueKey(decimal value, Internal.IdOrder id, CustomerId customer, int index) : IComparable<ValueKey>
    {
        public decimal Value { get; } = value;

        public Internal.IdOrder Id { get; } = id;

        public CustomerId Customer { get; } = customer;

        public int Index { get; } = index;

        public int CompareTo(ValueKey other)
        {
            var order = other.Value.CompareTo(Value);
            return order != 0 ? order : Internal.IdOrder.Compare(Id, Customer, other.Id, other.Customer);
        }
    }
}
