using Crm.Domain.Activity;

namespace Crm.Metrics.Tests;

/// <summary>Large generated inputs: enough records for the parallel paths that small inputs never take.</summary>
internal static class LargeData
{
    /// <summary>
    /// <paramref name="count"/> purchases in EUR (5 % refunds, 20 % without cost) over a fifth as many customers
    /// named <paramref name="prefix"/> + a number, from about 14 months before <paramref name="period"/> to a month after its start.
    /// </summary>
    public static List<Purchase> Purchases(ReportingPeriod period, int seed, string prefix, int count = 200_000)
    {
        var random = new Random(seed);
        var purchases = new List<Purchase>(count);
        for (var i = 0; i < count; i++)
        {
            var amount = new Money(random.Next(0, 100_000) / 100m, Currency.Eur);
            purchases.Add(new Purchase(
                new CustomerId(prefix + random.Next(count / 5).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                period.Start + Duration.FromMinutes(random.Next(-600_000, 60_000)),
                random.Next(20) == 0 ? PurchaseKind.Refund : PurchaseKind.Sale,
                amount,
                cost: random.Next(5) == 0 ? null : amount.Multiply(0.5m)));
        }

        return purchases;
    }
}
