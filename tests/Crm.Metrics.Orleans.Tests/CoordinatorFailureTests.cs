namespace Crm.Metrics.Orleans.Tests;

/// <summary>A cluster of its own, since the test stops the silo that coordinates a job.</summary>
public sealed class CoordinatorFailingClusterFixture : ClusterFixture;

/// <summary>The silo coordinating a job dies: the client starts the job again on a new coordinator, and the result is exact.</summary>
public sealed class CoordinatorFailureTests(CoordinatorFailingClusterFixture fixture) : IClassFixture<CoordinatorFailingClusterFixture>
{
    private static readonly ReportingPeriod March = ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);

    [Fact]
    public async Task A_job_whose_coordinator_dies_starts_again_on_a_new_coordinator_and_the_scorecard_is_exact()
    {
        // Every partition of the first attempt waits at the gate until its coordinator's silo is gone.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Control.Gate = (_, _, token) => release.Task.WaitAsync(token);
        var job = fixture.Metrics.ComputeScorecardAsync(fixture.Data.Keys, March);
        await ClusterJobTests.WaitUntil(() => !fixture.Hooks.Coordinators.IsEmpty && !fixture.Control.Opened.IsEmpty);
        var coordinator = fixture.Hooks.Coordinators.Single();
        var doomed = fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(coordinator));

        await fixture.Cluster.KillSiloAsync(doomed);
        release.SetResult();
        var result = await job.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(
            ClusterJobTests.Json(ClusterJobTests.OneProcess().ComputeScorecardFromPartitions(fixture.Data.DataSets, March)),
            ClusterJobTests.Json(result.Value));
        Assert.True(result.Statistics.CoordinatorRestarts >= 1, result.Statistics.ToString());
        Assert.NotEqual(coordinator.ToString(), result.Statistics.CoordinatorSilo);
        Assert.DoesNotContain(coordinator.ToString(), result.Statistics.PartitionsBySilo.Keys);
        Assert.Equal(64, result.Statistics.PartitionsBySilo.Values.Sum());
    }
}
