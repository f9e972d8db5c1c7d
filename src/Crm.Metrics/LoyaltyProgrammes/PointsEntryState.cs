namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>A points entry in a <see cref="LoyaltyCustomerState"/> (its reason is not shipped: no figure needs it).</summary>
public sealed record PointsEntryState
{
    /// <summary>When, in Unix ticks.</summary>
    public long Ticks { get; init; }

    /// <summary>The kind, by name: <c>Earn</c>, <c>Redeem</c>, <c>Expire</c> or <c>Adjust</c>.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The points as given: positive, or signed for an adjustment.</summary>
    public long Points { get; init; }

    /// <summary>The source of earned points, by name; null for the other kinds.</summary>
    public string? Source { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
