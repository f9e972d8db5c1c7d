namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>
/// One change of a member's points balance, in ledger order: an entry of the ledger, or an expiry the ledger applied
/// itself under the programme's policy (<see cref="IsAutomatic"/>).
/// </summary>
/// <param name="At">When the balance changed.</param>
/// <param name="Kind">The kind of change; automatic expiries are <see cref="PointsEntryKind.Expire"/>.</param>
/// <param name="Points">The change, signed: positive for a credit.</param>
/// <param name="Balance">The balance after the change, never negative.</param>
/// <param name="IsAutomatic">Whether the ledger applied it under the expiry policy (no entry records it).</param>
public readonly record struct PointsMovement(Instant At, PointsEntryKind Kind, long Points, long Balance, bool IsAutomatic);
