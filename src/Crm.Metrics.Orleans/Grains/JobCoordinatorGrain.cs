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
            if (observer is not null)
            {
                try
                {
                    _ = observer.OnStarted(silo);
                }
#pragma warning disable CA1031 // Best effort, as progress: a caller that went away must not fail the job.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
            var run = new JobRun(GrainFactory, ServiceProvider, request, observer, hooks, job.ToString("N"), silo.ToString());
            return await run.RunAsync(cancellationToken);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
