using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

/// <summary>The stage of a customer in its lifecycle (客户生命周期, SPEC §3).</summary>
/// <remarks>The transitions allowed between stages are <see cref="LifecycleRules"/>.</remarks>
public enum LifecycleStage
{
    /// <summary>A potential customer (潜在客户) who has not bought yet.</summary>
    Prospect = 0,

    /// <summary>A new customer in the introduction stage (引入).</summary>
    New = 1,

    /// <summary>A customer whose relationship is growing (成长).</summary>
    Growing = 2,

    /// <summary>A mature, established customer (成熟).</summary>
    Mature = 3,

    /// <summary>A customer in decline, flagged by churn warning (衰退/流失预警).</summary>
    AtRisk = 4,

    /// <summary>A customer who has left (流失).</summary>
    Churned = 5,

    /// <summary>A churned customer won back (挽回).</summary>
    Reactivated = 6,
}

/// <summary>The allowed lifecycle transitions (SPEC §3). Nothing returns to Prospect; no stage moves to itself.</summary>
/// <remarks>
/// <code>
/// Prospect    → New
/// New         → Growing, AtRisk, Churned
/// Growing     → Mature, AtRisk, Churned
/// Mature      → AtRisk, Churned
/// AtRisk      → Growing, Mature, Churned
/// Churned     → Reactivated
/// Reactivated → Growing, AtRisk, Churned
/// </code>
/// </remarks>
public static class LifecycleRules
{
    // Read-only views: the table is shared by every caller and must not be changeable through a cast.
    private static readonly System.Collections.ObjectModel.ReadOnlyCollection<LifecycleStage>[] Allowed =
    [
        /* Prospect    */ Array.AsReadOnly([LifecycleStage.New]),
        /* New         */ Array.AsReadOnly([LifecycleStage.Growing, LifecycleStage.AtRisk, LifecycleStage.Churned]),
        /* Growing     */ Array.AsReadOnly([LifecycleStage.Mature, LifecycleStage.AtRisk, LifecycleStage.Churned]),
        /* Mature      */ Array.AsReadOnly([LifecycleStage.AtRisk, LifecycleStage.Churned]),
        /* AtRisk      */ Array.AsReadOnly([LifecycleStage.Growing, LifecycleStage.Mature, LifecycleStage.Churned]),
        /* Churned     */ Array.AsReadOnly([LifecycleStage.Reactivated]),
        /* Reactivated */ Array.AsReadOnly([LifecycleStage.Growing, LifecycleStage.AtRisk, LifecycleStage.Churned]),
    ];

    /// <summary>The stages a customer may move to from <paramref name="from"/>.</summary>
    /// <param name="from">The current stage.</param>
    /// <returns>The allowed target stages, in enum order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is undefined.</exception>
    public static IReadOnlyList<LifecycleStage> AllowedTargets(LifecycleStage from) =>
        Allowed[(int)Rules.Defined(from, nameof(from))];

    /// <summary>Whether a customer may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The current stage.</param>
    /// <param name="to">The target stage.</param>
    /// <returns><c>true</c> when the transition is in the table.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A stage is undefined.</exception>
    public static bool CanMove(LifecycleStage from, LifecycleStage to) =>
        Allowed[(int)Rules.Defined(from, nameof(from))].Contains(Rules.Defined(to, nameof(to)));
}

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

/// <summary>A lifecycle transition outside the table of <see cref="LifecycleRules"/> was attempted.</summary>
public sealed class InvalidLifecycleTransitionException : DomainException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public InvalidLifecycleTransitionException()
        : base("The lifecycle transition is not allowed.")
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    /// <param name="message">The message.</param>
    public InvalidLifecycleTransitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidLifecycleTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a transition from one stage to another.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="from">The current stage.</param>
    /// <param name="to">The stage requested.</param>
    public InvalidLifecycleTransitionException(CustomerId customerId, LifecycleStage from, LifecycleStage to)
        : base(Describe(customerId, from, to))
    {
        From = from;
        To = to;
    }

    /// <summary>The current stage.</summary>
    public LifecycleStage From { get; }

    /// <summary>The stage requested.</summary>
    public LifecycleStage To { get; }

    private static string Describe(CustomerId customerId, LifecycleStage from, LifecycleStage to)
    {
        var allowed = LifecycleRules.AllowedTargets(from);
        return $"Customer {customerId} cannot move from {from} to {to}. From {from} it may move to: {string.Join(", ", allowed)}.";
    }
}
