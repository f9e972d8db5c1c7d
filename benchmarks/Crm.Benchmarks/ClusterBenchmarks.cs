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
/// validated and merged. The job's statistics (state bytes) are printed once in the setup. Warm means the tiered JIT has
/// settled: the setup runs both methods until it compiles next to nothing per job (see <c>WarmUntilCompiled</c>), then
/// ten warm-up and fifteen measured jobs follow. Both methods run with server garbage collection, as Orleans advises
/// for silo hosts (concurrent collection stays on, the default).
/// </summary>
[MemoryDiagnoser]
[GcServer(true)]
[SimpleJob(launchCount: 1, warmupCount: 10, iterationCount: 15)]
[MedianColumn]
public class ClusterBenchmarks
{
    /// <summary>Runs in a row that compile few methods before the JIT counts as settled.</summary>
    private const int QuietJobs = 10;

    /// <summary>Methods a run may compile and still count as quiet (Orleans' timers compile a few now and then).</summary>
    private const int QuietMethods = 5;

    /// <summary>The most warm-up runs.</summary>
    private const int MaxWarmJobs = 150;

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
        Console.WriteLine($"// {log.Length} purchases in {Partitions} partitions; cluster job: {warm.Statistics}; {warm.Statistics.ResultBytes} bytes back to the caller");
        var (jobs, compiling) = WarmUntilCompiled(() =>
        {
            OneProcess();
            Cluster();
        });
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"// warm after {jobs} pairs of jobs; the JIT compiled for {compiling:F1} ms over the last {QuietJobs}"));
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

    /// <summary>
    /// Runs <paramref name="job"/> until the tiered JIT has settled: <see cref="QuietJobs"/> runs in a row that compile
    /// at most <see cref="QuietMethods"/> methods each, or <see cref="MaxWarmJobs"/> runs. A silo's and Orleans' code is
    /// large, and on a machine whose cores the jobs keep busy the JIT's background thread tiers it up slowly, for dozens
    /// of jobs (docs/performance.md has the counts of <see cref="System.Runtime.JitInfo"/>). A fixed number of warm-up
    /// jobs would measure part of that as the job's own time.
    /// </summary>
    /// <returns>The runs made, and the JIT's compilation time over the last <see cref="QuietJobs"/> of them.</returns>
    private static (int Jobs, double CompilingMs) WarmUntilCompiled(Action job)
    {
        var quiet = 0;
        var times = new Queue<double>();
        var runs = 0;
        while (runs < MaxWarmJobs && quiet < QuietJobs)
        {
            var methods = System.Runtime.JitInfo.GetCompiledMethodCount();
            var time = System.Runtime.JitInfo.GetCompilationTime();
            job();
            runs++;
            quiet = System.Runtime.JitInfo.GetCompiledMethodCount() - methods <= QuietMethods ? quiet + 1 : 0;
            times.Enqueue((System.Runtime.JitInfo.GetCompilationTime() - time).TotalMilliseconds);
            if (times.Count > QuietJobs)
            {
                times.Dequeue();
            }
        }

        return (runs, times.Sum());
    }

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
