using System.Globalization;

namespace Crm.Metrics.Lifetime;

/// <summary>One model in a <see cref="PurchaseModelComparison"/>.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="LogLikelihood">ln L at the estimate.</param>
/// <param name="Aic">AIC = 2k − 2 ln L; lower is better.</param>
/// <param name="Bic">BIC = k ln N − 2 ln L; lower is better.</param>
/// <param name="Parameters">k, the number of parameters.</param>
/// <param name="IsConverged">Whether the fit converged (a fit that did not is compared at the parameters where it stopped).</param>
/// <param name="HoldoutMeanAbsoluteError">
/// The mean absolute error of the holdout purchases per customer, by calibration frequency (the rows of
/// <see cref="HoldoutTracking.ByFrequency"/>); null when the summary has no holdout period.
/// </param>
public sealed record ComparedModel(string Model, double LogLikelihood, double Aic, double Bic, int Parameters, bool IsConverged, double? HoldoutMeanAbsoluteError)
{
    /// <summary>The model's name.</summary>
    public string Model { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Model)); } = Crm.Internal.Checked.NotNull(Model, nameof(Model));

    /// <summary>ln L at the estimate.</summary>
    public double LogLikelihood { get; init => field = Crm.Internal.Finite.Of(value, nameof(LogLikelihood)); } = Crm.Internal.Finite.Of(LogLikelihood, nameof(LogLikelihood));

    /// <summary>AIC = 2k − 2 ln L; lower is better.</summary>
    public double Aic { get; init => field = Crm.Internal.Finite.Of(value, nameof(Aic)); } = Crm.Internal.Finite.Of(Aic, nameof(Aic));

    /// <summary>BIC = k ln N − 2 ln L; lower is better.</summary>
    public double Bic { get; init => field = Crm.Internal.Finite.Of(value, nameof(Bic)); } = Crm.Internal.Finite.Of(Bic, nameof(Bic));

    /// <summary>k, the number of parameters; positive.</summary>
    public int Parameters { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Parameters), value, "A model has at least one parameter."); }
        = Parameters > 0 ? Parameters : throw new ArgumentOutOfRangeException(nameof(Parameters), Parameters, "A model has at least one parameter.");

    /// <summary>The mean absolute error of the holdout purchases per customer by calibration frequency; null without a holdout period.</summary>
    public double? HoldoutMeanAbsoluteError { get; init => field = NotNegative(value, nameof(HoldoutMeanAbsoluteError)); } = NotNegative(HoldoutMeanAbsoluteError, nameof(HoldoutMeanAbsoluteError));

    /// <summary>The figures (invariant culture).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Model}: ln L {LogLikelihood:F2}, AIC {Aic:F2}, BIC {Bic:F2}{(HoldoutMeanAbsoluteError is { } e ? $", holdout MAE {e:F4}" : string.Empty)}{(IsConverged ? string.Empty : " (not converged)")}");

    private static double? NotNegative(double? value, string name) =>
        Crm.Internal.Finite.Of(value, name) is not { } v || v >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, v, "A mean absolute error is not negative.");
}
