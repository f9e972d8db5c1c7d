using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

/// <summary>One entry of a customer's lifecycle history: the stage entered, when, and why.</summary>
/// <remarks>The first entry of a history has no <see cref="From"/> stage. Immutable; equality by value.</remarks>
public sealed record LifecycleTransition
{
    /// <summary>Creates a history entry.</summary>
    /// <param name="from">The stage left, or <c>null</c> for the first entry.</param>
    /// <param name="to">The stage entered.</param>
    /// <param name="at">When the stage was entered.</param>
    /// <param name="reason">Why (a rule that fired, a person's decision); not empty.</param>
    /// <exception cref="ArgumentException">A stage is undefined or the reason is empty or padded.</exception>
    public LifecycleTransition(LifecycleStage? from, LifecycleStage to, Instant at, string reason)
    {
        From = from is { } f ? Rules.Defined(f, nameof(from)) : null;
        To = Rules.Defined(to, nameof(to));
        At = at;
        Reason = Rules.Key(reason, nameof(reason));
    }

    /// <summary>The stage left, or <c>null</c> for the first entry.</summary>
    public LifecycleStage? From { get; }

    /// <summary>The stage entered.</summary>
    public LifecycleStage To { get; }

    /// <summary>When the stage was entered.</summary>
    public Instant At { get; }

    /// <summary>Why the stage was entered.</summary>
    public string Reason { get; }

    /// <summary>The members, numbers and dates in the invariant culture; the free-text reason shown as <c>(hidden)</c> (they may be personal data).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this, nameof(Reason));
}
