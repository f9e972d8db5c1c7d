using BenchmarkDotNet.Attributes;
using Crm.Domain.Activity;
using Crm.Metrics.Engine;
using Crm.Metrics.Storage;

namespace Crm.Benchmarks;

/// <summary>
/// What the reading thread of <c>ComputeAnalyses</c> does per purchase before any analysis: its customer's number
/// from the shared index, then the index's instance of the id (for the scorecards' buffers). The purchases are the
/// time-ordered log of 200,000 customers (about 824,000 purchases, customers interleaved; see <see cref="ArrivalLog"/>),
/// the index made for 200,000 customers at each call. The baseline looks each purchase up when it is read; the
/// look-ahead (<see cref="LookAhead"/>) fetches the slot when a purchase is read and looks it up <see cref="Depth"/> purchases
/// later (the analyses use eight).
/// The floor is one scan of the purchases reading each id's length.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class CustomerIndexBenchmarks
{
    private Purchase[] _purchases = null!;
    private PurchaseRecord[] _records = null!; // the same purchases as the look-ahead takes them

    /// <summary>Purchases between the look-ahead's steps.</summary>
    [Params(4, 8, 16)]
    public int Depth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _purchases = ArrivalLog.Generate(customers: 200_000);
        _records = [.. _purchases.Select(p => new PurchaseRecord(p))];
    }

    /// <summary>One scan of the purchases reading each id's length.</summary>
    /// <returns>The sum of the lengths.</returns>
    [Benchmark]
    public long Floor()
    {
        var sum = 0L;
        foreach (var p in _purchases)
        {
            sum += p.CustomerId.Value.Length;
        }

        return sum;
    }

    /// <summary>Each purchase looked up when it is read (the baseline).</summary>
    /// <returns>The sum of the numbers and the ids' lengths.</returns>
    [Benchmark(Baseline = true)]
    public long OneAtATime()
    {
        var index = new CustomerIndex(200_000);
        var sum = 0L;
        foreach (var p in _purchases)
        {
            var customer = index.IndexOf(p.CustomerId);
            sum += customer + index.Id(customer).Value.Length;
        }

        return sum;
    }

    /// <summary>The same through the look-ahead.</summary>
    /// <returns>The sum of the numbers and the ids' lengths.</returns>
    [Benchmark]
    public long LookingAhead()
    {
        var index = new CustomerIndex(200_000);
        var ahead = new LookAhead(index, Depth);
        var sum = 0L;
        foreach (ref readonly var p in _records.AsSpan())
        {
            if (ahead.Push(in p, out _, out var customer))
            {
                sum += customer + index.Id(customer).Value.Length;
            }
        }

        while (ahead.TryTake(out _, out var customer))
        {
            sum += customer + index.Id(customer).Value.Length;
        }

        return sum;
    }
}
