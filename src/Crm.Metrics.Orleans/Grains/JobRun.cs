using System.Diagnostics;
using System.Globalization;
using Crm.Metrics.Orleans.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Orleans.Serialization;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>
/// One job on its coordinator: keeps up to the allowed partitions running, each attempt placed on the next live silo
/// (round robin, leaving out silos that failed in this job), merges each partition's state exactly once as answers
/// arrive, retries partitions whose silo failed or timed out, and stops everything at the first partition that
/// cannot succeed. Runs on the coordinator grain's scheduler: no locks.
/// </summary>
internal sealed class JobRun(IGrainFactory grains, IServiceProvider services, JobRequest request, IJobObserver? observer, IClusterJobHooks? hooks, string jobKey, string coordinatorSilo)
{
    private readonly Dictionary<string, int> _bySilo = new(StringComparer.Ordinal);
    private List<SiloAddress> _silos = [];
    private readonly HashSet<SiloAddress> _failedSilos = [];
    private int _nextSilo;
    private int _done;
    private int _retries;
    private int _duplicates;
    private long _stateBytes;
    private long _largest;

    public async Task<JobAnswer> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var partitions = request.Partitions;
        var accepted = new bool[partitions.Length];
        var attempts = new int[partitions.Length];
        var pending = new Queue<int>(Enumerable.Range(0, partitions.Length));
        var running = new Dictionary<Task, Attempt>();
        var reading = new Dictionary<Task, (int Index, PartitionAnswer Answer)>();
        using var merger = request.Job.CreateMerger(services);
        var serializer = services.GetRequiredService<Serializer>();
        await RefreshSilosAsync();
        try
        {
            while (_done < partitions.Length)
            {
                // States being read count as in flight: they hold memory until merged.
                while (running.Count + reading.Count < request.MaxInFlight && pending.TryDequeue(out var next))
                {
                    attempts[next]++;
                    var attempt = Start(next, attempts[next], cancellationToken);
                    running.Add(attempt.Task, attempt);
                }

                var finished = await Task.WhenAny(running.Keys.Concat(reading.Keys));
                if (reading.Remove(finished, out var read))
                {
                    // Read off this scheduler; merged here, one at a time.
                    var partition = partitions[read.Index];
                    try
                    {
                        merger.Merge(await (Task<object>)finished);
                    }
#pragma warning disable CA1031 // Whatever makes a state unreadable or refused fails the job, naming the partition.
                    catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                    {
                        return Failed(partition, $"its state was refused on merge: {e.Message}");
                    }

                    _done++;
                    _stateBytes += read.Answer.StateLength;
                    _largest = Math.Max(_largest, read.Answer.StateLength);
                    _bySilo[read.Answer.Silo] = _bySilo.GetValueOrDefault(read.Answer.Silo) + 1;
                    Report(partitions.Length);
                    continue;
                }

                var done = running[finished];
                running.Remove(finished);
                var timedOut = done.Cancellation.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
                done.Cancellation.Dispose();
                PartitionAnswer answer;
                try
                {
                    answer = await done.Task;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // The silo failed, left the cluster or took too long: try the partition again on another one.
                    if (done.Silo is { } silo)
                    {
                        _failedSilos.Add(silo);
                    }

                    if (attempts[done.Index] >= request.MaxAttempts)
                    {
                        return Failed(partitions[done.Index], timedOut
                            ? string.Create(CultureInfo.InvariantCulture, $"it ran past the partition timeout ({request.PartitionTimeout}) in the last of {request.MaxAttempts} attempts.")
                            : string.Create(CultureInfo.InvariantCulture, $"no silo completed it in {request.MaxAttempts} attempts; the last failure was {e.GetType().Name}."));
                    }

                    _retries++;
                    pending.Enqueue(done.Index);
                    await RefreshSilosAsync();
                    Report(partitions.Length);
                    continue;
                }

                if (answer.Error is not null || !answer.HasState)
                {
                    return Failed(partitions[done.Index], answer.Error ?? "the silo answered without a state.");
                }

                // Exactly once: the first answer of a partition is taken, any later one ignored.
                var copies = hooks?.AnswerCopies(partitions[done.Index]) ?? 1;
                for (var copy = 0; copy < copies; copy++)
                {
                    if (accepted[done.Index])
                    {
                        _duplicates++;
                        continue;
                    }

                    accepted[done.Index] = true;
                    var (value, bytes) = (answer.Value, answer.State);
                    reading.Add(Task.Run(() => merger.Read(StateMessage.Open(serializer, value, bytes)), CancellationToken.None), (done.Index, answer));
                }
            }
        }
        finally
        {
            // A job that failed or was cancelled stops its other partitions: nothing of it is returned.
            foreach (var attempt in running.Values)
            {
                await attempt.Cancellation.CancelAsync();
                attempt.Cancellation.Dispose();
            }

            // States read but not merged (the job stopped first) give back what their staging holds.
            foreach (var read in reading.Keys)
            {
                _ = ((Task<object>)read).ContinueWith(static t => (t.Result as IDisposable)?.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }

        // Timed to the last merge; finishing (the scorecard, or the merged state) follows.
        var elapsed = watch.Elapsed;
        return new JobAnswer
        {
            Value = merger.Finish(),
            Retries = _retries,
            DuplicateAnswers = _duplicates,
            CoordinatorSilo = coordinatorSilo,
            PartitionsBySilo = _bySilo,
            StateBytes = _stateBytes,
            LargestStateBytes = _largest,
            Elapsed = elapsed,
        };
    }

    private Attempt Start(int index, int attempt, CancellationToken cancellationToken)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancellation.CancelAfter(request.PartitionTimeout);
        var silo = NextSilo();
        var grain = grains.GetGrain<IPartitionGrain>(string.Create(CultureInfo.InvariantCulture, $"{jobKey}/{index}/{attempt}"));
        Task<PartitionAnswer> task;
        if (silo is not null)
        {
            // A new activation per attempt, so the hint decides where it runs.
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        }

        try
        {
            task = ComputeWholeAsync(grain, request.Job, request.Partitions[index], cancellation.Token);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        return new Attempt(task, index, silo, cancellation);
    }

    /// <summary>
    /// One attempt's answer with the partition's whole state: the rest of a long state is read from the attempt's grain
    /// in chunks (a failure while reading fails the attempt, which is then retried like any other).
    /// </summary>
    private static async Task<PartitionAnswer> ComputeWholeAsync(IPartitionGrain grain, PartitionJob job, string partition, CancellationToken cancellationToken)
    {
        var answer = await grain.ComputeAsync(job, partition, cancellationToken);
        return answer.State is { } first && first.Length < answer.StateLength
            ? answer with { State = await StateChunks.WholeAsync(first, answer.StateLength, grain.ReadStateAsync) }
            : answer;
    }

    private SiloAddress? NextSilo()
    {
        if (_silos.Count == 0)
        {
            return null;
        }

        var silo = _silos[_nextSilo % _silos.Count];
        _nextSilo++;
        return silo;
    }

    private async Task RefreshSilosAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var live = hosts.Keys.Where(s => !_failedSilos.Contains(s)).OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();

        // When every live silo failed once in this job, give them all another chance rather than none.
        _silos = live.Count > 0 ? live : [.. hosts.Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal)];
    }

    private void Report(int partitions)
    {
        if (observer is null)
        {
            return;
        }

        try
        {
            _ = observer.OnProgress(_done, partitions, _retries);
        }
#pragma warning disable CA1031 // Progress is best effort: a caller that went away must not fail the job.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private JobAnswer Failed(string partition, string error) => new()
    {
        FailedPartition = partition,
        Error = error,
        Retries = _retries,
        CoordinatorSilo = coordinatorSilo,
    };

    private sealed record Attempt(Task<PartitionAnswer> Task, int Index, SiloAddress? Silo, CancellationTokenSource Cancellation);
}
