using Crm.Domain.Customers;

namespace Crm.Metrics.Segments;

/// <summary>A customer's lifecycle derived from their purchases.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Stage">The stage at the analysis date.</param>
/// <param name="Transitions">The transitions from <see cref="LifecycleStage.Prospect"/>, in time order.</param>
public sealed record DerivedLifecycle(CustomerId CustomerId, LifecycleStage Stage, IReadOnlyList<DerivedTransition> Transitions)
{
    /// <summary>The transitions from <see cref="LifecycleStage.Prospect"/>, in time order.</summary>
    public IReadOnlyList<DerivedTransition> Transitions { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Transitions)); } = Crm.Internal.Checked.NotNull(Transitions, nameof(Transitions));

    /// <summary>The stage at the analysis date.</summary>
    public LifecycleStage Stage { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Stage)); } = Crm.Internal.Checked.Defined(Stage, nameof(Stage));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
