using Crm.Metrics.Lifetime;
using Crm.Metrics.Orleans.Grains;
using Crm.Metrics.Orleans.Jobs;
using Crm.Metrics.Segments;
using Crm.Metrics.States;
using Orleans;
using Orleans.Serialization;

namespace Crm.Metrics.Orleans;

/// <summary>The client side of cluster jobs: checks the arguments, starts a coordinator, finishes the merged state here.</summary>
internal sealed class CrmClusterMetrics(IGrainFactory grains, Serializer serializer, ICrmMetrics metrics, IClock clock, CrmClusterOptions options) : ICrmClusterMetrics
{
    /// <inheritdoc/>
    public async Task<ClusterResult<Scorecard>> ComputeScorecardAsync(IReadOnlyList<string> partitions, ReportingPeriod period, ScorecardSettings? settings = null, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        settings ??= new ScorecardSettings();
        var keys = Keys(partitions);
        using var total = metrics.CreateAccumulator(period, settings);
        var (state, statistics) = await RunAsync(ScorecardJob.For(period, settings), keys, progress, cancellationToken).ConfigureAwait(false);
        total.Merge(serializer.Deserialize<ScorecardState>(state) ?? throw new InvalidOperationException("The coordinator answered with a null state."));
        return new ClusterResult<Scorecard>(total.Result(clock.GetCurrentInstant()), statistics);
    }

    /// <inheritdoc/>
    public async Task<ClusterResult<CustomerBaseSummary>> SummarizeAsync(IReadOnlyList<string> partitions, SummaryOptions options, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = Keys(partitions);
        using var total = new CustomerBaseSummaryAccumulator(options);
        var (state, statistics) = await RunAsync(SummaryJob.For(options), keys, progress, cancellationToken).ConfigureAwait(false);
        total.Merge(serializer.Deserialize<CustomerBaseSummaryState>(state) ?? throw new InvalidOperationException("The coordinator answered with a null state."));
        return new ClusterResult<CustomerBaseSummary>(total.Result(), statistics);
    }

    /// <inheritdoc/>
    public async Task<ClusterResult<RfmAnalysis>> ComputeRfmAsync(IReadOnlyList<string> partitions, RfmOptions options, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = Keys(partitions);
        using var total = new RfmAccumulator(options);
        var (state, statistics) = await RunAsync(RfmJob.For(options), keys, progress, cancellationToken).ConfigureAwait(false);
        total.Merge(serializer.Deserialize<RfmState>(state) ?? throw new InvalidOperationException("The coordinator answered with a null state."));
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
        total.Merge(LoyaltyProgrammeJob.Read(state));
        return new ClusterResult<Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeMetrics>(total.Result(clock.GetCurrentInstant()), statistics);
    }

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

    private async Task<(byte[] State, ClusterJobStatistics Statistics)> RunAsync(PartitionJob job, string[] partitions, IProgress<ClusterProgress>? progress, CancellationToken cancellationToken)
    {
        var request = new JobRequest
        {
            Job = job,
            Partitions = partitions,
            PartitionTimeout = options.PartitionTimeout,
            MaxAttempts = options.MaxAttempts,
            MaxInFlight = options.MaxPartitionsInFlight,
        };
        var coordinator = grains.GetGrain<IJobCoordinatorGrain>(Guid.NewGuid());
        var sink = progress is null ? null : new ProgressObserver(progress);
        var observer = sink is null ? null : grains.CreateObjectReference<IJobObserver>(sink);
        JobAnswer answer;
        try
        {
            answer = await coordinator.RunAsync(request, observer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (observer is not null)
            {
                grains.DeleteObjectReference<IJobObserver>(observer);
            }

            // Orleans holds the observed object weakly: it must live as long as the job.
            GC.KeepAlive(sink);
        }

        if (answer.FailedPartition is not null || answer.State is null)
        {
            throw new PartitionFailedException(answer.FailedPartition ?? string.Empty, answer.Error ?? "the coordinator answered without a state.");
        }

        sink?.Finish(partitions.Length, answer.Retries);

        return (answer.State, new ClusterJobStatistics
        {
            Partitions = partitions.Length,
            Retries = answer.Retries,
            DuplicateAnswers = answer.DuplicateAnswers,
            CoordinatorSilo = answer.CoordinatorSilo,
            PartitionsBySilo = answer.PartitionsBySilo,
            StateBytes = answer.StateBytes,
            LargestStateBytes = answer.LargestStateBytes,
            ResultStateBytes = answer.State.Length,
            Elapsed = answer.Elapsed,
        });
    }
}
