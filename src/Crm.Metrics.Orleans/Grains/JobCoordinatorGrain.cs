using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Serialization;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>Coordinates one job; deactivates when it is done.</summary>
internal sealed class JobCoordinatorGrain : Grain, IJobCoordinatorGrain
{
    /// <summary>
    /// The most bytes of the merged state one message carries: 16 MiB, well below Orleans' default 100 MB message
    /// limit, so a merged state of any size comes back in chunks without raising it.
    /// </summary>
    public const int ChunkBytes = 16 << 20;

    private StateChunks? _chunks; // the merged state, kept while the caller reads it in chunks

    /// <inheritdoc/>
    public async Task<JobAnswer> RunAsync(JobRequest request, IJobObserver? observer, CancellationToken cancellationToken)
    {
        var keep = false;
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
            var answer = await run.RunAsync(cancellationToken);
            if (answer.Value is not { } merged)
            {
                return answer;
            }

            var chunkBytes = hooks?.ResultChunkBytes(ChunkBytes) ?? ChunkBytes;
            var (value, bytes, length) = StateMessage.Prepare(ServiceProvider.GetRequiredService<Serializer>(), merged, chunkBytes);
            if (bytes is null)
            {
                return answer with { Value = value, StateLength = length };
            }

            // Too long for one message: the first chunk now, the rest when the caller asks.
            _chunks = new StateChunks(bytes, chunkBytes);
            keep = true;
            return answer with { Value = null, State = bytes[..chunkBytes], StateLength = length };
        }
        finally
        {
            if (!keep)
            {
                DeactivateOnIdle();
            }
        }
    }

    /// <inheritdoc/>
    public Task<byte[]> ReadStateAsync(long offset)
    {
        var chunks = _chunks ?? throw new InvalidOperationException("This coordinator holds no merged state to read (the job ended, or its silo restarted).");
        var (chunk, last) = chunks.Read(offset);
        if (last)
        {
            _chunks = null;
            DeactivateOnIdle();
        }

        return Task.FromResult(chunk);
    }
}
