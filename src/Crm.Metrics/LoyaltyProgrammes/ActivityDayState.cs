namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>A customer's purchases on one day, in a <see cref="LoyaltyCustomerState"/>.</summary>
public sealed record ActivityDayState
{
    /// <summary>The day, counted from the period's first day (0); negative before it.</summary>
    public int Day { get; init; }

    /// <summary>Sales minus refunds that day.</summary>
    public decimal Spend { get; init; }

    /// <summary>Sales that day.</summary>
    public int Orders { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
