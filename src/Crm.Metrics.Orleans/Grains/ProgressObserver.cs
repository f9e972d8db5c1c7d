namespace Crm.Metrics.Orleans.Grains;

/// <summary>
/// The caller's end of a job: where the job is coordinated (<see cref="Coordinator"/>, to watch that silo), and the
/// coordinator's progress calls forwarded to the caller's <see cref="IProgress{T}"/> (when there is one), in order and
/// never backwards: the calls are one-way messages, which may arrive late or, after the job's answer, not at all — so
/// the caller reports the last step itself (<see cref="Finish"/>). One instance serves every attempt of a job.
/// </summary>
internal sealed class ProgressObserver(IProgress<ClusterProgress>? progress) : IJobObserver
{
    private volatile global::Orleans.Runtime.SiloAddress? _coordinator;

    /// <summary>The silo coordinating the current attempt, once it said so; null before.</summary>
    public global::Orleans.Runtime.SiloAddress? Coordinator => _coordinator;

    /// <summary>Forgets the coordinator, before a new attempt starts.</summary>
    public void Restart() => _coordinator = null;

    /// <inheritdoc/>
    public Task OnStarted(global::Orleans.Runtime.SiloAddress coordinator)
    {
        _coordinator = coordinator;
        return Task.CompletedTask;
    }

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
        if (progress is null)
        {
            return;
        }

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
