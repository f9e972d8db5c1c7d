using System.Diagnostics;
using System.Text.Json;
using Crm.Benchmarks;
using Crm.Domain;
using Crm.Metrics;
using NodaTime;

/// <summary>The twelve monthly scorecards from one read, against the last month alone: alternating timings, or one run's peak memory.</summary>
internal static class SeriesHarness
{
    public static int Run(string[] args, int customers, int repeat, string? memory)
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var months = ReportingPeriod.MonthsUpTo(new YearMonth(2026, 9), 12, zone);
        var data = new CrmDataSet { Purchases = ArrivalLog.Generate(customers) };
        var settings = new ScorecardSettings { Currency = Currency.Eur };
        var options = new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 1 } };
        var now = Instant.FromUtc(2026, 11, 1, 0, 0);
        object LastMonth()
        {
            using var one = new ScorecardAccumulator(months[^1], settings, options);
            one.AddRange(data);
            return one.Result(now);
        }

        object Series()
        {
            using var series = new ScorecardSeriesAccumulator(months, settings, options);
            series.AddRange(data);
            return series.Result(now);
        }

        object Passes() => months.Select(m =>
        {
            using var one = new ScorecardAccumulator(m, settings, options);
            one.AddRange(data);
            return one.Result(now);
        }).ToList();

        using var json = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("customers", customers);
        json.WriteNumber("purchases", ((Array)data.Purchases).Length);
        if (memory is not null)
        {
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = Math.Max(process.PeakWorkingSet64, process.WorkingSet64);
            GC.KeepAlive(memory switch { "one" => LastMonth(), "series" => Series(), "passes" => Passes(), _ => throw new ArgumentException("--memory one|series|passes") });
            process.Refresh();
            json.WriteString("memory", memory);
            json.WriteNumber("dataMb", Math.Round(before / 1e6));
            json.WriteNumber("peakMb", Math.Round(process.PeakWorkingSet64 / 1e6));
            json.WriteNumber("peakOverDataMb", Math.Round((process.PeakWorkingSet64 - before) / 1e6));
        }
        else
        {
            LastMonth();
            Series();
            var one = new double[repeat];
            var twelve = new double[repeat];
            for (var i = 0; i < repeat; i++)
            {
                var watch = Stopwatch.StartNew();
                LastMonth();
                one[i] = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                Series();
                twelve[i] = watch.Elapsed.TotalMilliseconds;
            }

            Array.Sort(one);
            Array.Sort(twelve);
            json.WriteNumber("lastMonthMs", Math.Round(one[repeat / 2], 1));
            json.WriteNumber("twelveMonthsOneReadMs", Math.Round(twelve[repeat / 2], 1));
            json.WriteNumber("ratio", Math.Round(twelve[repeat / 2] / one[repeat / 2], 2));
        }

        json.WriteEndObject();
        json.Flush();
        Console.WriteLine();
        return 0;
    }
}
