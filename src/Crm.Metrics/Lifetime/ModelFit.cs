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

/// <summary>Options of a model fit.</summary>
/// <remarks>Immutable and thread-safe; its rules are checked when a fit starts.</remarks>
public sealed record FitOptions
{
    /// <summary>The most quasi-Newton iterations; default 500; at least 1.</summary>
    public int MaxIterations { get; init; } = 500;

    /// <summary>
    /// Converged when ‖∇ ln L‖ (with respect to the log-parameters) ≤ this × max(1, |ln L|); default 1e-8;
    /// positive. Relative, because a likelihood summed over N customers has a gradient that grows with N.
    /// </summary>
    public double GradientTolerance { get; init; } = 1e-8;

    internal static FitOptions Default { get; } = new();

    internal void Validate(string parameter)
    {
        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(parameter, MaxIterations, "FitOptions.MaxIterations must be at least 1.");
        }

        if (!(GradientTolerance > 0) || !double.IsFinite(GradientTolerance))
        {
            throw new ArgumentOutOfRangeException(parameter, GradientTolerance, "FitOptions.GradientTolerance must be positive and finite.");
        }
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>The state of a fit after one iteration, for an <see cref="IProgress{T}"/>.</summary>
/// <param name="Iteration">Iterations done (1 after the first).</param>
/// <param name="LogLikelihood">ln L at the current parameters.</param>
/// <param name="GradientNorm">‖∇ ln L‖ with respect to the log-parameters.</param>
public readonly record struct FitProgress(int Iteration, double LogLikelihood, double GradientNorm)
{
    /// <summary>‖∇ ln L‖ with respect to the log-parameters.</summary>
    public double GradientNorm { get; init => field = Crm.Internal.Finite.Of(value, nameof(GradientNorm)); } = Crm.Internal.Finite.Of(GradientNorm, nameof(GradientNorm));

    /// <summary>ln L at the current parameters.</summary>
    public double LogLikelihood { get; init => field = Crm.Internal.Finite.Of(value, nameof(LogLikelihood)); } = Crm.Internal.Finite.Of(LogLikelihood, nameof(LogLikelihood));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>One fitted parameter with its asymptotic standard error.</summary>
/// <param name="Name">The parameter's name as in the papers (<c>r</c>, <c>alpha</c>, <c>a</c>, <c>b</c>, …).</param>
/// <param name="Value">The maximum-likelihood estimate.</param>
/// <param name="StandardError">
/// √ of the diagonal of the inverse of the observed information (the Hessian of −ln L at the estimate); null when
/// that Hessian is not positive definite (the maximum is flat in some direction: the parameter is not identified).
/// </param>
public sealed record ParameterEstimate(string Name, double Value, double? StandardError)
{
    /// <summary>The parameter's name as in the papers (<c>r</c>, <c>alpha</c>, <c>a</c>, <c>b</c>, …).</summary>
    public string Name { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Name)); } = Crm.Internal.Checked.NotNull(Name, nameof(Name));

    /// <summary>√ of the diagonal of the inverse of the observed information (the Hessian of −ln L at the estimate); null when that Hessian is not positive definite (the maximum is flat in some direction: the parameter is not identified).</summary>
    public double? StandardError { get; init => field = Crm.Internal.Finite.Of(value, nameof(StandardError)); } = Crm.Internal.Finite.Of(StandardError, nameof(StandardError));

    /// <summary>The maximum-likelihood estimate.</summary>
    public double Value { get; init => field = Crm.Internal.Finite.Of(value, nameof(Value)); } = Crm.Internal.Finite.Of(Value, nameof(Value));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>A fitted model with what the fit says about itself.</summary>
/// <typeparam name="TModel">The model type.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ModelFit<TModel>
    where TModel : class
{
    internal ModelFit(TModel model, double logLikelihood, int iterations, double gradientNorm, FitStatus status, IReadOnlyList<ParameterEstimate> parameters, int customers, int distinctSummaries, string? boundaryParameter = null)
    {
        ModelAsFitted = model;
        BoundaryParameter = boundaryParameter;
        LogLikelihood = logLikelihood;
        Iterations = iterations;
        GradientNorm = gradientNorm;
        Status = status;
        Parameters = parameters;
        Customers = customers;
        DistinctSummaries = distinctSummaries;
    }

    /// <summary>The model at the estimated parameters, for predictions: only from a fit that converged.</summary>
    /// <exception cref="FitNotConvergedException">
    /// The fit did not converge (<see cref="IsConverged"/> is false): its predictions would be meaningless. Inspect
    /// the parameters through <see cref="Parameters"/>, or take <see cref="ModelAsFitted"/> to predict anyway.
    /// </exception>
    public TModel Model => IsConverged ? ModelAsFitted : throw new FitNotConvergedException(Status, BoundaryParameter);

    /// <summary>
    /// The model at the parameters where the fit stopped, converged or not: the explicit way to predict from a fit that
    /// did not converge (to show its parameters, or to compare). Prefer <see cref="Model"/>, which refuses such fits.
    /// </summary>
    public TModel ModelAsFitted { get; }

    /// <summary>The name of the parameter that ran to its bound (<see cref="FitStatus.ParameterAtBoundary"/>), else null.</summary>
    public string? BoundaryParameter { get; }

    /// <summary>
    /// ln L at the estimate, on the papers' scale: the sum over customers of each customer's log-likelihood in the
    /// model's time unit (comparable with the published values and other tools).
    /// </summary>
    public double LogLikelihood { get; }

    /// <summary>
    /// Quasi-Newton iterations used on all the data. A BG/NBD or Pareto/NBD fit of a large base (20,000 or more
    /// distinct summaries) starts from the fit of an evenly spaced sample of about 5,000 customers, whose iterations
    /// are not counted here.
    /// </summary>
    public int Iterations { get; }

    /// <summary>‖∇ ln L‖ with respect to the log-parameters at the estimate.</summary>
    public double GradientNorm { get; }

    /// <summary>How the fit ended.</summary>
    public FitStatus Status { get; }

    /// <summary>Whether <see cref="Status"/> is <see cref="FitStatus.Converged"/> or <see cref="FitStatus.NoFurtherProgress"/>.</summary>
    public bool IsConverged => Status is FitStatus.Converged or FitStatus.NoFurtherProgress;

    /// <summary>The estimates with their standard errors, in the papers' order.</summary>
    public IReadOnlyList<ParameterEstimate> Parameters { get; }

    /// <summary>The customers the model was fitted on.</summary>
    public int Customers { get; }

    /// <summary>The distinct summaries among them (identical ones are evaluated once).</summary>
    public int DistinctSummaries { get; }
}

/// <summary>A model of when customers buy: what CLV needs from BG/NBD or Pareto/NBD.</summary>
public interface IPurchaseModel
{
    /// <summary>The unit the model was fitted in.</summary>
    ModelTimeUnit TimeUnit { get; }

    /// <summary>E[Y(t) | x, t_x, T]: the purchases expected from this customer in the next <paramref name="t"/>.</summary>
    /// <param name="customer">The customer's summary (any unit; converted to <see cref="TimeUnit"/>).</param>
    /// <param name="t">The horizon.</param>
    /// <returns>The expected number of purchases; ≥ 0.</returns>
    double ExpectedPurchases(in CustomerSummary customer, ModelTime t);

    /// <summary>E[X(t)]: the purchases expected in <paramref name="t"/> from a customer just acquired.</summary>
    /// <param name="t">The horizon.</param>
    /// <returns>The expected number of purchases; ≥ 0.</returns>
    double ExpectedPurchasesForNewCustomer(ModelTime t);

    /// <summary>P(alive | x, t_x, T): the probability that the customer is still a customer at the end of calibration.</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>A probability in [0, 1].</returns>
    double ProbabilityAlive(in CustomerSummary customer);
}

/// <summary>The check every model's constructor applies to its parameters.</summary>
internal static class ModelParameters
{
    public static double Positive(double value, string parameter) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(parameter, value, "A model parameter must be positive and finite.");
}

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
