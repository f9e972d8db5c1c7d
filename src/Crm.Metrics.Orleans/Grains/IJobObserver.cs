using Orleans;
using Orleans.Concurrency;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>The caller's view of a job: told where the job is coordinated when it starts, and its progress after each merge.</summary>
[Alias("Crm.Metrics.Orleans.IJobObserver")]
internal interface IJobObserver : IGrainObserver
{
    /// <summary>The job started on the silo <paramref name="coordinator"/> (the caller watches that it stays alive).</summary>
    [OneWay]
    [Alias("Started")]
    Task OnStarted(global::Orleans.Runtime.SiloAddress coordinator);

    /// <summary>Partitions merged so far, of all, and the retries so far.</summary>
    [OneWay]
    [Alias("Progress")]
    Task OnProgress(int done, int partitions, int retries);
}
