namespace Crm.Metrics.Orleans.Grains;

/// <summary>
/// Forwards the coordinator's progress calls to the caller's <see cref="IProgress{T}"/>, in order and never backwards:
/// the calls are one-way messages, which may arrive late or, after the job's answer, not at all — so the caller
/// reports the last step itself (<see cref="Finish"/>).
/// </summary>
internal sealed class ProgressObserver(IProgress<ClusterProgress> progress) : IJobObserver
{
    private readonly object _gate = new();
    private int _done = -1;
    private int _retries;
    private bool _finished;

    /// <inheritdoc/>
    public Task OnProgress(int done, int partitions, int retries)
    {
        Report(done, partitions, retries, last: false);
        return Task.CompletedTask;
    }

    /// <summary>Reports the job's end (every partition merged), unless it was reported already; later calls are ignored.</summary>
    public void Finish(int partitions, int retries) => Report(partitions, partitions, retries, last: true);

    private void Report(int done, int partitions, int retries, bool last)
    {
        lock (_gate)
        {
            if (_finished || (done <= _done && retries <= _retries))
            {
                _finished |= last;
                return;
            }

            _done = Math.Max(done, _done);
            _retries = Math.Max(retries, _retries);
            _finished = last;
            progress.Report(new ClusterProgress(_done, partitions, _retries));
        }
    }
}
