using Crm.Domain.Internal;

namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>A customer's membership of the loyalty programme: when they joined and, if they did, when they left.</summary>
/// <remarks>
/// <para>A customer is a member from <see cref="JoinedAt"/> (inclusive) until <see cref="LeftAt"/> (exclusive).</para>
/// <para>Immutable; equality by value; thread-safe.</para>
/// </remarks>
public sealed record Membership
{
    /// <summary>Creates a membership.</summary>
    /// <param name="customerId">The member.</param>
    /// <param name="joinedAt">When they joined.</param>
    /// <param name="leftAt">When they left, after <paramref name="joinedAt"/>; <c>null</c> while a member.</param>
    /// <exception cref="ArgumentException">The id is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leftAt"/> is not after <paramref name="joinedAt"/>.</exception>
    public Membership(CustomerId customerId, Instant joinedAt, Instant? leftAt = null)
    {
        CustomerId = Rules.Initialised(customerId, nameof(customerId));
        if (leftAt is { } left && left <= joinedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(leftAt), left, $"A member leaves after joining ({joinedAt}).");
        }

        JoinedAt = joinedAt;
        LeftAt = leftAt;
    }

    /// <summary>The member.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When they joined.</summary>
    public Instant JoinedAt { get; }

    /// <summary>When they left, or <c>null</c>.</summary>
    public Instant? LeftAt { get; }

    /// <summary>Whether the customer is a member at an instant: joined at or before it, and not left at or before it.</summary>
    /// <param name="at">The instant.</param>
    /// <returns><c>true</c> when a member.</returns>
    public bool IsMemberAt(Instant at) => JoinedAt <= at && (LeftAt is not { } left || at < left);
}
