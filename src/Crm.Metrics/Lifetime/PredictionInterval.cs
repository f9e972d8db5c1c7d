namespace Crm.Metrics.Lifetime;

/// <summary>
/// A prediction with the interval that the uncertainty of its model's parameters gives it: the prediction at the
/// maximum-likelihood estimates, and percentiles of the predictions under parameters drawn from the fit's asymptotic
/// normal (on the log scale).
/// </summary>
/// <param name="Estimate">The prediction at the estimates (what the model's own methods return).</param>
/// <param name="Lower">The lower percentile, (1 − level)/2, of the predictions under the drawn parameters.</param>
/// <param name="Upper">The upper percentile, (1 + level)/2; at least <paramref name="Lower"/>.</param>
/// <remarks>
/// The interval covers the uncertainty of the parameters, not the randomness of what customers will do: it is an
/// interval for the expected value (what the model would predict if it knew its parameters), so it narrows as the
/// base grows. The estimate usually lies inside it; with few customers and a skewed prediction it may not.
/// </remarks>
public sealed record PredictionInterval(double Estimate, double Lower, double Upper)
{
    /// <summary>The prediction at the estimates (what the model's own methods return).</summary>
    public double Estimate { get; init => field = Crm.Internal.Finite.Of(value, nameof(Estimate)); } = Crm.Internal.Finite.Of(Estimate, nameof(Estimate));

    /// <summary>The lower percentile, (1 − level)/2, of the predictions under the drawn parameters.</summary>
    public double Lower { get; init => field = Crm.Internal.Finite.Of(value, nameof(Lower)); } = Crm.Internal.Finite.Of(Lower, nameof(Lower));

    /// <summary>The upper percentile, (1 + level)/2; at least <see cref="Lower"/>.</summary>
    public double Upper { get; init => field = Crm.Internal.Finite.Of(value, nameof(Upper)); } = Crm.Internal.Finite.Of(Upper, nameof(Upper));

    /// <summary>Whether <paramref name="value"/> lies in [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    /// <param name="value">The value.</param>
    /// <returns>True when it does.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>The members, numbers in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
