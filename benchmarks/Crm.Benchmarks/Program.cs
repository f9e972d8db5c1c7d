using System.Globalization;
using BenchmarkDotNet.Running;

namespace Crm.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/Crm.Benchmarks -- --filter '*'</c>; or
/// <c>-- --write-transactions FILE</c> to write the 100,000-row, 20,000-customer transaction log the whole-report
/// measurement in docs/performance.md reads.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line, or writes the transaction log.</summary>
    /// <param name="args">BenchmarkDotNet arguments (e.g. <c>--filter *Money*</c>), or <c>--write-transactions FILE</c>.</param>
    public static void Main(string[] args)
    {
        if (args is ["--write-transactions", var file])
        {
            WriteTransactions(file);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>
    /// 100,000 sales drawn at random (fixed seed) from the BG/NBD-like histories of 20,000 customers over two years
    /// (2024-07 .. 2026-06), as the report's transactions CSV with local dates.
    /// </summary>
    private static void WriteTransactions(string file)
    {
        var random = new Random(20261122);
        var all = LifetimeData.Purchases(20_000, 20261122);
        random.Shuffle(all);
        using var writer = new StreamWriter(file);
        writer.WriteLine("customer_id,occurred_at,amount");
        foreach (var purchase in all.Take(100_000))
        {
            var date = purchase.OccurredAt.InZone(LifetimeData.Berlin).Date;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{purchase.CustomerId},{date:uuuu-MM-dd},{purchase.Amount.Amount}"));
        }

        Console.WriteLine($"Wrote {Math.Min(all.Length, 100_000):N0} of {all.Length:N0} generated sales to {file}.");
    }
}
