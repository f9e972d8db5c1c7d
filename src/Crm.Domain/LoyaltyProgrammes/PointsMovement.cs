using Crm.Domain.Internal;

namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>
/// One change of a member's points balance, in ledger order: an entry of the ledger, or an expiry the ledger applied
/// itself under the programme's policy (<see cref="IsAutomatic"/>).
/// </summary>
/// <remarks>Immutable value type; equality by value.</remarks>
public readonly record struct PointsMovement
{
    /// <summary>Creates a movement.</summary>
    /// <param name="at">When the balance changed.</param>
    /// <param name="kind">The kind of change; automatic expiries are <see cref="PointsEntryKind.Expire"/>.</param>
    /// <param name="points">The change, signed: positive for a credit.</param>
    /// <param name="balance">The balance after the change, not negative.</param>
    /// <param name="isAutomatic">Whether the ledger applied it under the expiry policy (no entry records it).</param>
    /// <exception cref="ArgumentOutOfRangeException">The kind is undefined, or the balance negative.</exception>
    public PointsMovement(Instant at, PointsEntryKind kind, long points, long balance, bool isAutomatic)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(balance);
        At = at;
        Kind = Rules.Defined(kind, nameof(kind));
        Points = points;
        Balance = balance;
        IsAutomatic = isAutomatic;
    }

    /// <summary>When the balance changed.</summary>
    public Instant At { get; }

    /// <summary>The kind of change.</summary>
    public PointsEntryKind Kind { get; }

    /// <summary>The change, signed: positive for a credit.</summary>
    public long Points { get; }

    /// <summary>The balance after the change, never negative.</summary>
    public long Balance { get; }

    /// <summary>Whether the ledger applied it under the expiry policy.</summary>
    public bool IsAutomatic { get; }
}
