namespace Crm.Metrics.Orleans;

/// <summary>The result of a cluster job and what the job did to get it.</summary>
/// <typeparam name="T">The result: a scorecard, a customer-base summary or an RFM analysis.</typeparam>
/// <param name="Value">The result, equal to one pass over all partitions' records.</param>
/// <param name="Statistics">Where the partitions ran, retries, state sizes and time.</param>
public sealed record ClusterResult<T>(T Value, ClusterJobStatistics Statistics)
{
    /// <summary>The statistics of the job, in the invariant culture (not the result, which may be large).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"ClusterResult {{ {Statistics} }}";
}
