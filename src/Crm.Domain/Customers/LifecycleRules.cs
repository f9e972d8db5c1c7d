using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

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
