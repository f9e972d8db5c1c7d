using System.Diagnostics;
using System.Text.Json;
using Crm.Benchmarks;
using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Metrics;
using Crm.Metrics.Lifetime;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

// crm-harness: the scorecard, the models' summary, RFM and the fits on a time-ordered log (customers interleaved, a few
// purchases each; the scorecard also from the same purchases as values), timed plainly, medians printed as JSON. Options: --customers N (default 200000), --repeat R
// (default 5, after one warm-up), --threads 1,2,4 (default 1 and every core), --layout grouped (each customer's
// purchases together, the layout of the earlier benchmarks; default: time-ordered, customers interleaved).
// --rounds N: the summary and RFM called in turn N times in this process, each call timed, with its full collections, pauses,
// bytes allocated, minor page faults and CPU time (first calls against later ones). --scorecard-rounds N: the same for
// the scorecard on every core.
// --series: the twelve monthly scorecards to September 2026 from one read against the last month alone, alternating,
// on one thread. --memory one|series|passes: in this process once, the last month alone, the twelve months from one
// read, or the twelve months one pass each, and the peak working set over that of the data (run each in its own process).
if (Array.IndexOf(args, "--series") >= 0 || Array.IndexOf(args, "--memory") >= 0)
{
    return SeriesHarness.Run(args, Option("--customers", 200_000), Option("--repeat", 7), OptionText("--memory"));
}

var customers = Option("--customers", 200_000);
var repeat = Option("--repeat", 5);
var threads = OptionText("--threads") is { } list
    ? [.. list.Split(',').Select(int.Parse)]
    : new[] { 1, Environment.ProcessorCount }.Distinct().ToArray();

var generate = Stopwatch.StartNew();
var purchases = ArrivalLog.Generate(customers);
if (OptionText("--layout") is "grouped")
{
    // The layout that hides the cache misses: each customer's purchases together (then by time), made anew in that order.
    purchases = ArrivalLog.AsRead([.. purchases.OrderBy(p => p.CustomerId.Value, StringComparer.Ordinal).ThenBy(p => p.OccurredAt)]);
}
generate.Stop();
var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
var period = ReportingPeriod.Month(2026, 9, zone);
var settings = new ScorecardSettings { Currency = Currency.Eur };
var summaryOptions = new SummaryOptions(new LocalDate(2026, 3, 31)) { HoldoutEnd = new LocalDate(2026, 9, 30), Zone = zone };

if (OptionText("--scorecard-rounds") is not null)
{
    // The scorecard on every core called N times, each call timed with its costs: the first call in a fresh process against later ones.
    using var provider = new ServiceCollection().AddCrmMetrics().BuildServiceProvider();
    var metrics = provider.GetRequiredService<ICrmMetrics>();
    var data = new CrmDataSet { Purchases = purchases };
    for (var round = 1; round <= Option("--scorecard-rounds", 6); round++)
    {
        var before = Costs.Now();
        var watch = Stopwatch.StartNew();
        metrics.ComputeScorecard(data, period, settings);
        var ms = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"call {round}: scorecard {ms:F0} ms ({Costs.Now() - before})"));
    }

    return 0;
}

if (OptionText("--rounds") is not null)
{
    // The summary and RFM called in turn, each call timed: the first call in a fresh process against later ones.
    var rfmOptions = new Crm.Metrics.Segments.RfmOptions(new LocalDate(2026, 9, 30)) { Zone = zone };
    for (var round = 1; round <= Option("--rounds", 6); round++)
    {
        var before = Costs.Now();
        var watch = Stopwatch.StartNew();
        CustomerBaseSummary.FromPurchases(purchases, summaryOptions);
        var summaryMs = watch.Elapsed.TotalMilliseconds;
        var summaryCosts = Costs.Now() - before;
        before = Costs.Now();
        watch.Restart();
        Crm.Metrics.Segments.RfmAnalysis.Compute(purchases, rfmOptions);
        var rfmMs = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"call {round}: summary {summaryMs:F0} ms ({summaryCosts}), RFM {rfmMs:F0} ms ({Costs.Now() - before})"));
    }

    return 0;
}

var results = new SortedDictionary<string, double>(StringComparer.Ordinal)
{
    ["floorOneCoreMs"] = Median(() => Floor(purchases, 1)),
    ["floorAllCoresMs"] = Median(() => Floor(purchases, Environment.ProcessorCount)),
};
PurchaseRecord[]? records = null; // the same purchases as values (CrmDataSet.PurchasesOf), made once
foreach (var t in threads)
{
    using var provider = new ServiceCollection().AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = t).BuildServiceProvider();
    var metrics = provider.GetRequiredService<ICrmMetrics>();
    results[$"scorecard{t}ThreadsMs"] = Median(() => metrics.ComputeScorecard(new CrmDataSet { Purchases = purchases }, period, settings));
    records ??= [.. purchases.Select(p => new PurchaseRecord(p))];
    results[$"scorecardRecords{t}ThreadsMs"] = Median(() => metrics.ComputeScorecard(new CrmDataSet { Purchases = CrmDataSet.PurchasesOf(records) }, period, settings));
}

records = null; // the summary and RFM read the purchases

CustomerBaseSummary summary = null!;
results["summaryMs"] = Median(() => summary = CustomerBaseSummary.FromPurchases(purchases, summaryOptions));
results["rfmMs"] = Median(() => Crm.Metrics.Segments.RfmAnalysis.Compute(purchases, new Crm.Metrics.Segments.RfmOptions(new LocalDate(2026, 9, 30)) { Zone = zone }));
results["bgNbdFitMs"] = Median(() => BgNbdModel.Fit(summary));
results["paretoNbdFitMs"] = Median(() => ParetoNbdModel.Fit(summary));

using var json = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
json.WriteStartObject();
json.WriteNumber("cores", Environment.ProcessorCount);
json.WriteNumber("customers", customers);
json.WriteString("layout", OptionText("--layout") ?? "time-ordered");
json.WriteNumber("purchases", purchases.Length);
json.WriteNumber("repeat", repeat);
json.WriteNumber("generateMs", Math.Round(generate.Elapsed.TotalMilliseconds, 1));
foreach (var (name, value) in results)
{
    json.WriteNumber(name, Math.Round(value, 1));
}

json.WriteStartObject("ratiosToAllCoreFloor");
foreach (var (name, value) in results.Where(r => r.Key.StartsWith("scorecard", StringComparison.Ordinal) || r.Key is "summaryMs" or "rfmMs"))
{
    json.WriteNumber(name.Replace("Ms", string.Empty, StringComparison.Ordinal), Math.Round(value / results["floorAllCoresMs"], 2));
}

json.WriteEndObject();
json.WriteEndObject();
json.Flush();
Console.WriteLine();
return 0;

double Median(Action run)
{
    run();
    var times = new double[repeat];
    for (var i = 0; i < repeat; i++)
    {
        var watch = Stopwatch.StartNew();
        run();
        times[i] = watch.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    return times[repeat / 2];
}

// One scan of the purchases summing their amounts: the least any calculation over the records can cost.
static void Floor(Purchase[] purchases, int cores)
{
    var chunk = (purchases.Length + cores - 1) / cores;
    var sums = new decimal[cores];
    Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, c =>
    {
        var sum = 0m;
        for (var i = c * chunk; i < Math.Min(purchases.Length, (c + 1) * chunk); i++)
        {
            sum += purchases[i].Amount.Amount;
        }

        sums[c] = sum;
    });
    GC.KeepAlive(sums);
}

int Option(string name, int fallback) => OptionText(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

/// <summary>What a call cost besides its time: full collections, the collector's pauses, bytes allocated, pages first touched (minor faults) and CPU time.</summary>
internal readonly record struct Costs(int FullCollections, TimeSpan Paused, long Allocated, long MinorFaults, TimeSpan Cpu)
{
    public static Costs Now()
    {
        using var process = Process.GetCurrentProcess();
        return new(GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: false), MinorFaultsSoFar(), process.TotalProcessorTime);
    }

    public static Costs operator -(Costs after, Costs before) =>
        new(after.FullCollections - before.FullCollections, after.Paused - before.Paused, after.Allocated - before.Allocated, after.MinorFaults - before.MinorFaults, after.Cpu - before.Cpu);

    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{FullCollections} full collections, paused {Paused.TotalMilliseconds:F0} ms, allocated {Allocated / 1e6:F0} MB, {MinorFaults:N0} minor faults, CPU {Cpu.TotalMilliseconds:F0} ms");

    /// <summary>The process's minor page faults so far (Linux; 0 elsewhere).</summary>
    private static long MinorFaultsSoFar()
    {
        try
        {
            // /proc/self/stat: the 10th field is minflt; the command name (2nd) is in parentheses and may hold spaces.
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}

