namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>
/// A points ledger entry would make a member's balance negative at some instant: a redemption or debit of more than
/// the member holds then, or an entry whose place in time leaves a later debit uncovered. The entry is refused and the
/// ledger is left as it was.
/// </summary>
public sealed class InsufficientPointsException : DomainException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public InsufficientPointsException()
        : base("The points balance would go negative.")
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    /// <param name="message">The message.</param>
    public InsufficientPointsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InsufficientPointsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an entry.</summary>
    /// <param name="message">What was refused and where the balance goes negative.</param>
    /// <param name="member">The member.</param>
    /// <param name="entry">The entry refused.</param>
    /// <param name="shortfall">The points missing at the instant the balance would go negative.</param>
    /// <param name="at">That instant.</param>
    public InsufficientPointsException(string message, CustomerId member, PointsEntry entry, long shortfall, Instant at)
        : base(message)
    {
        Member = member;
        Entry = entry;
        Shortfall = shortfall;
        At = at;
    }

    /// <summary>The member, or the default id when not known.</summary>
    public CustomerId Member { get; }

    /// <summary>The entry refused, or <c>null</c> when not known.</summary>
    public PointsEntry? Entry { get; }

    /// <summary>The points missing when the balance would go negative.</summary>
    public long Shortfall { get; }

    /// <summary>When the balance would go negative.</summary>
    public Instant At { get; }
}
