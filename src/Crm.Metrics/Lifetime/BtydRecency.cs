namespace Crm.Metrics.Lifetime;

/// <summary>
/// Recency as the customer-base models (BG/NBD, Pareto/NBD) mean it: t_x, the time from the customer's first
/// purchase to their last repeat purchase. Larger is better for the customer's chance of being alive. Not the RFM
/// recency (<see cref="RfmRecency"/>), which counts from the last purchase to the analysis date: the two are
/// separate types so that one is never passed where the other is meant.
/// </summary>
/// <param name="SinceFirstPurchase">The time from the first purchase to the last repeat purchase; zero without repeat purchases.</param>
/// <remarks>This type is an immutable value type and is thread-safe.</remarks>
public readonly record struct BtydRecency(ModelTime SinceFirstPurchase)
{
    /// <summary>The value in the given unit.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>t_x in <paramref name="unit"/>.</returns>
    public double In(ModelTimeUnit unit) => SinceFirstPurchase.ToUnit(unit);

    /// <summary>t_x with its unit, e.g. <c>t_x = 30.429 weeks</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"t_x = {SinceFirstPurchase}";
}
