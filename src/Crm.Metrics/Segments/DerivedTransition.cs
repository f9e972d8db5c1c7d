using Crm.Domain.Customers;

namespace Crm.Metrics.Segments;

/// <summary>A lifecycle transition derived from behaviour, ready for <see cref="Customer.MoveTo"/>.</summary>
/// <param name="From">The stage left.</param>
/// <param name="To">The stage entered (always allowed by <see cref="LifecycleRules"/>).</param>
/// <param name="At">The first instant of the day it happened, in the zone.</param>
/// <param name="Reason">Why, in words and numbers.</param>
public sealed record DerivedTransition(LifecycleStage From, LifecycleStage To, Instant At, string Reason)
{
    /// <summary>Why, in words and numbers.</summary>
    public string Reason { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Reason)); } = Crm.Internal.Checked.NotNull(Reason, nameof(Reason));

    /// <summary>The stage entered (always allowed by <see cref="LifecycleRules"/>).</summary>
    public LifecycleStage To { get; init => field = Crm.Internal.Checked.Defined(value, nameof(To)); } = Crm.Internal.Checked.Defined(To, nameof(To));

    /// <summary>The stage left.</summary>
    public LifecycleStage From { get; init => field = Crm.Internal.Checked.Defined(value, nameof(From)); } = Crm.Internal.Checked.Defined(From, nameof(From));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
