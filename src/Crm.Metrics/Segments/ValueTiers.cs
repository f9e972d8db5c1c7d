namespace Crm.Metrics.Segments;

/// <summary>The ABC (Pareto) value tier of a customer.</summary>
public enum ValueTier
{
    /// <summary>The most valuable customers, making up the first share of value (default 80 %).</summary>
    A,

    /// <summary>The next share of value (default 15 %).</summary>
    B,

    /// <summary>The rest, and every customer with no positive value.</summary>
    C,
}

/// <summary>The cumulative value shares that end tiers A and B (default 0.80 and 0.95: 80 / 15 / 5).</summary>
/// <param name="EndOfA">Cumulative share where A ends; in (0, 1).</param>
/// <param name="EndOfB">Cumulative share where B ends; in [EndOfA, 1].</param>
public sealed record ValueTierThresholds(double EndOfA = 0.80, double EndOfB = 0.95)
{
    /// <summary>Cumulative share where B ends; in [EndOfA, 1].</summary>
    public double EndOfB { get; init => field = Crm.Internal.Finite.Of(value, nameof(EndOfB)); } = Crm.Internal.Finite.Of(EndOfB, nameof(EndOfB));

    /// <summary>Cumulative share where A ends; in (0, 1).</summary>
    public double EndOfA { get; init => field = Crm.Internal.Finite.Of(value, nameof(EndOfA)); } = Crm.Internal.Finite.Of(EndOfA, nameof(EndOfA));

    /// <summary>80 / 15 / 5.</summary>
    public static ValueTierThresholds Default { get; } = new();

    internal void Validate(string parameter)
    {
        if (!(EndOfA is > 0 and < 1) || !(EndOfB >= EndOfA && EndOfB <= 1))
        {
            throw new ArgumentOutOfRangeException(parameter, $"Value tier thresholds must satisfy 0 < EndOfA < 1 and EndOfA <= EndOfB <= 1 (got {EndOfA}, {EndOfB}).");
        }
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>One customer's tier.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Value">The value ranked (revenue or margin, as the caller chose).</param>
/// <param name="Tier">The tier.</param>
/// <param name="CumulativeShareBefore">The share of the total held by the customers ranked before this one, 0..1.</param>
public sealed record CustomerValueTier(CustomerId CustomerId, decimal Value, ValueTier Tier, double CumulativeShareBefore)
{
    /// <summary>The tier.</summary>
    public ValueTier Tier { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Tier)); } = Crm.Internal.Checked.Defined(Tier, nameof(Tier));

    /// <summary>The share of the total held by the customers ranked before this one, 0..1.</summary>
    public double CumulativeShareBefore { get; init => field = Crm.Internal.Finite.Of(value, nameof(CumulativeShareBefore)); } = Crm.Internal.Finite.Of(CumulativeShareBefore, nameof(CumulativeShareBefore));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>One tier's customers and value.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="Customers">Its customers.</param>
/// <param name="Value">Their value.</param>
/// <param name="ValueShare">Their share of the total, 0..1 (the three sum to 1).</param>
public sealed record ValueTierSummary(ValueTier Tier, int Customers, decimal Value, double ValueShare)
{
    /// <summary>The tier.</summary>
    public ValueTier Tier { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Tier)); } = Crm.Internal.Checked.Defined(Tier, nameof(Tier));

    /// <summary>Their share of the total, 0..1 (the three sum to 1).</summary>
    public double ValueShare { get; init => field = Crm.Internal.Finite.Of(value, nameof(ValueShare)); } = Crm.Internal.Finite.Of(ValueShare, nameof(ValueShare));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>
/// ABC (Pareto) value tiers: customers ranked by value (highest first, ties by id), a customer in A while the
/// customers before them hold less than <see cref="ValueTierThresholds.EndOfA"/> of the total, in B while less than
/// <see cref="ValueTierThresholds.EndOfB"/>, C after — and always C with a value of zero or less.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ValueTierAnalysis
{
    private ValueTierAnalysis(IReadOnlyList<CustomerValueTier> customers, IReadOnlyList<ValueTierSummary> tiers)
    {
        Customers = customers;
        Tiers = tiers;
    }

    /// <summary>The customers, highest value first.</summary>
    public IReadOnlyList<CustomerValueTier> Customers { get; }

    /// <summary>A, B and C with their customers and value shares.</summary>
    public IReadOnlyList<ValueTierSummary> Tiers { get; }

    /// <summary>Ranks customers by a value of the caller's choice (revenue, margin, CLV).</summary>
    /// <param name="values">Each customer once with their value.</param>
    /// <param name="thresholds">Where A and B end; null for 80 / 15 / 5.</param>
    /// <returns>The tiers.</returns>
    /// <exception cref="ArgumentException">A customer appears twice, or the positive values sum to zero (nothing to rank).</exception>
    /// <exception cref="AmountOverflowException">The values sum beyond the range of <see cref="decimal"/>.</exception>
    public static ValueTierAnalysis Compute(IEnumerable<KeyValuePair<CustomerId, decimal>> values, ValueTierThresholds? thresholds = null)
    {
        try
        {
            return Rank(values, thresholds);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("summing the customers' values for the value tiers", default, e);
        }
    }

    private static ValueTierAnalysis Rank(IEnumerable<KeyValuePair<CustomerId, decimal>> values, ValueTierThresholds? thresholds)
    {
        ArgumentNullException.ThrowIfNull(values);
        thresholds ??= ValueTierThresholds.Default;
        thresholds.Validate(nameof(thresholds));
        var list = values.ToList();
        if (list.Select(v => v.Key).Distinct().Count() != list.Count)
        {
            throw new ArgumentException("Each customer must appear once in the values.", nameof(values));
        }

        var total = list.Where(v => v.Value > 0).Sum(v => v.Value);
        if (total <= 0)
        {
            throw new ArgumentException("Value tiers need customers with a positive value: the positive values sum to zero.", nameof(values));
        }

        var ranked = list.OrderByDescending(v => v.Value).ThenBy(v => v.Key).ToList();
        var customers = new List<CustomerValueTier>(ranked.Count);
        var before = 0m;
        foreach (var (id, value) in ranked)
        {
            var share = (double)(before / total);
            var tier = value <= 0 ? ValueTier.C : share < thresholds.EndOfA ? ValueTier.A : share < thresholds.EndOfB ? ValueTier.B : ValueTier.C;
            customers.Add(new CustomerValueTier(id, value, tier, share));
            before += Math.Max(value, 0);
        }

        // Shares of the whole: positive values only, so the three shares sum to 1.
        var tiers = Enum.GetValues<ValueTier>().Select(t =>
        {
            var members = customers.Where(c => c.Tier == t).ToList();
            var value = members.Sum(c => c.Value);
            return new ValueTierSummary(t, members.Count, value, (double)(members.Sum(c => Math.Max(c.Value, 0)) / total));
        }).ToList();
        return new ValueTierAnalysis(customers.AsReadOnly(), tiers.AsReadOnly());
    }

    /// <summary>Tiers by the revenue of an RFM analysis's window.</summary>
    /// <param name="rfm">The RFM analysis.</param>
    /// <param name="thresholds">Where A and B end; null for 80 / 15 / 5.</param>
    /// <returns>The tiers.</returns>
    /// <exception cref="ArgumentException">There is no positive revenue.</exception>
    public static ValueTierAnalysis FromRfm(RfmAnalysis rfm, ValueTierThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        return Compute(rfm.Customers.Select(c => KeyValuePair.Create(c.CustomerId, c.Revenue.Amount)), thresholds);
    }
}
