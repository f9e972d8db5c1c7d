namespace Crm.Metrics.Lifetime;

/// <summary>
/// One customer's static covariates: the values that shift their purchase process (z^P) and their dropout process
/// (z^L), in the order of a <see cref="CovariateTable"/>'s names. A category is a dummy: 1 for the customer's category,
/// 0 for the others, none for the baseline.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Purchase">z^P, one value per <see cref="CovariateTable.PurchaseNames"/>.</param>
/// <param name="Lifetime">z^L, one value per <see cref="CovariateTable.LifetimeNames"/>.</param>
public sealed record CustomerCovariates(CustomerId CustomerId, IReadOnlyList<double> Purchase, IReadOnlyList<double> Lifetime)
{
    /// <summary>z^P, one value per <see cref="CovariateTable.PurchaseNames"/>.</summary>
    public IReadOnlyList<double> Purchase { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Purchase)); } = Crm.Internal.Checked.NotNull(Purchase, nameof(Purchase));

    /// <summary>z^L, one value per <see cref="CovariateTable.LifetimeNames"/>.</summary>
    public IReadOnlyList<double> Lifetime { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Lifetime)); } = Crm.Internal.Checked.NotNull(Lifetime, nameof(Lifetime));

    /// <summary>The members, numbers in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
