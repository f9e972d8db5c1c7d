namespace Crm.Metrics.Lifetime.Numerics;

/// <summary>
/// A model's log-likelihood over its (grouped) data with the analytic gradient: what the maximum-likelihood driver
/// maximises. Implementations keep scratch buffers between calls, so one instance serves one fit at a time.
/// </summary>
internal interface IObjective
{
    /// <summary>ln L at the natural parameters <paramref name="parameters"/>, with ∂ln L/∂parameters written into <paramref name="gradient"/>.</summary>
    double Evaluate(ReadOnlySpan<double> parameters, Span<double> gradient);
}
