namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>
/// The state of a <see cref="LoyaltyProgrammeAccumulator"/> as plain data, to ship a partition's partial result to where
/// the partitions are merged (<see cref="LoyaltyProgrammeAccumulator.Merge(LoyaltyProgrammeState)"/>). Serialise it with
/// <see cref="States.CrmStateJson"/>.
/// </summary>
/// <remarks>
/// Instants are Unix ticks; days count from the period's first day (0), negative before it; kinds and sources are by
/// name. A state names the period, zone and programme it was computed with, and a merge checks them and every field
/// before anything changes. <see cref="Version"/> changes whenever the layout does.
/// </remarks>
public sealed record LoyaltyProgrammeState
{
    /// <summary>The layout version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The layout version of this state.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The period's first day, ISO <c>yyyy-MM-dd</c>.</summary>
    public string From { get; init; } = string.Empty;

    /// <summary>The period's last day (inclusive), ISO <c>yyyy-MM-dd</c>.</summary>
    public string To { get; init; } = string.Empty;

    /// <summary>The period's IANA time zone id.</summary>
    public string Zone { get; init; } = string.Empty;

    /// <summary>The programme's rules as text (they must match to merge).</summary>
    public string Programme { get; init; } = string.Empty;

    /// <summary>Whether memberships were part of the data.</summary>
    public bool MembershipsSupplied { get; init; }

    /// <summary>Whether points entries were part of the data.</summary>
    public bool PointsSupplied { get; init; }

    /// <summary>Whether purchases were part of the data.</summary>
    public bool PurchasesSupplied { get; init; }

    /// <summary>The day of the first purchase seen (any age), or null without one.</summary>
    public int? FirstPurchaseDay { get; init; }

    /// <summary>Records at or after the period's end (not counted).</summary>
    public long AfterPeriod { get; init; }

    /// <summary>One row per customer with a membership, points entries or purchases the figures need.</summary>
    public IReadOnlyList<LoyaltyCustomerState> Customers { get; init; } = [];

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
