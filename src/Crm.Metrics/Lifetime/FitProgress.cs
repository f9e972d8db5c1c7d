namespace Crm.Metrics.Lifetime;

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
