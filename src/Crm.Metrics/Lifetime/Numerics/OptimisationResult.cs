namespace Crm.Metrics.Lifetime.Numerics;

/// <summary>The end point of a minimisation.</summary>
/// <param name="Point">The last point.</param>
/// <param name="Value">The objective there.</param>
/// <param name="GradientNorm">‖∇f‖ there.</param>
/// <param name="Iterations">Iterations done.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Gradient">∇f there.</param>
/// <param name="InverseHessian">The final approximation of the inverse Hessian (a warm start for a related minimisation).</param>
internal sealed record OptimisationResult(double[] Point, double Value, double GradientNorm, int Iterations, OptimisationStatus Status, double[] Gradient, double[,] InverseHessian);
