namespace Crm.Metrics.Lifetime;

/// <summary>One purchase model's fit, named, for <see cref="PurchaseModelComparison"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PurchaseModelFit
{
    private PurchaseModelFit(string name, IPurchaseModel model, double logLikelihood, double aic, double bic, int parameterCount, int customers, bool isConverged)
    {
        Name = name;
        Model = model;
        LogLikelihood = logLikelihood;
        Aic = aic;
        Bic = bic;
        ParameterCount = parameterCount;
        Customers = customers;
        IsConverged = isConverged;
    }

    /// <summary>The name shown, for example "MBG/NBD".</summary>
    public string Name { get; }

    /// <summary>The model at the parameters where the fit stopped.</summary>
    public IPurchaseModel Model { get; }

    /// <summary>ln L at the estimate.</summary>
    public double LogLikelihood { get; }

    /// <summary>AIC of the fit.</summary>
    public double Aic { get; }

    /// <summary>BIC of the fit.</summary>
    public double Bic { get; }

    /// <summary>The number of parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>The customers the model was fitted on.</summary>
    public int Customers { get; }

    /// <summary>Whether the fit converged.</summary>
    public bool IsConverged { get; }

    /// <summary>A purchase model's fit with the name to show.</summary>
    /// <typeparam name="TModel">The purchase model (BG/NBD, MBG/NBD, Pareto/NBD, or one of yours).</typeparam>
    /// <param name="name">The name to show; not blank.</param>
    /// <param name="fit">The fit.</param>
    /// <returns>The named fit.</returns>
    /// <exception cref="ArgumentException">The name is blank.</exception>
    public static PurchaseModelFit Of<TModel>(string name, ModelFit<TModel> fit)
        where TModel : class, IPurchaseModel
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(fit);
        return new PurchaseModelFit(name, fit.ModelAsFitted, fit.LogLikelihood, fit.Aic, fit.Bic, fit.Parameters.Count, fit.Customers, fit.IsConverged);
    }

    /// <summary>The name and ln L (invariant culture).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name}: ln L {LogLikelihood:F2}");
}
