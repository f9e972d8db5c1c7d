using BenchmarkDotNet.Attributes;
using Crm.Domain;

namespace Crm.Benchmarks;

/// <summary>
/// Summing a column of amounts of one currency: <see cref="Money.Sum"/> (one currency check and one decimal
/// add per item) against the naive fold with <c>+</c> (a new Money, a currency check and a validation per item).
/// </summary>
[MemoryDiagnoser]
public class MoneySumBenchmarks
{
    private Money[] _amounts = [];

    /// <summary>Number of amounts.</summary>
    [Params(1_000, 1_000_000)]
    public int Count { get; set; }

    /// <summary>Deterministic amounts in cents.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _amounts = new Money[Count];
        for (var i = 0; i < _amounts.Length; i++)
        {
            _amounts[i] = new Money(random.Next(0, 1_000_000) / 100m, Currency.Usd);
        }
    }

    /// <summary>The naive fold.</summary>
    [Benchmark(Baseline = true)]
    public Money AggregateWithOperator() => _amounts.Aggregate(Money.Zero(Currency.Usd), (total, m) => total + m);

    /// <summary>The library's sum.</summary>
    [Benchmark]
    public Money MoneySum() => Money.Sum(_amounts, Currency.Usd);
}
