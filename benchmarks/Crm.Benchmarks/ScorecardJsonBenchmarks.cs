using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Metrics;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// What writing a scorecard as JSON (<see cref="CrmJson.Options"/>, without per-customer rows) adds to computing it:
/// a month of a time-ordered log of about a million purchases, customers interleaved (see <see cref="ArrivalLog"/>).
/// The baseline computes the scorecard; the second computes and writes it — so the write pays for everything it
/// forces, such as the per-customer distributions computed on first access; the third writes a scorecard computed
/// (and written once) beforehand, the serialiser alone.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class ScorecardJsonBenchmarks
{
    private static readonly JsonTypeInfo<Scorecard> Contract = (JsonTypeInfo<Scorecard>)CrmJson.Options.GetTypeInfo(typeof(Scorecard));
    private readonly ReportingPeriod _period = ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private CrmDataSet _data = null!;
    private ICrmMetrics _metrics = null!;
    private Scorecard _computed = null!;

    /// <summary>The log: 240,000 customers give about a million purchases.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var purchases = ArrivalLog.Generate(customers: 240_000);
        _data = new CrmDataSet { Purchases = purchases };
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddCrmMetrics();
        _metrics = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ICrmMetrics>(
            Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services));
        _computed = Compute();
        Console.WriteLine($"// {purchases.Length:N0} purchases; the document has {JsonSerializer.SerializeToUtf8Bytes(_computed, Contract).Length:N0} bytes");
    }

    /// <summary>The scorecard of March.</summary>
    /// <returns>The scorecard.</returns>
    [Benchmark(Baseline = true)]
    public Scorecard Compute() => _metrics.ComputeScorecard(_data, _period);

    /// <summary>The scorecard of March, written as JSON.</summary>
    /// <returns>The document's length.</returns>
    [Benchmark]
    public int ComputeAndWrite() => JsonSerializer.SerializeToUtf8Bytes(Compute(), Contract).Length;

    /// <summary>A computed scorecard written as JSON.</summary>
    /// <returns>The document's length.</returns>
    [Benchmark]
    public int WriteOnly() => JsonSerializer.SerializeToUtf8Bytes(_computed, Contract).Length;
}
