namespace Crm.Metrics.Lifetime;

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

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
