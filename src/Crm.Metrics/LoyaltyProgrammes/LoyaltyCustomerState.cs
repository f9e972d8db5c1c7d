namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>One customer in a <see cref="LoyaltyProgrammeState"/>.</summary>
public sealed record LoyaltyCustomerState
{
    /// <summary>The customer id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>When the customer joined, in Unix ticks; null without a membership.</summary>
    public long? JoinedTicks { get; init; }

    /// <summary>When the customer left, in Unix ticks; null while a member (or without a membership).</summary>
    public long? LeftTicks { get; init; }

    /// <summary>The customer's points entries before the period's end, in the order they were added.</summary>
    public IReadOnlyList<PointsEntryState> Entries { get; init; } = [];

    /// <summary>The customer's purchases by day, within the days the figures read.</summary>
    public IReadOnlyList<ActivityDayState> Days { get; init; } = [];

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
