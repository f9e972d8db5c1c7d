using System.Globalization;
using BenchmarkDotNet.Running;

namespace Crm.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/Crm.Benchmarks -- --filter '*'</c>; or
/// <c>-- --write-transactions FILE [--customers N]</c> to write a time-ordered transaction log (see
/// <see cref="ArrivalLog"/>): 24,000 customers give about 100,000 rows, 200,000 about 830,000.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line, or writes the transaction log.</summary>
    /// <param name="args">BenchmarkDotNet arguments (e.g. <c>--filter *Money*</c>), or <c>--write-transactions FILE [--customers N]</c>.</param>
    public static void Main(string[] args)
    {
        if (args is ["--write-transactions", var file, ..])
        {
            var customers = args is [_, _, "--customers", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 24_000;
            var purchases = ArrivalLog.Generate(customers);
            using (var writer = new StreamWriter(file))
            {
                ArrivalLog.Write(purchases, writer);
            }

            Console.WriteLine($"Wrote {purchases.Length:N0} sales of {customers:N0} customers, in time order, to {file}.");
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
