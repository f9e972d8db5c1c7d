using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Metrics;
using Crm.Metrics.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// The scorecard of March 2026 over 64 partitions of an arrival-shaped log (about 1M purchases of 250,000 customers,
/// dealt out row by row so every customer spans partitions, or by customer): on a warm Orleans cluster of three silos in this process
/// (localhost TCP, a client beside them) against <see cref="ICrmMetrics.ComputeScorecardFromPartitions"/> on the same
/// partitions in one process — the baseline. The cluster's extra cost is the partitions' states: serialised, sent,
/// validated and merged. The job's statistics (state bytes) are printed once in the setup. Forty warm-up jobs: the
/// tiered JIT keeps recompiling the silos' and Orleans' code over the first few dozen jobs (a profile after thirty
/// jobs still spent 3 % of its time compiling), which fewer would measure as part of the job.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 40, iterationCount: 15)]
[MedianColumn]
public class ClusterBenchmarks
{
    private static readonly ReportingPeriod March = ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private readonly List<IHost> _hosts = [];
    private CrmDataSet[] _partitions = [];
    private string[] _keys = [];
    private ICrmMetrics _metrics = null!;
    private ICrmClusterMetrics _cluster = null!;

    /// <summary>
    /// How the log is cut: <c>rows</c> dealt out in turn (each customer in about four partitions, the harder case), or
    /// <c>customers</c> by a hash of the id (each customer in one partition, as docs/distributed.md advises).
    /// </summary>
    [Params("rows", "customers")]
    public string Split { get; set; } = "rows";

    /// <summary>Builds the partitions, starts the cluster and runs one job to warm it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        const int Partitions = 64;
        var log = ArrivalLog.Generate(250_000);
        var lists = Enumerable.Range(0, Partitions).Select(_ => new List<Purchase>(log.Length / Partitions + 1)).ToArray();
        for (var i = 0; i < log.Length; i++)
        {
            var partition = Split == "rows" ? i % Partitions : (int)((uint)log[i].CustomerId.GetHashCode() % Partitions);
            lists[partition].Add(log[i]);
        }

        _partitions = [.. lists.Select(l => new CrmDataSet { Purchases = l.ToArray() })];
        _keys = [.. Enumerable.Range(0, Partitions).Select(p => p.ToString("00", System.Globalization.CultureInfo.InvariantCulture))];
        var byKey = _keys.Zip(_partitions).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        _metrics = new ServiceCollection().AddCrmMetrics().BuildServiceProvider().GetRequiredService<ICrmMetrics>();

        var ports = FreePorts(6);
        var primary = new IPEndPoint(IPAddress.Loopback, ports[0]);
        for (var i = 0; i < 3; i++)
        {
            var silo = Host.CreateDefaultBuilder()
                .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error))
                .UseOrleans(b =>
                {
                    b.UseLocalhostClustering(ports[2 * i], ports[2 * i + 1], primary);
                    b.Services.AddCrmPartitionSource(new DictionarySource(byKey));
                })
                .Build();
            silo.Start();
            _hosts.Add(silo);
        }

        var client = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error))
            .UseOrleansClient(b =>
            {
                b.UseLocalhostClustering([ports[1], ports[3], ports[5]]);
                b.Services.AddCrmMetricsCluster();
            })
            .Build();
        client.Start();
        _hosts.Add(client);
        _cluster = client.Services.GetRequiredService<ICrmClusterMetrics>();
        var warm = _cluster.ComputeScorecardAsync(_keys, March).GetAwaiter().GetResult();
        Console.WriteLine($"// {log.Length} purchases in {Partitions} partitions; cluster job: {warm.Statistics}; result state {warm.Statistics.ResultStateBytes} bytes");
    }

    /// <summary>Stops the client, then the silos (the primary last).</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            host.StopAsync().GetAwaiter().GetResult();
            host.Dispose();
        }
    }

    /// <summary>The partitions in one process, on every core.</summary>
    [Benchmark(Baseline = true)]
    public Scorecard OneProcess() => _metrics.ComputeScorecardFromPartitions(_partitions, March);

    /// <summary>The same partitions on the three silos, states merged on the coordinator, finished on the client.</summary>
    [Benchmark]
    public Scorecard Cluster() => _cluster.ComputeScorecardAsync(_keys, March).GetAwaiter().GetResult().Value;

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private sealed class DictionarySource(Dictionary<string, CrmDataSet> partitions) : ICrmPartitionSource
    {
        public ValueTask<CrmAsyncDataSet> OpenAsync(string partition, CancellationToken cancellationToken) =>
            ValueTask.FromResult(CrmAsyncDataSet.From(partitions[partition]));
    }
}
