namespace Crm.Metrics.Lifetime;

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

    /// <summary>
    /// The lower end of the 95 % confidence interval, formed on the log scale (the parameters are positive):
    /// exp(ln θ − 1.96 · SE/θ). Null without a standard error.
    /// </summary>
    public double? Lower95 => StandardError is { } se && Value > 0 ? Value * Math.Exp(-1.959963984540054 * se / Value) : null;

    /// <summary>The upper end of the 95 % confidence interval, on the log scale: exp(ln θ + 1.96 · SE/θ). Null without a standard error.</summary>
    public double? Upper95 => StandardError is { } se && Value > 0 ? Value * Math.Exp(1.959963984540054 * se / Value) : null;

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
