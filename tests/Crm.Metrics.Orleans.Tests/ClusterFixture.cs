using Crm.Metrics.Orleans.Grains;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Crm.Metrics.Orleans.Tests;

/// <summary>
/// An in-process cluster of three silos (in-memory transport and membership, shortened liveness timeouts), each with a
/// partition source over the same partitioned data, and a client with the cluster metrics.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public static readonly FakeClock Clock = new(Instant.FromUtc(2026, 10, 15, 8, 0));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public PartitionedData Data { get; } = Shared.Value;

    public SourceControl Control { get; } = new();

    public TestHooks Hooks { get; } = new();

    public ICrmClusterMetrics Metrics => Cluster.Client.ServiceProvider.GetRequiredService<ICrmClusterMetrics>();

    // 250,000 customers of about 4.1 purchases each: over a million purchases, built once for every fixture.
    private static readonly Lazy<PartitionedData> Shared = new(() => PartitionedData.Create(250_000, 64));

    /// <summary>The cluster metrics with other job options, through the same client.</summary>
    public ICrmClusterMetrics MetricsWith(Action<CrmClusterOptions> configure) =>
        new ServiceCollection()
            .AddSingleton<IGrainFactory>(Cluster.Client)
            .AddSingleton(Cluster.Client.ServiceProvider.GetRequiredService<global::Orleans.Serialization.Serializer>())
            .AddSingleton<IClock>(Clock)
            .AddCrmMetricsCluster(configure)
            .BuildServiceProvider()
            .GetRequiredService<ICrmClusterMetrics>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            silo.Services.AddCrmPartitionSource(new TestSource(Data, options.SiloName, Control));
            silo.Services.AddSingleton<IClusterJobHooks>(Hooks);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 1;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        });
        builder.ConfigureClient(client =>
        {
            client.Services.AddSingleton<IClock>(Clock);
            client.Services.AddCrmMetricsCluster(o => o.PartitionTimeout = TimeSpan.FromSeconds(60));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterDefinition : ICollectionFixture<ClusterFixture>
{
    public const string Name = "three silos";
}
