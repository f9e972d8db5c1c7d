using Crm.Domain;
using Crm.Metrics.Lifetime;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Customer bases the purchase models cannot describe (no heterogeneity for their mixing distributions), shared by the
/// benchmarks and the tests: fits on them must end at a named bound, quickly.
/// </summary>
public static class DegenerateBases
{
    private static readonly SummaryOptions Days = new(new LocalDate(2020, 1, 10)) { TimeUnit = ModelTimeUnit.Days };

    /// <summary>1,000 identical customers: x = 2, t_x = 5 days, T = 10 days.</summary>
    /// <returns>The summary.</returns>
    public static CustomerBaseSummary Identical() =>
        CustomerBaseSummary.FromSummaries(Enumerable.Range(0, 1000).Select(i => new CustomerSummary(new CustomerId($"c{i}"), 2, new BtydRecency(ModelTime.Days(5)), ModelTime.Days(10))), Days);

    /// <summary>20,000 customers buying at one Poisson rate (0.5 a day) over 100 days, never dropping out (fixed seed).</summary>
    /// <returns>The summary.</returns>
    public static CustomerBaseSummary Poisson()
    {
        var random = new Random(20261204);
        var rows = new List<CustomerSummary>();
        for (var i = 0; i < 20_000; i++)
        {
            var days = new SortedSet<int>();
            for (var t = -Math.Log(1 - random.NextDouble()) / 0.5; t < 100; t += -Math.Log(1 - random.NextDouble()) / 0.5)
            {
                days.Add((int)t);
            }

            var first = days.Count > 0 ? days.Min : 99;
            days.Remove(first);
            rows.Add(new CustomerSummary(new CustomerId($"p{i}"), days.Count, new BtydRecency(ModelTime.Days(days.Count > 0 ? days.Max - first : 0)), ModelTime.Days(100 - first)));
        }

        return CustomerBaseSummary.FromSummaries(rows, Days);
    }
}
