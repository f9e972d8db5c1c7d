using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>Coordinates one job; deactivates when it is done.</summary>
internal sealed class JobCoordinatorGrain : Grain, IJobCoordinatorGrain
{
    /// <inheritdoc/>
    public async Task<JobAnswer> RunAsync(JobRequest request, IJobObserver? observer, CancellationToken cancellationToken)
    {
        try
        {
            var job = this.GetPrimaryKey();
            var silo = GrainContext.Address.SiloAddress!;
            var hooks = ServiceProvider.GetService<IClusterJobHooks>();
            hooks?.JobStarted(job, silo);
            var run = new JobRun(GrainFactory, ServiceProvider, request, observer, hooks, job.ToString("N"), silo.ToString());
            return await run.RunAsync(cancellationToken);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
