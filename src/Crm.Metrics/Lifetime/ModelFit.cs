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
    /// A parameter ran towards 0 or infinity (beyond e^±25): the data do not identify it — typically too few
    /// customers or no repeat purchases. The parameters are finite but should not be used for predictions.
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
}

/// <summary>The state of a fit after one iteration, for an <see cref="IProgress{T}"/>.</summary>
/// <param name="Iteration">Iterations done (1 after the first).</param>
/// <param name="LogLikelihood">ln L at the current parameters.</param>
/// <param name="GradientNorm">‖∇ ln L‖ with respect to the log-parameters.</param>
public readonly record struct FitProgress(int Iteration, double LogLikelihood, double GradientNorm);

/// <summary>One fitted parameter with its asymptotic standard error.</summary>
/// <param name="Name">The parameter's name as in the papers (<c>r</c>, <c>alpha</c>, <c>a</c>, <c>b</c>, …).</param>
/// <param name="Value">The maximum-likelihood estimate.</param>
/// <param name="StandardError">
/// √ of the diagonal of the inverse of the observed information (the Hessian of −ln L at the estimate); null when
/// that Hessian is not positive definite (the maximum is flat in some direction: the parameter is not identified).
/// </param>
public sealed record ParameterEstimate(string Name, double Value, double? StandardError);

/// <summary>A fitted model with what the fit says about itself.</summary>
/// <typeparam name="TModel">The model type.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ModelFit<TModel>
    where TModel : class
{
    internal ModelFit(TModel model, double logLikelihood, int iterations, double gradientNorm, FitStatus status, IReadOnlyList<ParameterEstimate> parameters, int customers, int distinctSummaries)
    {
        Model = model;
        LogLikelihood = logLikelihood;
        Iterations = iterations;
        GradientNorm = gradientNorm;
        Status = status;
        Parameters = parameters;
        Customers = customers;
        DistinctSummaries = distinctSummaries;
    }

    /// <summary>The model at the estimated parameters.</summary>
    public TModel Model { get; }

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
