namespace Crm.Metrics.Orleans.Grains;

/// <summary>Forwards the coordinator's progress calls to the caller's <see cref="IProgress{T}"/>.</summary>
internal sealed class ProgressObserver(IProgress<ClusterProgress> progress) : IJobObserver
{
    /// <inheritdoc/>
    public Task OnProgress(int done, int partitions, int retries)
    {
        progress.Report(new ClusterProgress(done, partitions, retries));
        return Task.CompletedTask;
    }
}
