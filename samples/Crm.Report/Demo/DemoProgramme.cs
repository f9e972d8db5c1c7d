using System.Globalization;
using System.Text;
using Crm.Domain;
using Crm.Domain.LoyaltyProgrammes;
using NodaTime;
using NodaTime.Text;

namespace Crm.Report.Demo;

/// <summary>
/// The demo company's loyalty programme, "Bean Club", launched on 1 March 2025: three tiers (Bean for every member,
/// Silver from 300 EUR spent in a year, Gold from 1,500 points earned in a year, each kept 60 days after the member
/// stops qualifying), a point per euro spent, points worth 0.01 EUR that expire after 12 months. Members join at a
/// purchase, get a welcome bonus, redeem in steps of 500 points at later purchases, sometimes earn from a partner or
/// get a correction, and a few leave (forfeiting their balance). Generated from its own seed, after the rest of the
/// company, so the other files do not change with it; the ledger of every member is checked by the library as it is
/// written.
/// </summary>
internal static class DemoProgramme
{
    public static readonly Instant Launch = Instant.FromUtc(2025, 3, 1, 0, 0);

    public const string Json = """
        {
          "tiers": [
            { "name": "Bean", "qualifyPoints": 0, "windowDays": 365, "graceDays": 0 },
            { "name": "Silver", "qualifySpend": 300, "windowDays": 365, "graceDays": 60 },
            { "name": "Gold", "qualifyPoints": 1500, "windowDays": 365, "graceDays": 60 }
          ],
          "expiryMonths": 12,
          "pointValue": { "amount": 0.01, "currency": "EUR" }
        }

        """;

    /// <summary>The members and points files for the company's sales (customer, instant, amount), in any order.</summary>
    public static (string Members, string Points) Generate(IEnumerable<(string Id, Instant At, decimal Amount)> sales, Instant end)
    {
        var random = new SplitMix64(20261205);
        var programme = new LoyaltyProgramme(
            [
                LoyaltyTier.ByPoints("Bean", 0, 365, 0),
                LoyaltyTier.BySpend("Silver", new Money(300m, Currency.Eur), 365, 60),
                LoyaltyTier.ByPoints("Gold", 1500, 365, 60),
            ],
            new Money(0.01m, Currency.Eur),
            expiryMonths: 12);
        var members = new StringBuilder("customer_id,joined_at,left_at\n");
        var rows = new List<(Instant At, string Line)>();
        foreach (var customer in sales.Where(s => s.At >= Launch).GroupBy(s => s.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var own = customer.OrderBy(s => s.At).ToList();
            if (random.Next() >= 0.45)
            {
                continue;
            }

            var first = random.Next() < 0.6 ? 0 : (int)(random.Next() * ((own.Count + 1) / 2));
            var joined = own[first].At - Duration.FromMinutes(5);
            Instant? left = random.Next() < 0.06 ? joined + Duration.FromDays(60 + (int)(400 * random.Next())) : null;
            if (left >= end)
            {
                left = null;
            }

            members.Append(customer.Key).Append(',').Append(Text(joined)).Append(',').Append(left is { } l ? Text(l) : string.Empty).Append('\n');
            var id = new CustomerId(customer.Key);
            var ledger = new PointsLedger(id, programme);
            void Try(PointsEntry entry, string source, string reason)
            {
                try
                {
                    ledger.Add(entry);
                    rows.Add((entry.OccurredAt, string.Join(',', customer.Key, Text(entry.OccurredAt), entry.Kind.ToString().ToLowerInvariant(), entry.Points.ToString(CultureInfo.InvariantCulture), source, reason)));
                }
                catch (InsufficientPointsException)
                {
                    // Not enough points at that instant: the member does not redeem or get corrected then.
                }
            }

            Try(PointsEntry.Earn(id, joined, 100, PointsSource.Campaign), "campaign", string.Empty);
            foreach (var sale in own.Skip(first))
            {
                if (left is { } leaving && sale.At >= leaving)
                {
                    break;
                }

                var balance = ledger.BalanceBefore(sale.At);
                if (balance >= 500 && random.Next() < 0.35)
                {
                    Try(PointsEntry.Redeem(id, sale.At - Duration.FromMinutes(1), Math.Min(1500, balance / 500 * 500)), string.Empty, string.Empty);
                }

                var earned = (long)Math.Floor(sale.Amount);
                if (earned >= 1)
                {
                    Try(PointsEntry.Earn(id, sale.At, earned), "purchase", string.Empty);
                }

                if (random.Next() < 0.02)
                {
                    Try(PointsEntry.Adjust(id, sale.At + Duration.FromDays(3), -Math.Min(50, Math.Max(1, earned)), "duplicate earning corrected"), string.Empty, "duplicate earning corrected");
                }
            }

            if (random.Next() < 0.12)
            {
                var partner = joined + Duration.FromDays(10 + (int)(300 * random.Next()));
                if (partner < end && (left is not { } lv || partner < lv))
                {
                    Try(PointsEntry.Earn(id, partner, 250, PointsSource.Partner), "partner", string.Empty);
                }
            }

            if (left is { } gone && ledger.BalanceBefore(gone) is > 0 and var forfeited)
            {
                Try(PointsEntry.Expire(id, gone, forfeited), string.Empty, string.Empty);
            }
        }

        var points = new StringBuilder("customer_id,occurred_at,kind,points,source,reason\n");
        foreach (var (_, line) in rows.OrderBy(r => r.At))
        {
            points.Append(line).Append('\n');
        }

        return (members.ToString(), points.ToString());
    }

    private static string Text(Instant at) => InstantPattern.General.Format(at);
}
