namespace Crm.Metrics.Lifetime;

/// <summary>
/// Recency as RFM analysis means it: the time from the customer's last purchase to the analysis date. Smaller is
/// better. Not the models' recency (<see cref="BtydRecency"/>), which counts from the first purchase.
/// </summary>
/// <param name="SinceLastPurchase">The time from the last purchase to the analysis date.</param>
/// <remarks>This type is an immutable value type and is thread-safe.</remarks>
public readonly record struct RfmRecency(ModelTime SinceLastPurchase)
{
    /// <summary>The value in days.</summary>
    public double Days => SinceLastPurchase.TotalDays;

    /// <summary>The recency with its unit, e.g. <c>RFM recency = 59 days</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"RFM recency = {SinceLastPurchase}";
}
