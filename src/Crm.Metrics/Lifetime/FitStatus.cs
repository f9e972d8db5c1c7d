namespace Crm.Metrics.Lifetime;

/// <summary>How the maximisation of a model's likelihood ended.</summary>
public enum FitStatus
{
    /// <summary>The gradient fell below the tolerance: the parameters are at the maximum.</summary>
    Converged,

    /// <summary>
    /// No step along the search direction raised the likelihood any more: at the precision of the likelihood this
    /// is the maximum, but the gradient did not reach the tolerance. Check <see cref="ModelFit{TModel}.GradientNorm"/>.
    /// </summary>
    NoFurtherProgress,

    /// <summary>The iteration limit (<see cref="FitOptions.MaxIterations"/>) was reached first: the parameters are not the maximum.</summary>
    IterationLimit,

    /// <summary>
    /// A parameter ran towards 0 or infinity (beyond e^±11.5, about 10⁵ or 10⁻⁵; its name is
    /// <see cref="ModelFit{TModel}.BoundaryParameter"/>): the data do not identify it — too few customers, no repeat
    /// purchases, or a base without heterogeneity (identical customers, or customers who all buy at one rate and never
    /// drop out). The parameters are finite but predictions from them are meaningless: <see cref="ModelFit{TModel}.Model"/>
    /// refuses them.
    /// </summary>
    ParameterAtBoundary,
}
