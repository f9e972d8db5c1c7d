using BenchmarkDotNet.Running;

namespace Crm.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/Crm.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    /// <param name="args">BenchmarkDotNet arguments (e.g. <c>--filter *Money*</c>).</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
