using System.Globalization;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Orleans.Grains;
using Crm.Metrics.Orleans.Jobs;
using Crm.Metrics.Orleans.Wire;
using Crm.Metrics.Segments;
using Crm.Metrics.States;
using Orleans;
using Orleans.Serialization;

namespace Crm.Metrics.Orleans;

/// <summary>The client side of cluster jobs: checks the arguments, starts a coordinator, reads its answer (the finished scorecard, or a merged state it finishes here).</summary>
internal sealed class CrmClusterMetrics(IGrainFactory grains, Serializer serializer, ICrmMetrics metrics, IClock clock, CrmClusterOptions options) : ICrmClusterMetrics
{
    /// <inheritdoc/>
    public async Task<ClusterResult<Scorecard>> ComputeScorecardAsync(IReadOnlyList<string> partitions, ReportingPeriod period, ScorecardSettings? settings = null, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        settings ??= new ScorecardSettings();
        var keys = Keys(partitions);
        var computedAt = clock.GetCurrentInstant();

        // This side's accumulator: its options are those the silos must have used, and it finishes a merged state.
        using var total = metrics.CreateAccumulator(period, settings);
        var (answer, statistics) = await RunAsync(ScorecardJob.For(period, settings, computedAt), keys, progress, cancellationToken).ConfigureAwait(false);
        if (answer is ScorecardAnswer finished)
        {
            return new ClusterResult<Scorecard>(finished.Read(total.OptionsState(), settings.CustomerRows != ScorecardCustomerRows.None), statistics);
        }

        // The merged state: the settings' value basis is applied here, or finishing on the coordinator overflowed.
        total.Merge(StateOf<ScorecardState>(answer));
        return new ClusterResult<Scorecard>(total.Result(computedAt), statistics);
    }

    /// <inheritdoc/>
    public async Task<ClusterResult<CustomerBaseSummary>> SummarizeAsync(IReadOnlyList<string> partitions, SummaryOptions options, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = Keys(partitions);
        using var total = new CustomerBaseSummaryAccumulator(options);
        var (state, statistics) = await RunAsync(SummaryJob.For(options), keys, progress, cancellationToken).ConfigureAwait(false);
        total.Merge(StateOf<CustomerBaseSummaryState>(state));
        return new ClusterResult<CustomerBaseSummary>(total.Result(), statistics);
    }

    /// <inheritdoc/>
    public async Task<ClusterResult<RfmAnalysis>> ComputeRfmAsync(IReadOnlyList<string> partitions, RfmOptions options, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = Keys(partitions);
        using var total = new RfmAccumulator(options);
        var (state, statistics) = await RunAsync(RfmJob.For(options), keys, progress, cancellationToken).ConfigureAwait(false);
        total.Merge(StateOf<RfmState>(state));
        return new ClusterResult<RfmAnalysis>(total.Result(), statistics);
    }

    /// <inheritdoc/>
    public async Task<ClusterResult<Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeMetrics>> ComputeLoyaltyProgrammeAsync(IReadOnlyList<string> partitions, Domain.LoyaltyProgrammes.LoyaltyProgramme programme, ReportingPeriod period, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(period);
        var keys = Keys(partitions);
        var job = LoyaltyProgrammeJob.For(programme, period);
        var total = new Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeAccumulator(programme, period);
        var (state, statistics) = await RunAsync(job, keys, progress, cancellationToken).ConfigureAwait(false);
        total.Merge(LoyaltyProgrammeJob.Read(StateOf<byte[]>(state)));
        return new ClusterResult<Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeMetrics>(total.Result(clock.GetCurrentInstant()), statistics);
    }

    /// <summary>The merged state as the family's type; another type is the coordinator's fault, not the caller's.</summary>
    private static T StateOf<T>(object state)
        where T : class =>
        state as T ?? throw new InvalidOperationException($"The coordinator answered with a {state.GetType().Name}, not a {typeof(T).Name}.");

    private static string[] Keys(IReadOnlyList<string> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.Count == 0)
        {
            throw new ArgumentException("A cluster job needs at least one partition.", nameof(partitions));
        }

        var keys = new string[partitions.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            var key = partitions[i];
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException($"partitions[{i}] is null or empty; every partition needs a key.", nameof(partitions));
            }

            if (!seen.Add(key))
            {
                throw new ArgumentException($"partitions[{i}] repeats the key of an earlier partition; each partition is merged once, so list it once.", nameof(partitions));
            }

            keys[i] = key;
        }

        return keys;
    }

    private async Task<(object State, ClusterJobStatistics Statistics)> RunAsync(PartitionJob job, string[] partitions, IProgress<ClusterProgress>? progress, CancellationToken cancellationToken)
    {
        var request = new JobRequest
        {
            Job = job,
            Partitions = partitions,
            PartitionTimeout = options.PartitionTimeout,
            MaxAttempts = options.MaxAttempts,
            MaxInFlight = options.MaxPartitionsInFlight,
        };
        var sink = new ProgressObserver(progress);
        var observer = grains.CreateObjectReference<IJobObserver>(sink);
        JobAnswer answer;
        var restarts = 0;
        try
        {
            while (true)
            {
                // A new coordinator per attempt (a new job key, so new partition grains): when the silo of the last one
                // failed, the job starts again from nothing, which is safe because a job only reads.
                sink.Restart();
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var coordinator = grains.GetGrain<IJobCoordinatorGrain>(Guid.NewGuid());
                var call = coordinator.RunAsync(request, observer, attempt.Token);
                var lost = await CoordinatorLostAsync(call, sink, cancellationToken).ConfigureAwait(false);
                if (lost is null)
                {
                    try
                    {
                        answer = await call.ConfigureAwait(false);
                        answer = await WholeStateAsync(answer, coordinator).ConfigureAwait(false);
                        break;
                    }
                    catch (OrleansMessageRejectionException) when (!cancellationToken.IsCancellationRequested && restarts + 1 < options.MaxAttempts)
                    {
                        restarts++;
                        continue;
                    }
                }

                // The coordinator's silo left the cluster: its answer will never come. Drop the call (its partitions
                // on other silos finish or time out on their own) and start again, or give up after MaxAttempts.
                await attempt.CancelAsync().ConfigureAwait(false);
                _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                if (++restarts >= options.MaxAttempts)
                {
                    throw new SiloUnavailableException(string.Create(CultureInfo.InvariantCulture, $"The silo coordinating the job ({lost}) left the cluster; the job was started {restarts} times (MaxAttempts)."));
                }
            }
        }
        finally
        {
            grains.DeleteObjectReference<IJobObserver>(observer);

            // Orleans holds the observed object weakly: it must live as long as the job.
            GC.KeepAlive(sink);
        }

        if (answer.FailedPartition is not null || !answer.HasState)
        {
            throw new PartitionFailedException(answer.FailedPartition ?? string.Empty, answer.Error ?? "the coordinator answered without a state.");
        }

        sink.Finish(partitions.Length, answer.Retries);

        object state;
        try
        {
            state = StateMessage.Open(serializer, answer.Value, answer.State);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException("The coordinator's merged state could not be read: " + e.Message, e);
        }

        return (state, new ClusterJobStatistics
        {
            Partitions = partitions.Length,
            Retries = answer.Retries,
            CoordinatorRestarts = restarts,
            DuplicateAnswers = answer.DuplicateAnswers,
            CoordinatorSilo = answer.CoordinatorSilo,
            PartitionsBySilo = answer.PartitionsBySilo,
            StateBytes = answer.StateBytes,
            LargestStateBytes = answer.LargestStateBytes,
            ResultBytes = answer.StateLength,
            Elapsed = answer.Elapsed,
        });
    }

    /// <summary>
    /// Watches the attempt's coordinator while <paramref name="call"/> runs: once the coordinator said where it runs,
    /// every <see cref="WatchInterval"/> the cluster's active silos are asked whether that silo is still one of them.
    /// A call to a silo that dies mid-call may otherwise wait for its answer as long as the job may take.
    /// </summary>
    /// <returns>Null when the call finished; the coordinator's silo when it left the cluster first.</returns>
    private async Task<SiloAddress?> CoordinatorLostAsync(Task call, ProgressObserver sink, CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        while (true)
        {
            await Task.WhenAny(call, Task.Delay(WatchInterval, cancellationToken)).ConfigureAwait(false);
            if (call.IsCompleted || cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            if (sink.Coordinator is { } coordinator)
            {
                // Ask which silos are active, but never let the question hold up an answer that has come: the silo
                // that answers for the management grain may be the one that died.
                var asked = management.GetHosts(onlyActive: true, cancellationToken);
                await Task.WhenAny(asked, call).ConfigureAwait(false);
                if (call.IsCompleted)
                {
                    _ = asked.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    return null;
                }

                Dictionary<SiloAddress, SiloStatus> hosts;
                try
                {
                    hosts = await asked.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null; // the caller cancelled: the call itself ends with that
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    continue; // no answer about the membership this time (its silo may be the one that died): ask again
                }

                if (!hosts.ContainsKey(coordinator) && !call.IsCompleted)
                {
                    return coordinator;
                }
            }
        }
    }

    /// <summary>The answer with its whole merged state: the chunks after the first read from the coordinator, in order.</summary>
    private static async Task<JobAnswer> WholeStateAsync(JobAnswer answer, IJobCoordinatorGrain coordinator) =>
        answer.State is { } first
            ? answer with { State = await StateChunks.WholeAsync(first, answer.StateLength, coordinator.ReadStateAsync).ConfigureAwait(false) }
            : answer;

    /// <summary>How often a running job's coordinator is checked for being alive.</summary>
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);
}
