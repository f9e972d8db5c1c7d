using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>A contact between the business and a customer (沟通): a call, a visit, a chat, a care greeting.</summary>
/// <remarks>Immutable; equality by value; thread-safe.</remarks>
public sealed record Interaction
{
    /// <summary>Creates an interaction record.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="channel">The communication channel.</param>
    /// <param name="direction">Inbound (the customer reached out) or outbound.</param>
    /// <param name="purpose">Why it happened.</param>
    /// <exception cref="ArgumentException">The id is default or an enum value is undefined.</exception>
    public Interaction(CustomerId customerId, Instant occurredAt, CommunicationChannel channel, InteractionDirection direction, InteractionPurpose purpose)
    {
        CustomerId = Rules.Initialised(customerId, nameof(customerId));
        OccurredAt = occurredAt;
        Channel = Rules.Defined(channel, nameof(channel));
        Direction = Rules.Defined(direction, nameof(direction));
        Purpose = Rules.Defined(purpose, nameof(purpose));
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When it happened.</summary>
    public Instant OccurredAt { get; }

    /// <summary>The communication channel.</summary>
    public CommunicationChannel Channel { get; }

    /// <summary>Inbound or outbound.</summary>
    public InteractionDirection Direction { get; }

    /// <summary>Why it happened.</summary>
    public InteractionPurpose Purpose { get; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
