namespace Crm.Metrics.Lifetime;

/// <summary>
/// The effect γ of one covariate in a model with covariates: how the covariate shifts a customer's parameters (see
/// <see cref="BgNbdCovariateModel"/> and <see cref="ParetoNbdCovariateModel"/> for the direction of each).
/// </summary>
/// <param name="Name">The covariate's name (a category's dummy is named <c>column=category</c>).</param>
/// <param name="Value">γ: any real number; 0 for no effect.</param>
public sealed record CovariateEffect(string Name, double Value)
{
    /// <summary>The covariate's name (a category's dummy is named <c>column=category</c>).</summary>
    public string Name { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Name)); } = Crm.Internal.Checked.NotNull(Name, nameof(Name));

    /// <summary>γ: any real number; 0 for no effect.</summary>
    public double Value { get; init => field = Crm.Internal.Finite.Of(value, nameof(Value)); } = Crm.Internal.Finite.Of(Value, nameof(Value));

    /// <summary>The members, numbers in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
