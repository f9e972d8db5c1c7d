using System.Globalization;
using Crm.Domain;
using Crm.Domain.Activity;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Purchases of 100,000 customers with BG/NBD-like behaviour (gamma-distributed purchase rates, beta-distributed
/// dropout after each purchase, first purchases spread over a year), about ten per customer, read in Europe/Berlin.
/// </summary>
internal static class LifetimeData
{
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    public static readonly LocalDate CalibrationEnd = new(2026, 6, 30);

    public static Purchase[] Purchases(int customers, int seed)
    {
        var random = new Random(seed);
        var start = Instant.FromUtc(2024, 7, 1, 0, 0);
        var end = Instant.FromUtc(2026, 6, 30, 0, 0);
        var list = new List<Purchase>(customers * 11);
        for (var i = 0; i < customers; i++)
        {
            var id = new CustomerId("c" + i.ToString(CultureInfo.InvariantCulture));
            var rate = Gamma(random, 1.5) * 0.02; // purchases per day while alive, mean 0.03
            var dropout = Beta(random, 1, 12);
            var at = start + Duration.FromMinutes(random.Next(365 * 24 * 60));
            while (at < end)
            {
                list.Add(Purchase.Sale(id, at, new Money(random.Next(500, 20_000) / 100m, Currency.Eur)));
                if (random.NextDouble() < dropout)
                {
                    break;
                }

                at += Duration.FromMinutes(-Math.Log(1 - random.NextDouble()) / rate * 24 * 60);
            }
        }

        return [.. list];
    }

    /// <summary>
    /// The purchases as they arrive: <c>time-ordered</c> sorts them by instant (customers interleaved) and makes them
    /// anew in that order, as a reader of a log would (<see cref="ArrivalLog.AsRead"/>); <c>grouped</c> keeps each
    /// customer's together, as generated.
    /// </summary>
    public static Purchase[] Arranged(Purchase[] purchases, string layout)
    {
        if (layout != "time-ordered")
        {
            return purchases;
        }

        Array.Sort(purchases, (a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return ArrivalLog.AsRead(purchases);
    }

    /// <summary>The CDNOW sample's purchases (tests/data/cdnow), found by walking up from the binaries.</summary>
    public static Purchase[] Cdnow()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "tests", "data", "cdnow", "CDNOW_sample.txt")))
        {
            folder = folder.Parent;
        }

        var path = Path.Combine(folder?.FullName ?? throw new FileNotFoundException("tests/data/cdnow/CDNOW_sample.txt not found above " + AppContext.BaseDirectory), "tests", "data", "cdnow", "CDNOW_sample.txt");
        var date = NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");
        return [.. File.ReadLines(path)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .Select(f => Purchase.Sale(new CustomerId(f[1]), date.Parse(f[2]).Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), new Money(decimal.Parse(f[4], CultureInfo.InvariantCulture), Currency.Usd)))];
    }

    /// <summary>
    /// Purchases of customers who behave as the BG/NBD fit of CDNOW says (r, α, a, b = 0.243, 4.414, 0.793, 2.426 per
    /// week), first buying over twelve weeks and observed to 39 weeks after the start: CDNOW scaled up.
    /// </summary>
    public static Purchase[] CdnowLike(int customers, int seed)
    {
        var random = new Random(seed);
        var start = Instant.FromUtc(1997, 1, 1, 0, 0);
        var end = start + Duration.FromDays(39 * 7);
        var list = new List<Purchase>(customers * 3);
        for (var i = 0; i < customers; i++)
        {
            var id = new CustomerId("c" + i.ToString(CultureInfo.InvariantCulture));
            var rate = Gamma(random, 0.243) / 4.414 / 7; // per day
            var dropout = Beta(random, 0.793, 2.426);
            var at = start + Duration.FromMinutes(random.Next(12 * 7 * 24 * 60));
            list.Add(Purchase.Sale(id, at, new Money(random.Next(500, 10_000) / 100m, Currency.Usd)));
            while (true)
            {
                at += Duration.FromMinutes(Math.Min(-Math.Log(1 - random.NextDouble()) / rate * 24 * 60, 1e9));
                if (at >= end)
                {
                    break;
                }

                list.Add(Purchase.Sale(id, at, new Money(random.Next(500, 10_000) / 100m, Currency.Usd)));
                if (random.NextDouble() < dropout)
                {
                    break;
                }
            }
        }

        return [.. list];
    }

    /// <summary>The floor of every scaling table: one scan of the array summing the amounts.</summary>
    public static decimal SumAmounts(Purchase[] purchases)
    {
        var sum = 0m;
        foreach (var purchase in purchases)
        {
            sum += purchase.Amount.Amount;
        }

        return sum;
    }

    private static double Gamma(Random random, double shape) => ArrivalLog.Gamma(random, shape);

    private static double Beta(Random random, double a, double b) => ArrivalLog.Beta(random, a, b);
}
