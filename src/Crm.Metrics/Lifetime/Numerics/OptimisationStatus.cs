namespace Crm.Metrics.Lifetime.Numerics;

/// <summary>How a minimisation ended.</summary>
internal enum OptimisationStatus
{
    /// <summary>The gradient norm fell below the tolerance.</summary>
    Converged,

    /// <summary>No step along the search direction lowered the objective: at the precision of the objective, a minimum.</summary>
    NoFurtherProgress,

    /// <summary>The iteration limit was reached first.</summary>
    IterationLimit,
}
