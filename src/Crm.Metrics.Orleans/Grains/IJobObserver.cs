using Orleans;
using Orleans.Concurrency;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>The caller's progress sink, called by the coordinator after each merge.</summary>
[Alias("Crm.Metrics.Orleans.IJobObserver")]
internal interface IJobObserver : IGrainObserver
{
    /// <summary>Partitions merged so far, of all, and the retries so far.</summary>
    [OneWay]
    [Alias("Progress")]
    Task OnProgress(int done, int partitions, int retries);
}
