// A local Orleans cluster of three silos in one process (localhost clustering), and a client. The demo company's
// records are split into partitions; the scorecard is computed across the silos and in one process with the same fixed
// clock, and the two CrmJson documents are compared byte for byte.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Crm.Cluster;
using Crm.Metrics;
using Crm.Metrics.Orleans;
using Crm.Report.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Orleans.Runtime;

const int Silos = 3;
const int Partitions = 12;
var clock = new FakeClock(Instant.FromUtc(2026, 11, 1, 0, 0));
var (data, period, settings) = DemoDataSet.Read();
var partitions = DemoPartitionSource.Split(data, Partitions);
var source = new DemoPartitionSource(partitions);

var ports = FreePorts(2 * Silos);
var primary = new IPEndPoint(IPAddress.Loopback, ports[0]);
var silos = new List<IHost>();
var started = Stopwatch.StartNew();
for (var i = 0; i < Silos; i++)
{
    var silo = Host.CreateDefaultBuilder()
        .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error))
        .UseOrleans(builder =>
        {
            builder.UseLocalhostClustering(siloPort: ports[2 * i], gatewayPort: ports[2 * i + 1], primarySiloEndpoint: primary);
            builder.Services.AddSingleton<IClock>(clock);
            builder.Services.AddCrmPartitionSource(source);
        })
        .Build();
    await silo.StartAsync();
    silos.Add(silo);
}

using var client = Host.CreateDefaultBuilder()
    .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error))
    .UseOrleansClient(builder =>
    {
        builder.UseLocalhostClustering(gatewayPorts: [.. Enumerable.Range(0, Silos).Select(i => ports[2 * i + 1])]);
        builder.Services.AddSingleton<IClock>(clock);
        builder.Services.AddCrmMetricsCluster();
    })
    .Build();
await client.StartAsync();
var startUp = started.Elapsed;

var cluster = client.Services.GetRequiredService<ICrmClusterMetrics>();
var keys = partitions.Keys.Order(StringComparer.Ordinal).ToList();
var watch = Stopwatch.StartNew();
var distributed = await cluster.ComputeScorecardAsync(keys, period, settings);
var clusterTime = watch.Elapsed;

using var local = new ServiceCollection().AddSingleton<IClock>(clock).AddCrmMetrics().BuildServiceProvider();
watch.Restart();
var onePass = local.GetRequiredService<ICrmMetrics>().ComputeScorecard(data, period, settings);
var localTime = watch.Elapsed;

var identical = JsonSerializer.SerializeToUtf8Bytes(distributed.Value, CrmJson.Options)
    .AsSpan()
    .SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(onePass, CrmJson.Options));

var names = silos.Select((s, i) => (Address: s.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString(), Name: $"silo {i + 1}")).ToDictionary(s => s.Address, s => s.Name);
var statistics = distributed.Statistics;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"crm-cluster: the demo company's scorecard for {period.Dates.Start:yyyy-MM-dd}..{period.Dates.End:yyyy-MM-dd} ({period.Zone.Id}) over {Partitions} partitions on {Silos} silos"));
Console.WriteLine($"identical: {(identical ? "yes" : "no")}");
foreach (var (address, name) in names)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {statistics.PartitionsBySilo.GetValueOrDefault(address)} partitions{(address == statistics.CoordinatorSilo ? " (coordinator)" : string.Empty)}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"states: {statistics.StateBytes:N0} bytes from the partitions (largest {statistics.LargestStateBytes:N0}), {statistics.ResultBytes:N0} bytes back to the caller; {statistics.Retries} retries"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time: cluster job {clusterTime.TotalMilliseconds:N0} ms, one process {localTime.TotalMilliseconds:N0} ms, start-up {startUp.TotalMilliseconds:N0} ms"));

await client.StopAsync();

// The primary silo (the membership of localhost clustering) goes last.
foreach (var silo in Enumerable.Reverse(silos))
{
    await silo.StopAsync();
    silo.Dispose();
}

return identical ? 0 : 1;

// Ports the operating system has free now, so the sample runs beside anything else on the machine.
static int[] FreePorts(int count)
{
    var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
    listeners.ForEach(l => l.Start());
    var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
    listeners.ForEach(l => l.Stop());
    return ports;
}
