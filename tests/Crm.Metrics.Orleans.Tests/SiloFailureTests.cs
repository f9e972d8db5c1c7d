namespace Crm.Metrics.Orleans.Tests;

/// <summary>A cluster of its own, since the test stops one of its silos.</summary>
public sealed class FailingClusterFixture : ClusterFixture;

/// <summary>A silo that dies while it holds partitions: they run again on the others, and the result is exact.</summary>
public sealed class SiloFailureTests(FailingClusterFixture fixture) : IClassFixture<FailingClusterFixture>
{
    private static readonly ReportingPeriod March = ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);

    [Fact]
    public async Task A_silo_that_dies_holding_partitions_has_them_retried_on_the_survivors_and_the_scorecard_is_exact()
    {
        // Every partition waits at the gate until the victim is chosen; the victim's then wait until their silo is gone.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? victim = null;
        fixture.Control.Gate = async (silo, _, token) =>
        {
            await release.Task.WaitAsync(token);
            if (silo == Volatile.Read(ref victim))
            {
                await Task.Delay(Timeout.Infinite, token);
            }
        };
        var job = fixture.Metrics.ComputeScorecardAsync(fixture.Data.Keys, March);
        await ClusterJobTests.WaitUntil(() => !fixture.Hooks.Coordinators.IsEmpty && fixture.Control.Opened.Select(o => o.Silo).Distinct().Count() == 3);
        var coordinator = fixture.Hooks.Coordinators.Single();
        var doomed = fixture.Cluster.Silos.First(s => !s.SiloAddress.Equals(coordinator));
        Volatile.Write(ref victim, doomed.Name);
        var held = fixture.Control.Opened.Count(o => o.Silo == doomed.Name);

        release.SetResult();
        await fixture.Cluster.KillSiloAsync(doomed);
        var result = await job.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(held > 0);
        Assert.Equal(
            ClusterJobTests.Json(ClusterJobTests.OneProcess().ComputeScorecardFromPartitions(fixture.Data.DataSets, March)),
            ClusterJobTests.Json(result.Value));
        Assert.True(result.Statistics.Retries >= held, $"{result.Statistics.Retries} retries for {held} partitions held by the dead silo");
        Assert.DoesNotContain(doomed.SiloAddress.ToString(), result.Statistics.PartitionsBySilo.Keys);
        Assert.Equal(64, result.Statistics.PartitionsBySilo.Values.Sum());
    }
}
