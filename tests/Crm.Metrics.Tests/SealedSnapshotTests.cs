using Crm.Domain.Activity;
using Crm.Metrics.Loyalty;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests;

/// <summary>
/// Results are taken from a sealed snapshot of the accumulator: reading one changes nothing a later result sees, and
/// the accumulator goes on adding afterwards as if it had not been read.
/// </summary>
public class SealedSnapshotTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 4, 2, 8, 0);

    [Theory]
    [InlineData(1)]
    [InlineData(4)] // enough customers for the sealed tables to be ordered and scanned on several threads
    public void Reading_results_midway_then_adding_more_gives_the_one_pass_scorecard(int threads)
    {
        var purchases = LargeData.Purchases(March, seed: 7, prefix: "s", count: 200_000);
        var options = new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = threads } };
        var onePass = new ScorecardAccumulator(March, options: options);
        purchases.ForEach(onePass.Add);

        var midway = new ScorecardAccumulator(March, options: options);
        purchases.Take(120_000).ToList().ForEach(midway.Add);
        var early = Snapshot.Of(midway.Result(Now));
        Assert.Equal(early, Snapshot.Of(midway.Result(Now))); // reading twice: the same
        var state = midway.ToState();
        purchases.Skip(120_000).ToList().ForEach(midway.Add);

        Assert.Equal(Snapshot.Of(onePass.Result(Now)), Snapshot.Of(midway.Result(Now)));
        Assert.NotEqual(early, Snapshot.Of(midway.Result(Now)));
        Assert.Equal(120_000 - purchases.Take(120_000).Count(p => p.OccurredAt >= March.End), state.Purchases.Customers.Sum(c => c.PeriodSales) + CountBefore(purchases.Take(120_000)));
    }

    [Fact]
    public void A_family_accumulator_counts_its_customers_and_results_without_a_result_changing_the_next()
    {
        var accumulator = new PurchaseAccumulator(March);
        foreach (var purchase in Purchases)
        {
            accumulator.Add(purchase);
        }

        var first = accumulator.LoyaltyResult(Eur);
        var customers = accumulator.CustomerCount;
        var second = accumulator.LoyaltyResult(Eur);

        Assert.Equal(Purchases.Where(p => p.OccurredAt < March.End).Select(p => p.CustomerId).Distinct().Count(), customers);
        Assert.Equal((first.Revenue, first.Orders, first.ActiveCustomers, first.NewCustomers), (second.Revenue, second.Orders, second.ActiveCustomers, second.NewCustomers));
    }

    /// <summary>Sales and refunds before the period, and refunds in it: the purchases a state's period sales do not count.</summary>
    private static int CountBefore(IEnumerable<Purchase> purchases) =>
        purchases.Count(p => p.OccurredAt < March.End && (p.OccurredAt < March.Start || p.Kind == PurchaseKind.Refund));
}
