using Crm.Metrics.Lifetime.Intervals;

namespace Crm.Metrics.Lifetime;

/// <summary>A fitted model with what the fit says about itself.</summary>
/// <typeparam name="TModel">The model type.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ModelFit<TModel>
    where TModel : class
{
    private readonly Func<double[], TModel>? _create; // the model at other parameters, in the order of Parameters

    internal ModelFit(TModel model, double logLikelihood, int iterations, double gradientNorm, FitStatus status, IReadOnlyList<ParameterEstimate> parameters, int customers, int distinctSummaries, string? boundaryParameter = null, IReadOnlyList<IReadOnlyList<double>>? covariance = null, Func<double[], TModel>? create = null)
    {
        _create = create;
        Covariance = covariance;
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
    [System.Text.Json.Serialization.JsonIgnore] // a document carries ModelAsFitted with the status: a fit that did not converge is written too
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

    /// <summary>
    /// The asymptotic covariance of the estimates, in the order of <see cref="Parameters"/>: the inverse of the
    /// observed information (the Hessian of −ln L at the estimate), whose diagonal's square roots are the standard
    /// errors. Null when that Hessian is not positive definite.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? Covariance { get; }

    /// <summary>
    /// Models at parameters drawn from the fit's asymptotic normal on the log scale — ln θ ~ N(ln θ̂, Σ_log), with
    /// Σ_log[i, j] = <see cref="Covariance"/>[i, j] / (θ̂_i θ̂_j) — for the uncertainty of any prediction: compute it
    /// under each model and take percentiles (<see cref="ForecastIntervals"/> does so for the purchase models' forecasts).
    /// </summary>
    /// <param name="count">How many models; 1 to 1,000,000.</param>
    /// <param name="seed">The seed: the same fit, count and seed give the same models on every platform.</param>
    /// <returns>The models, each at one draw.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 1 to 1,000,000.</exception>
    /// <exception cref="FitNotConvergedException">The fit did not converge: its covariance describes no maximum.</exception>
    /// <exception cref="InvalidOperationException">The fit has no <see cref="Covariance"/> (its observed information is not positive definite), or a standard error is so large beside its estimate that a draw leaves the range of a double.</exception>
    public IReadOnlyList<TModel> DrawModels(int count, int seed) =>
        Array.AsReadOnly(Array.ConvertAll(DrawParameters(count, new Sampler(seed), nameof(count)), Create));

    /// <summary>Parameter vectors drawn from <paramref name="sampler"/>'s sequence, with the checks of <see cref="DrawModels"/>.</summary>
    internal double[][] DrawParameters(int count, Sampler sampler, string countParameter)
    {
        if (count is < 1 or > ParameterDraws.MaxDraws)
        {
            throw new ArgumentOutOfRangeException(countParameter, count, "The number of draws is from 1 to 1,000,000.");
        }

        if (!IsConverged)
        {
            throw new FitNotConvergedException(Status, BoundaryParameter);
        }

        var covariance = Covariance
            ?? throw new InvalidOperationException("The fit has no covariance: its observed information is not positive definite (a parameter is not identified by the data), so its parameters cannot be drawn.");
        return ParameterDraws.Draw(Parameters, covariance, count, sampler);
    }

    /// <summary>The model at <paramref name="parameters"/> (in the order of <see cref="Parameters"/>).</summary>
    internal TModel Create(double[] parameters) =>
        _create is { } create ? create(parameters) : throw new InvalidOperationException("This fit cannot build models at other parameters.");

    /// <summary>
    /// AIC = 2k − 2 ln L, with k the number of <see cref="Parameters"/>: lower is better. Compares models fitted to the
    /// same customers; a difference below about 2 says little.
    /// </summary>
    public double Aic => (2.0 * Parameters.Count) - (2 * LogLikelihood);

    /// <summary>
    /// BIC = k ln N − 2 ln L, with N the <see cref="Customers"/>: lower is better; it charges each parameter more
    /// than AIC does on any base of more than seven customers.
    /// </summary>
    public double Bic => (Parameters.Count * Math.Log(Customers)) - (2 * LogLikelihood);
}
