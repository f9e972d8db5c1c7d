using Crm.Metrics.Orleans.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Placement;
using Orleans.Serialization;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>Computes one partition's state next to its data, with the partition source of the silo it runs on.</summary>
[RandomPlacement]
internal sealed class PartitionGrain : Grain, IPartitionGrain
{
    private StateChunks? _chunks; // the state, kept while the coordinator reads it in chunks

    /// <inheritdoc/>
    public async Task<PartitionAnswer> ComputeAsync(PartitionJob job, string partition, CancellationToken cancellationToken)
    {
        var silo = GrainContext.Address.SiloAddress?.ToString() ?? RuntimeIdentity;
        var keep = false;
        try
        {
            var services = ServiceProvider;
            var source = services.GetService<ICrmPartitionSource>();
            if (source is null)
            {
                return new PartitionAnswer { Silo = silo, Error = $"no ICrmPartitionSource is registered on silo {silo}; call AddCrmPartitionSource in every silo's services." };
            }

            // Off the grain's scheduler: reading and accumulating a partition is long, mostly CPU-bound work.
            var state = await Task.Run(
                async () =>
                {
                    var data = await source.OpenAsync(partition, cancellationToken)
                        ?? throw new InvalidOperationException("The partition source returned null instead of a data set.");
                    return await job.ComputeStateAsync(services, data, cancellationToken);
                },
                cancellationToken);
            var chunkBytes = services.GetService<IClusterJobHooks>()?.ResultChunkBytes(JobCoordinatorGrain.ChunkBytes) ?? JobCoordinatorGrain.ChunkBytes;
            var (value, bytes, length) = StateMessage.Prepare(services.GetRequiredService<Serializer>(), state, chunkBytes);
            if (bytes is null)
            {
                return new PartitionAnswer { Silo = silo, Value = value, StateLength = length };
            }

            // Too long for one message: the first chunk now, the rest when the coordinator asks.
            _chunks = new StateChunks(bytes, chunkBytes);
            keep = true;
            return new PartitionAnswer { Silo = silo, State = bytes[..chunkBytes], StateLength = length };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of the source or the records fails the job, named; it must not look like a silo failure and be retried.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new PartitionAnswer { Silo = silo, Error = $"{e.GetType().Name}: {e.Message}" };
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
        var chunks = _chunks ?? throw new InvalidOperationException("This partition holds no state to read (the attempt ended, or its silo restarted).");
        var (chunk, last) = chunks.Read(offset);
        if (last)
        {
            _chunks = null;
            DeactivateOnIdle();
        }

        return Task.FromResult(chunk);
    }
}
