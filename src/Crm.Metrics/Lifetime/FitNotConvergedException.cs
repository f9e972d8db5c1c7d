namespace Crm.Metrics.Lifetime;

/// <summary>
/// Predictions were asked of a model fit that did not converge (<see cref="ModelFit{TModel}.IsConverged"/> is false):
/// the parameters are not the maximum of the likelihood, or one ran to its bound, and predictions from them would be
/// meaningless. The message says how the fit ended and which parameter the data do not identify.
/// </summary>
public sealed class FitNotConvergedException : DomainException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public FitNotConvergedException()
        : base("The model fit did not converge; its predictions would be meaningless.")
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    /// <param name="message">The message.</param>
    public FitNotConvergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FitNotConvergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a fit that ended with <paramref name="status"/>.</summary>
    /// <param name="status">How the fit ended.</param>
    /// <param name="boundaryParameter">The parameter that ran to its bound, if that is why.</param>
    public FitNotConvergedException(FitStatus status, string? boundaryParameter)
        : base(Describe(status, boundaryParameter))
    {
        Status = status;
        BoundaryParameter = boundaryParameter;
    }

    /// <summary>How the fit ended.</summary>
    public FitStatus Status { get; }

    /// <summary>The parameter that ran to its bound, or null.</summary>
    public string? BoundaryParameter { get; }

    private static string Describe(FitStatus status, string? parameter) => status switch
    {
        FitStatus.ParameterAtBoundary =>
            $"The fit did not converge: the parameter {parameter ?? "(unnamed)"} ran to its bound, so the data do not identify it (too few customers or repeat purchases, or customers all alike). Predictions from it would be meaningless; use ModelAsFitted to predict anyway.",
        FitStatus.IterationLimit =>
            "The fit did not converge: it stopped at the iteration limit (FitOptions.MaxIterations) before the maximum. Raise the limit, or use ModelAsFitted to predict anyway.",
        _ => "The model fit did not converge; its predictions would be meaningless. Use ModelAsFitted to predict anyway.",
    };
}
