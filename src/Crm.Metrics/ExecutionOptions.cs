namespace Crm.Metrics;

/// <summary>
/// How the engine may use the machine, apart from the metric conventions of <see cref="CrmMetricsOptions"/>: the
/// results are identical whatever these are, and a state shipped between machines does not carry them.
/// </summary>
/// <remarks>Bind it from configuration as <c>CrmMetrics:Execution:MaxDegreeOfParallelism</c>, like the other options.</remarks>
public sealed class ExecutionOptions
{
    /// <summary>
    /// How many threads a large computation may use (−1, the default: all processors; 1: the caller's thread only).
    /// Results are identical whatever the degree; small inputs always run on the caller's thread.
    /// </summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxDegreeOfParallelism"/> is 0 or below −1.</exception>
    public void Validate()
    {
        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "ExecutionOptions.MaxDegreeOfParallelism must be -1 (all processors) or at least 1.");
        }
    }

    /// <summary>A copy of these options.</summary>
    /// <returns>A new instance with the same values.</returns>
    public ExecutionOptions Clone() => (ExecutionOptions)MemberwiseClone();
}
