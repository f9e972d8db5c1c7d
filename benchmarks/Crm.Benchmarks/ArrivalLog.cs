using System.Globalization;
using Crm.Domain;
using Crm.Domain.Activity;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// A transaction log shaped as real logs and database scans arrive: in time order, customers interleaved, a few
/// purchases each. Customers behave as BG/NBD says — each buys at a gamma-distributed rate while alive and may drop
/// out after each purchase (beta-distributed) — and spend a gamma-distributed amount. First purchases spread over
/// the first 15 of 21 months (2025-01 .. 2026-09); about 4.1 purchases per customer. Deterministic for a seed.
/// </summary>
public static class ArrivalLog
{
    /// <summary>The log's first instant.</summary>
    public static readonly Instant Start = Instant.FromUtc(2025, 1, 1, 0, 0);

    /// <summary>The log's end (exclusive): 21 months after <see cref="Start"/>.</summary>
    public static readonly Instant End = Instant.FromUtc(2026, 10, 1, 0, 0);

    /// <summary>The purchases of <paramref name="customers"/> customers, in time order.</summary>
    /// <param name="customers">How many customers.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The purchases, ordered by instant.</returns>
    public static Purchase[] Generate(int customers, int seed = 20261204)
    {
        var random = new Random(seed);
        var list = new List<Purchase>(customers * 5);
        var firstWindow = (Instant.FromUtc(2026, 4, 1, 0, 0) - Start).TotalMinutes;
        for (var i = 0; i < customers; i++)
        {
            var id = new CustomerId("c" + i.ToString(CultureInfo.InvariantCulture));
            var rate = Gamma(random, 0.9) / 20; // purchases per day while alive: mean 0.045
            var dropout = Beta(random, 2, 5.5);
            var at = Start + Duration.FromMinutes(random.NextDouble() * firstWindow);
            while (at < End)
            {
                var spend = Math.Round((decimal)(Gamma(random, 2) * 30) + 1m, 2);
                list.Add(Purchase.Sale(id, at, new Money(spend, Currency.Eur)));
                if (random.NextDouble() < dropout)
                {
                    break;
                }

                at += Duration.FromMinutes(Math.Min(-Math.Log(1 - random.NextDouble()) / rate * 24 * 60, 1e9));
            }
        }

        list.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return AsRead(list);
    }

    /// <summary>
    /// The purchases made anew in their order, each with its own id string — as a reader of a log creates them, so
    /// that they lie in memory in the order they are read (a sorted array of objects created in another order would
    /// make every read a cache miss, which no real reader suffers).
    /// </summary>
    /// <param name="purchases">The purchases, in the order they arrive.</param>
    /// <returns>New purchase objects, equal to the given ones.</returns>
    public static Purchase[] AsRead(IReadOnlyList<Purchase> purchases)
    {
        var read = new Purchase[purchases.Count];
        for (var i = 0; i < read.Length; i++)
        {
            var p = purchases[i];
            read[i] = new Purchase(new CustomerId(new string(p.CustomerId.Value)), p.OccurredAt, p.Kind, p.Amount, p.Channel, p.Cost, p.Product);
        }

        return read;
    }

    /// <summary>Writes the log as the report's transactions CSV: <c>customer_id,occurred_at,amount,currency</c>.</summary>
    /// <param name="purchases">The purchases.</param>
    /// <param name="writer">Where to.</param>
    public static void Write(IEnumerable<Purchase> purchases, TextWriter writer)
    {
        writer.WriteLine("customer_id,occurred_at,amount,currency");
        var pattern = NodaTime.Text.InstantPattern.General; // whole seconds, as logs have them
        foreach (var purchase in purchases)
        {
            writer.Write(purchase.CustomerId.Value);
            writer.Write(',');
            writer.Write(pattern.Format(purchase.OccurredAt));
            writer.Write(',');
            writer.Write(purchase.Amount.Amount.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(purchase.Amount.Currency.Code);
        }
    }

    /// <summary>A gamma variate of scale 1 (Marsaglia and Tsang), for every generator of the benchmarks.</summary>
    internal static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        }

        // Marsaglia & Tsang for shape ≥ 1.
        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var v = 1 + (c * z);
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            if (Math.Log(random.NextDouble()) < (0.5 * z * z) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    /// <summary>A beta variate, from two gamma variates.</summary>
    internal static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a);
        return x / (x + Gamma(random, b));
    }
}
