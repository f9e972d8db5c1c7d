using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>Unsolicited feedback from a customer (反馈): a suggestion or praise, by channel.</summary>
/// <remarks>Immutable; equality by value; thread-safe. The text may be personal: <see cref="ToString"/> hides it.</remarks>
public sealed record Feedback
{
    /// <summary>Creates a feedback record.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="receivedAt">When it was received.</param>
    /// <param name="kind">Suggestion or praise.</param>
    /// <param name="channel">The channel it came through.</param>
    /// <param name="text">What the customer said, when recorded.</param>
    /// <exception cref="ArgumentException">The id is default, an enum value is undefined, or the text is empty or padded.</exception>
    public Feedback(CustomerId customerId, Instant receivedAt, FeedbackKind kind, CommunicationChannel channel, string? text = null)
    {
        CustomerId = Rules.Initialised(customerId, nameof(customerId));
        ReceivedAt = receivedAt;
        Kind = Rules.Defined(kind, nameof(kind));
        Channel = Rules.Defined(channel, nameof(channel));
        Text = Rules.OptionalKey(text, nameof(text));
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When it was received.</summary>
    public Instant ReceivedAt { get; }

    /// <summary>Suggestion or praise.</summary>
    public FeedbackKind Kind { get; }

    /// <summary>The channel it came through.</summary>
    public CommunicationChannel Channel { get; }

    /// <summary>What the customer said, or <c>null</c>.</summary>
    public string? Text { get; }

    /// <summary>Describes the feedback without its text.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => FormattableString.Invariant($"Feedback ({Kind} from {CustomerId} via {Channel} at {ReceivedAt})");
}
