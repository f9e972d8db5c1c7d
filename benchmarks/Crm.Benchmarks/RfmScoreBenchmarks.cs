using BenchmarkDotNet.Attributes;
using Crm.Metrics.Segments;
using Crm.Metrics.Storage;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// RFM's scoring of one dimension — a score 1..5 per customer by percent rank, ties sharing it, and the five bins — on
/// the values of a real analysis (the time-ordered log's RFM at 2026-09-30 in Berlin, computed once in the set-up):
/// the library's four order statistics against a radix sort of every value with the customers' places, what RFM
/// did before (kept here as the baseline), and a comparison sort as one writes it without either.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class RfmScoreBenchmarks
{
    private double[] _values = [];

    /// <summary>Customers in the log (about 60 % of them buy in the analysis's window).</summary>
    [Params(200_000, 2_400_000)]
    public int Customers { get; set; }

    /// <summary>Which dimension is scored: recency (days, lower is better), frequency (sale days) or monetary (mean per sale day).</summary>
    [Params("recency", "frequency", "monetary")]
    public string Dimension { get; set; } = "recency";

    /// <summary>Generates the purchases and computes RFM; keeps one dimension's values.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var purchases = ArrivalLog.Generate(Customers);
        var rfm = RfmAnalysis.Compute(purchases, new RfmOptions(new LocalDate(2026, 9, 30)) { Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] });
        var customers = rfm.Packed;
        _values = new double[customers.Count];
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = Dimension switch
            {
                "recency" => customers.RecencyDays(i),
                "frequency" => customers.Frequency(i),
                _ => (double)customers.Monetary(i),
            };
        }

        Console.WriteLine($"// {purchases.Length:N0} purchases, {_values.Length:N0} customers scored");
    }

    private bool LowerIsBetter => Dimension == "recency";

    /// <summary>Every value sorted with its place (a radix sort of 64-bit keys), then each place given the rank of its run of ties.</summary>
    /// <returns>The sum of the scores.</returns>
    [Benchmark(Baseline = true)]
    public long SortEveryValue()
    {
        var n = _values.Length;
        var keys = new ulong[n];
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            var key = LowerIsBetter ? -_values[i] : _values[i];
            keys[i] = RadixSort.Ascending(key == 0 ? 0.0 : key);
            index[i] = i;
        }

        RadixSort.Sort(keys, index);
        return Bins(ScoresOfSorted(keys, index));
    }

    /// <summary>The library: four order statistics by a radix select, then one comparison per value and bound.</summary>
    /// <returns>The sum of the scores.</returns>
    [Benchmark]
    public long FourOrderStatistics()
    {
        var (scores, bins) = RfmAnalysis.Score(_values, LowerIsBetter);
        return Sum(scores) + bins.Count;
    }

    /// <summary>Naive: the values' order by a comparison sort (<see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/>), then the rank of each run of ties.</summary>
    /// <returns>The sum of the scores.</returns>
    [Benchmark]
    public long ComparisonSort()
    {
        var n = _values.Length;
        var sorted = new double[n];
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            sorted[i] = LowerIsBetter ? -_values[i] : _values[i];
            index[i] = i;
        }

        Array.Sort(sorted, index);
        return Bins(ScoresOfSorted(sorted, index));
    }

    /// <summary>Each place's score from values sorted worst first with their places: 1 + ⌊5w/n⌋, w where its run of ties starts.</summary>
    private static int[] ScoresOfSorted<T>(T[] sorted, int[] index)
        where T : IEquatable<T>
    {
        var n = sorted.Length;
        var scores = new int[n];
        var worse = 0;
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && !sorted[i].Equals(sorted[i - 1]))
            {
                worse = i;
            }

            scores[index[i]] = 1 + (int)(5L * worse / n);
        }

        return scores;
    }

    /// <summary>The five bins' counts, as the scorings make them, folded into the scores' sum.</summary>
    private long Bins(int[] scores)
    {
        Span<int> counts = stackalloc int[5];
        Span<double> lows = stackalloc double[5];
        Span<double> highs = stackalloc double[5];
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i] - 1;
            var value = _values[i];
            (lows[s], highs[s]) = counts[s]++ == 0 ? (value, value) : (Math.Min(lows[s], value), Math.Max(highs[s], value));
        }

        return Sum(scores) + counts[4];
    }

    private static long Sum(int[] scores)
    {
        long sum = 0;
        foreach (var score in scores)
        {
            sum += score;
        }

        return sum;
    }
}
