using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>
/// A complaint case (投诉): opened, answered for the first time, resolved — each instant no earlier than the
/// one before — with an optional target resolution time, severity and channel.
/// </summary>
/// <remarks>
/// <para>A case resolved without ever being answered (an auto-closed ticket) has a resolution and no first
/// response (<see cref="IsResolvedWithoutReply"/>); first-response metrics leave it out and count it apart. When the
/// resolution was the first reply, pass the same instant for both.</para>
/// <para>Immutable; equality by value; thread-safe. Record progress with <see cref="WithFirstResponse"/> and
/// <see cref="WithResolution"/>, which return a new record.</para>
/// </remarks>
public sealed record Complaint
{
    /// <summary>Creates a complaint record.</summary>
    /// <param name="id">The case id.</param>
    /// <param name="customerId">The customer who complained.</param>
    /// <param name="openedAt">When the case was opened.</param>
    /// <param name="firstResponseAt">When the customer first got an answer; not before <paramref name="openedAt"/>; <c>null</c> while unanswered.</param>
    /// <param name="resolvedAt">When the case was resolved; not before the opening nor <paramref name="firstResponseAt"/>; <c>null</c> while open.</param>
    /// <param name="targetResolutionTime">The service-level target from opening to resolution, positive; <c>null</c> when none.</param>
    /// <param name="severity">The severity, when recorded.</param>
    /// <param name="channel">The channel the complaint came through, when recorded.</param>
    /// <exception cref="ArgumentException">An id is default, or an enum value is undefined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An instant is earlier than the one before it, or the target is not positive.</exception>
    public Complaint(
        ComplaintId id,
        CustomerId customerId,
        Instant openedAt,
        Instant? firstResponseAt = null,
        Instant? resolvedAt = null,
        Duration? targetResolutionTime = null,
        ComplaintSeverity? severity = null,
        CommunicationChannel? channel = null)
    {
        Id = Rules.Initialised(id, nameof(id));
        CustomerId = Rules.Initialised(customerId, nameof(customerId));
        OpenedAt = openedAt;
        if (firstResponseAt is { } answered && answered < openedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(firstResponseAt), answered, $"The first response cannot be earlier than the opening ({openedAt}).");
        }

        if (resolvedAt is { } resolved)
        {
            if (resolved < openedAt)
            {
                throw new ArgumentOutOfRangeException(nameof(resolvedAt), resolved, $"The resolution cannot be earlier than the opening ({openedAt}).");
            }

            if (firstResponseAt is { } responded && resolved < responded)
            {
                throw new ArgumentOutOfRangeException(nameof(resolvedAt), resolved, $"The resolution cannot be earlier than the first response ({responded}).");
            }
        }

        if (targetResolutionTime is { } target && target <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(targetResolutionTime), "The target resolution time must be positive.");
        }

        if (targetResolutionTime is { } span && Instant.MaxValue - openedAt < span)
        {
            throw new ArgumentOutOfRangeException(nameof(targetResolutionTime), "The deadline (opening + target) lies beyond the last instant the calendar holds; give a shorter target or a real opening instant.");
        }

        FirstResponseAt = firstResponseAt;
        ResolvedAt = resolvedAt;
        TargetResolutionTime = targetResolutionTime;
        Severity = severity is { } s ? Rules.Defined(s, nameof(severity)) : null;
        Channel = channel is { } c ? Rules.Defined(c, nameof(channel)) : null;
    }

    /// <summary>The case id.</summary>
    public ComplaintId Id { get; }

    /// <summary>The customer who complained.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When the case was opened.</summary>
    public Instant OpenedAt { get; }

    /// <summary>When the customer first got an answer, or <c>null</c> while unanswered.</summary>
    public Instant? FirstResponseAt { get; }

    /// <summary>When the case was resolved, or <c>null</c> while open.</summary>
    public Instant? ResolvedAt { get; }

    /// <summary>The target from opening to resolution, or <c>null</c> when none.</summary>
    public Duration? TargetResolutionTime { get; }

    /// <summary>The severity, or <c>null</c>.</summary>
    public ComplaintSeverity? Severity { get; }

    /// <summary>The channel the complaint came through, or <c>null</c>.</summary>
    public CommunicationChannel? Channel { get; }

    /// <summary>When the target runs out (<see cref="OpenedAt"/> + target), or <c>null</c> without a target.</summary>
    public Instant? ResolutionDeadline => TargetResolutionTime is { } target ? OpenedAt + target : null;

    /// <summary>Time from opening to first response, or <c>null</c> while unanswered.</summary>
    public Duration? FirstResponseTime => FirstResponseAt - OpenedAt;

    /// <summary>Time from opening to resolution, or <c>null</c> while open.</summary>
    public Duration? ResolutionTime => ResolvedAt - OpenedAt;

    /// <summary>Whether the customer got an answer.</summary>
    public bool IsAnswered => FirstResponseAt is not null;

    /// <summary>Whether the case is resolved.</summary>
    public bool IsResolved => ResolvedAt is not null;

    /// <summary>Whether the case was resolved without ever being answered (an auto-closed ticket, for example).</summary>
    public bool IsResolvedWithoutReply => ResolvedAt is not null && FirstResponseAt is null;

    /// <summary>This case with its first response recorded.</summary>
    /// <param name="at">When the first response was given.</param>
    /// <returns>A new record.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the opening, or after a recorded resolution.</exception>
    public Complaint WithFirstResponse(Instant at)
    {
        if (at < OpenedAt || at > ResolvedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), "The first response lies between the opening and the resolution.");
        }

        return new(Id, CustomerId, OpenedAt, at, ResolvedAt, TargetResolutionTime, Severity, Channel);
    }

    /// <summary>This case resolved; a case never answered stays without a first response (it is resolved without a reply).</summary>
    /// <param name="at">When the case was resolved.</param>
    /// <returns>A new record.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the first response or the opening.</exception>
    public Complaint WithResolution(Instant at)
    {
        if (at < OpenedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"The resolution cannot be earlier than the opening ({OpenedAt}).");
        }

        return new(Id, CustomerId, OpenedAt, FirstResponseAt, at, TargetResolutionTime, Severity, Channel);
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
