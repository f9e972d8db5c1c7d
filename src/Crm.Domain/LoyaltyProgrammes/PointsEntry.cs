using System.Globalization;
using Crm.Domain.Internal;

namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>
/// An immutable entry of a member's points ledger: points earned (with their source), redeemed, expired, or adjusted
/// (signed, with a reason).
/// </summary>
/// <remarks>
/// <para><see cref="Points"/> is positive for every kind but <see cref="PointsEntryKind.Adjust"/>, which is signed
/// and not zero; <see cref="SignedPoints"/> is the entry's effect on the balance.</para>
/// <para><see cref="ToString"/> leaves out the reason, which is free text and may name a person.</para>
/// <para>Immutable; equality by value; thread-safe.</para>
/// </remarks>
public sealed record PointsEntry
{
    /// <summary>The largest number of points one entry may carry (10¹⁵), so that sums of entries never overflow.</summary>
    public const long MaxPoints = 1_000_000_000_000_000;

    /// <summary>Creates an entry; the factories <see cref="Earn"/>, <see cref="Redeem"/>, <see cref="Expire"/> and <see cref="Adjust"/> read better.</summary>
    /// <param name="customerId">The member.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="points">The points: 1 to <see cref="MaxPoints"/>; for an adjustment signed, not zero, at most <see cref="MaxPoints"/> either way.</param>
    /// <param name="source">Where earned points came from; for <see cref="PointsEntryKind.Earn"/> only (<see cref="PointsSource.Purchase"/> when not given).</param>
    /// <param name="reason">Why an adjustment was made; required for <see cref="PointsEntryKind.Adjust"/>, not allowed for the other kinds.</param>
    /// <exception cref="ArgumentException">The id is default, an enum value is undefined, a source or reason is given where it does not belong, or an adjustment has no reason (or an empty or padded one).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The points are out of range.</exception>
    public PointsEntry(CustomerId customerId, Instant occurredAt, PointsEntryKind kind, long points, PointsSource? source = null, string? reason = null)
    {
        CustomerId = Rules.Initialised(customerId, nameof(customerId));
        OccurredAt = occurredAt;
        Kind = Rules.Defined(kind, nameof(kind));
        if (kind == PointsEntryKind.Adjust)
        {
            if (points == 0 || points > MaxPoints || points < -MaxPoints)
            {
                throw new ArgumentOutOfRangeException(nameof(points), points, string.Create(CultureInfo.InvariantCulture, $"An adjustment is signed, not zero, and at most {MaxPoints} points either way."));
            }

            Reason = Rules.Key(reason, nameof(reason));
        }
        else
        {
            if (points is < 1 or > MaxPoints)
            {
                throw new ArgumentOutOfRangeException(nameof(points), points, string.Create(CultureInfo.InvariantCulture, $"The points of a{(kind == PointsEntryKind.Earn ? "n" : string.Empty)} {kind.ToString().ToLowerInvariant()} entry are 1 to {MaxPoints}; only an adjustment is signed."));
            }

            if (reason is not null)
            {
                throw new ArgumentException("Only an adjustment carries a reason.", nameof(reason));
            }
        }

        if (source is { } s)
        {
            if (kind != PointsEntryKind.Earn)
            {
                throw new ArgumentException("Only earned points have a source.", nameof(source));
            }

            Source = Rules.Defined(s, nameof(source));
        }
        else if (kind == PointsEntryKind.Earn)
        {
            Source = PointsSource.Purchase;
        }

        Points = points;
    }

    /// <summary>Points earned.</summary>
    /// <param name="customerId">The member.</param>
    /// <param name="occurredAt">When.</param>
    /// <param name="points">1 to <see cref="MaxPoints"/>.</param>
    /// <param name="source">Where they came from.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static PointsEntry Earn(CustomerId customerId, Instant occurredAt, long points, PointsSource source = PointsSource.Purchase) =>
        new(customerId, occurredAt, PointsEntryKind.Earn, points, source);

    /// <summary>Points redeemed.</summary>
    /// <param name="customerId">The member.</param>
    /// <param name="occurredAt">When.</param>
    /// <param name="points">1 to <see cref="MaxPoints"/>.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static PointsEntry Redeem(CustomerId customerId, Instant occurredAt, long points) =>
        new(customerId, occurredAt, PointsEntryKind.Redeem, points);

    /// <summary>Points expired outside the programme's policy (the ledger applies the policy itself).</summary>
    /// <param name="customerId">The member.</param>
    /// <param name="occurredAt">When.</param>
    /// <param name="points">1 to <see cref="MaxPoints"/>.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static PointsEntry Expire(CustomerId customerId, Instant occurredAt, long points) =>
        new(customerId, occurredAt, PointsEntryKind.Expire, points);

    /// <summary>A signed correction.</summary>
    /// <param name="customerId">The member.</param>
    /// <param name="occurredAt">When.</param>
    /// <param name="points">Signed, not zero.</param>
    /// <param name="reason">Why; not empty or padded.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static PointsEntry Adjust(CustomerId customerId, Instant occurredAt, long points, string reason) =>
        new(customerId, occurredAt, PointsEntryKind.Adjust, points, reason: reason);

    /// <summary>The member.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When it happened.</summary>
    public Instant OccurredAt { get; }

    /// <summary>The kind.</summary>
    public PointsEntryKind Kind { get; }

    /// <summary>The points as given: positive, or signed for an adjustment.</summary>
    public long Points { get; }

    /// <summary>The effect on the balance: positive for a credit, negative for a debit.</summary>
    public long SignedPoints => Kind is PointsEntryKind.Earn or PointsEntryKind.Adjust ? Points : -Points;

    /// <summary>Whether the entry adds points (an earning or a positive adjustment).</summary>
    public bool IsCredit => SignedPoints > 0;

    /// <summary>Where earned points came from; <c>null</c> for the other kinds.</summary>
    public PointsSource? Source { get; }

    /// <summary>Why an adjustment was made; <c>null</c> for the other kinds.</summary>
    public string? Reason { get; }

    /// <summary>The entry without its reason.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"PointsEntry {{ CustomerId = {CustomerId}, OccurredAt = {OccurredAt}, Kind = {Kind}, Points = {Points}{(Source is { } s ? $", Source = {s}" : string.Empty)} }}");

    /// <summary>The same entry with its reason replaced (used when a customer's personal data is erased).</summary>
    internal PointsEntry WithReason(string reason) => new(CustomerId, OccurredAt, Kind, Points, Source, reason);
}
