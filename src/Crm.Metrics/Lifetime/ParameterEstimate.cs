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
    /// Whether the parameter is a real number (a covariate's effect, any sign) rather than a positive parameter; its
    /// interval is then symmetric. Written to JSON only when true.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unbounded { get; init; }

    /// <summary>
    /// The lower end of the 95 % confidence interval: for a positive parameter formed on the log scale,
    /// exp(ln θ − 1.96 · SE/θ); for an <see cref="Unbounded"/> one θ − 1.96 · SE. Null without a standard error.
    /// </summary>
    public double? Lower95 => StandardError is not { } se ? null
        : Unbounded ? Value - (1.959963984540054 * se)
        : Value > 0 ? Value * Math.Exp(-1.959963984540054 * se / Value) : null;

    /// <summary>The upper end of the 95 % confidence interval: exp(ln θ + 1.96 · SE/θ), or θ + 1.96 · SE for an <see cref="Unbounded"/> parameter. Null without a standard error.</summary>
    public double? Upper95 => StandardError is not { } se ? null
        : Unbounded ? Value + (1.959963984540054 * se)
        : Value > 0 ? Value * Math.Exp(1.959963984540054 * se / Value) : null;

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
