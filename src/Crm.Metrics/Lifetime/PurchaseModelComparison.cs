namespace Crm.Metrics.Lifetime;

/// <summary>
/// The purchase models fitted to one summary side by side — ln L, AIC, BIC and, when the summary has a holdout
/// period, the mean absolute error of their holdout predictions by calibration frequency — best first.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PurchaseModelComparison
{
    // The holdout tracking behind each model's holdout error, by model name (empty without a holdout).
    private readonly Dictionary<string, HoldoutTracking> _tracking;

    private PurchaseModelComparison(IReadOnlyList<ComparedModel> models, Dictionary<string, HoldoutTracking> tracking)
    {
        Models = models;
        _tracking = tracking;
    }

    /// <summary>
    /// The models, best first: by AIC, then BIC, then name. The purchase models all have four parameters, so on one
    /// summary this is their order by ln L; the holdout error is reported beside it, for the reader to weigh.
    /// </summary>
    public IReadOnlyList<ComparedModel> Models { get; }

    /// <summary>Compares fits of purchase models to <paramref name="summary"/>.</summary>
    /// <param name="summary">The summary every model was fitted to; with a holdout period, the holdout errors are computed.</param>
    /// <param name="fits">The fits, each with its name (<see cref="PurchaseModelFit.Of"/>).</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">
    /// No fit is given, a name is given twice, or a fit was made on another number of customers or in another time
    /// unit than <paramref name="summary"/> (likelihoods of different data do not compare).
    /// </exception>
    public static PurchaseModelComparison Of(CustomerBaseSummary summary, params PurchaseModelFit[] fits)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(fits);
        if (fits.Length == 0)
        {
            throw new ArgumentException("Give at least one fit to compare.", nameof(fits));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<ComparedModel>(fits.Length);
        var tracking = new Dictionary<string, HoldoutTracking>(StringComparer.Ordinal);
        foreach (var fit in fits)
        {
            Crm.Internal.Elements.NotNull(fit, nameof(fits));
            if (!names.Add(fit.Name))
            {
                throw new ArgumentException($"The model \"{fit.Name}\" is given twice.", nameof(fits));
            }

            if (fit.Customers != summary.Customers.Count || fit.Model.TimeUnit != summary.TimeUnit)
            {
                throw new ArgumentException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The {fit.Name} fit was made on {fit.Customers:N0} customers in {fit.Model.TimeUnit}; the summary has {summary.Customers.Count:N0} in {summary.TimeUnit}. Compare fits of one summary."),
                    nameof(fits));
            }

            double? holdoutError = null;
            if (summary.HoldoutLength is not null)
            {
                var tracked = HoldoutTracking.Compute(fit.Model, summary);
                tracking.Add(fit.Name, tracked);
                holdoutError = tracked.MeanAbsoluteErrorByFrequency;
            }

            rows.Add(new ComparedModel(fit.Name, fit.LogLikelihood, fit.Aic, fit.Bic, fit.ParameterCount, fit.IsConverged, holdoutError));
        }

        rows.Sort(static (x, y) => x.Aic != y.Aic ? x.Aic.CompareTo(y.Aic)
            : x.Bic != y.Bic ? x.Bic.CompareTo(y.Bic)
            : string.CompareOrdinal(x.Model, y.Model));
        return new PurchaseModelComparison(rows.AsReadOnly(), tracking);
    }

    /// <summary>
    /// The holdout tracking of a compared model — predicted against actual repeat purchases, week by week and by
    /// calibration frequency — that its <see cref="ComparedModel.HoldoutMeanAbsoluteError"/> was computed from, so that a caller
    /// who shows the curves need not compute them again.
    /// </summary>
    /// <param name="model">The model's name, as given to <see cref="PurchaseModelFit.Of"/>.</param>
    /// <returns>The tracking; null when the summary has no holdout period.</returns>
    /// <exception cref="ArgumentException">No model of that name was compared.</exception>
    public HoldoutTracking? TrackingOf(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Models.Any(m => string.Equals(m.Model, model, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"No model named \"{model}\" was compared; the names are those given to PurchaseModelFit.Of.", nameof(model));
        }

        return _tracking.GetValueOrDefault(model);
    }

    /// <summary>The models, best first (invariant culture).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("; ", Models);
}
