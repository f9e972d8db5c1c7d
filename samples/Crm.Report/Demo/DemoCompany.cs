using System.Globalization;
using System.Text;
using Crm.Report.Cli;
using NodaTime;
using NodaTime.Text;

namespace Crm.Report.Demo;

/// <summary>
/// The embedded demo data set: "Harbour &amp; Pine", a coffee and kitchenware company selling to people (online, in
/// its stores, in its app) and to cafés and offices (direct sales, partners), over two years (November 2024 to
/// October 2026). Generated from a fixed seed with its own random number generator, so every run gives the same
/// files (the runtime's <c>Math.Exp</c>, <c>Log</c> and <c>Cos</c> shape some values, so another CPU architecture could
/// round a rare cent differently). The output is the same CSV the report reads from disk (see
/// <c>--write-demo</c>), so the demo also exercises the readers.
/// </summary>
/// <remarks>
/// Customers buy at their own rate and may drop out after any purchase (the heterogeneity the customer-base models
/// assume); spend varies per customer and per order; some orders are refunded; surveys, complaints, interactions
/// and feedback follow purchases; organisations arrive through a lead funnel; costs are monthly budgets with a
/// quarterly event and half-yearly training that straddle month ends.
/// </remarks>
internal static class DemoCompany
{
    public static readonly LocalDate Start = new(2024, 11, 1);
    public static readonly LocalDate End = new(2026, 10, 31);
    private const int CustomerCount = 1500;

    private static readonly string[] FirstNames =
        ["Anna", "Ben", "Chen", "Daria", "Emil", "Fatima", "Grace", "Hiro", "Ines", "Jonas", "Kai", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wei", "Yara", "Zoe"];

    private static readonly string[] LastNames =
        ["Almeida", "Becker", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ito", "Jansen", "Kowalski", "Li", "Meyer", "Novak", "Okafor", "Petrov", "Rossi", "Schmidt", "Tanaka", "Wang"];

    private static readonly string[] OrgWords = ["Blue", "Corner", "Daily", "Harbor", "Little", "Maple", "North", "Old Town", "River", "Sunny"];
    private static readonly string[] OrgKinds = ["Café", "Bakery", "Offices", "Coworking", "Bistro", "Hotel"];
    private static readonly string[] Zones = ["Europe/Berlin", "Europe/London", "America/New_York", "Asia/Shanghai", "Europe/Paris", "Australia/Sydney"];

    /// <summary>The demo files: kind → (file name, CSV text; the programme's rules are JSON).</summary>
    public static IReadOnlyDictionary<InputKind, (string Name, string Csv)> Generate()
    {
        var random = new SplitMix64(20261122);
        var files = new Dictionary<InputKind, CsvBuilder>
        {
            [InputKind.Customers] = new("customers.csv", "customer_id,kind,name,birth_date,time_zone,acquired_at,acquisition_channel,email,phone,consent_channels"),
            [InputKind.Transactions] = new("transactions.csv", "customer_id,occurred_at,amount,currency,cost,channel"),
            [InputKind.Surveys] = new("surveys.csv", "customer_id,answered_at,kind,score"),
            [InputKind.Complaints] = new("complaints.csv", "case_id,customer_id,opened_at,first_response_at,resolved_at,target_hours"),
            [InputKind.Costs] = new("costs.csv", "kind,from,to,amount,currency,channel"),
            [InputKind.Leads] = new("leads.csv", "lead_id,stage,reached_at,customer_id"),
            [InputKind.Interactions] = new("interactions.csv", "customer_id,occurred_at,channel,direction,purpose"),
            [InputKind.Feedback] = new("feedback.csv", "customer_id,received_at,kind,channel"),
        };

        var days = Period.DaysBetween(Start, End);
        var sales = new List<(string Id, Instant At, decimal Amount)>();
        var cases = 0;
        var leads = 0;
        for (var i = 1; i <= CustomerCount; i++)
        {
            var id = $"C{i:D5}";
            var organisation = random.Next() < 0.15;

            // More customers arrive later (the company grows); the last two weeks bring none.
            var acquired = Start.PlusDays((int)((days - 14) * Math.Sqrt(random.Next())));
            var acquiredAt = At(acquired, random);
            Customer(files[InputKind.Customers], random, id, organisation, acquiredAt, i);
            if (organisation)
            {
                Lead(files[InputKind.Leads], random, ++leads, acquiredAt, id);
            }

            if (random.Next() < 0.06)
            {
                continue; // signed up, never bought
            }

            // Purchase rate (per day) and dropout chance per purchase vary by customer.
            var rate = (organisation ? 1 / 18.0 : 1 / 50.0) * (random.Exponential() + random.Exponential()) / 2;
            var dropout = 0.35 * random.Next() * random.Next();
            var meanSpend = organisation ? Math.Exp(5.3 + (0.6 * random.Normal())) : Math.Exp(3.6 + (0.5 * random.Normal()));
            var mood = random.Next(); // a customer's general satisfaction
            var day = acquiredAt;
            while (day.InUtc().Date <= End)
            {
                Purchase(files, sales, random, id, organisation, day, meanSpend, mood, ref cases);
                if (random.Next() < dropout)
                {
                    break;
                }

                day += Duration.FromHours(24 * (1 + (random.Exponential() / rate)));
            }
        }

        var lostLeads = leads * 2;
        for (var lost = 0; lost < lostLeads; lost++)
        {
            Lead(files[InputKind.Leads], random, ++leads, At(Start.PlusDays((int)(days * random.Next())), random), null);
        }

        Costs(files[InputKind.Costs], random);
        var result = files.ToDictionary(f => f.Key, f => (f.Value.Name, f.Value.ToString()));
        var (members, points) = DemoProgramme.Generate(sales, End.PlusDays(1).AtMidnight().InUtc().ToInstant());
        result[InputKind.Programme] = ("programme.json", DemoProgramme.Json);
        result[InputKind.Members] = ("members.csv", members);
        result[InputKind.Points] = ("points.csv", points);
        return result;
    }

    private static void Customer(CsvBuilder file, SplitMix64 random, string id, bool organisation, Instant acquiredAt, int i)
    {
        string name;
        LocalDate born;
        string email;
        if (organisation)
        {
            name = $"{random.Pick(OrgWords)} {random.Pick(OrgKinds)} {i}";
            born = new LocalDate(1980 + (int)(40 * random.Next()), 1, 1).PlusDays((int)(364 * random.Next()));
            email = $"orders{i}@{random.Pick(OrgWords).Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant()}-business.example";
        }
        else
        {
            var first = random.Pick(FirstNames);
            var last = random.Pick(LastNames);
            name = $"{first} {last}";
            born = new LocalDate(1950 + (int)(55 * random.Next()), 1, 1).PlusDays((int)(364 * random.Next()));
            if (i % 97 == 0)
            {
                born = new LocalDate(1996, 2, 29); // a few leap-day birthdays for the care calendar
            }

            email = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{i}@mail.example";
        }

        var phone = $"+49 30 555{i:D5}";
        var consent = random.Next() switch
        {
            < 0.45 => "email;sms",
            < 0.75 => "email",
            < 0.85 => "sms",
            _ => string.Empty,
        };
        // The channel follows the customer's number, not the random sequence, so the rest of the demo stays as it was.
        var channel = (i % 10) switch
        {
            < 4 => "search",
            < 7 => "referral",
            < 9 => "social",
            _ => "store",
        };
        file.Row(id, organisation ? "organisation" : "person", name, Date(born), random.Pick(Zones), Instant(acquiredAt), channel, email, phone, consent);
    }

    private static void Purchase(Dictionary<InputKind, CsvBuilder> files, List<(string, Instant, decimal)> sales, SplitMix64 random, string id, bool organisation, Instant at, double meanSpend, double mood, ref int cases)
    {
        var amount = Math.Round((decimal)(meanSpend * Math.Exp(0.3 * random.Normal())), 2);
        var cost = Math.Round(amount * (0.55m + (0.1m * (decimal)random.Next())), 2);
        var channel = organisation
            ? random.Next() switch { < 0.6 => "direct-sales", < 0.8 => "partner", _ => "online" }
            : random.Next() switch { < 0.45 => "online", < 0.75 => "store", _ => "mobile-app" };
        files[InputKind.Transactions].Row(id, Instant(at), Money(amount), "EUR", Money(cost), channel);
        sales.Add((id, at, amount));

        if (random.Next() < 0.03)
        {
            var share = random.Next() < 0.5 ? 1m : 0.5m;
            files[InputKind.Transactions].Row(id, Instant(at + Duration.FromDays(2 + (int)(10 * random.Next()))), Money(-Math.Round(amount * share, 2)), "EUR", Money(Math.Round(cost * share, 2)), channel);
        }

        var later = at + Duration.FromHours(24 + (72 * random.Next()));
        if (random.Next() < 0.12)
        {
            var score = random.Next() < 0.05 ? string.Empty : Score(random, mood, 1, 5);
            files[InputKind.Surveys].Row(id, Instant(later), "csat", score);
        }

        if (random.Next() < 0.05)
        {
            files[InputKind.Surveys].Row(id, Instant(later + Duration.FromDays(7)), "nps", Score(random, mood, 0, 10));
        }

        if (random.Next() < 0.12)
        {
            var support = random.Next() < 0.5;
            files[InputKind.Interactions].Row(id, Instant(later), random.Pick(["phone", "email", "online-chat"]), "inbound", support ? "support" : "inquiry");
            if (support && random.Next() < 0.5)
            {
                files[InputKind.Surveys].Row(id, Instant(later + Duration.FromHours(2)), "ces", Score(random, mood, 1, 7));
            }
        }

        if (organisation && random.Next() < 0.25)
        {
            files[InputKind.Interactions].Row(id, Instant(later + Duration.FromDays(5)), "face-to-face", "outbound", "follow-up-visit");
        }

        if (random.Next() < 0.08)
        {
            files[InputKind.Interactions].Row(id, Instant(later + Duration.FromDays(20)), random.Pick(["email", "sms"]), "outbound", "care");
        }

        if (random.Next() < 0.025 + (0.03 * (1 - mood)))
        {
            var opened = later + Duration.FromHours(12 * random.Next());
            var response = opened + Duration.FromMinutes(Math.Round(60 * (organisation ? 2 : 4) * Math.Exp(0.8 * random.Normal())));
            var resolved = response + Duration.FromMinutes(Math.Round(60 * 26 * Math.Exp(0.7 * random.Normal())));
            var unanswered = opened.InUtc().Date > End.PlusDays(-2);
            var unresolved = unanswered || resolved.InUtc().Date > End;
            files[InputKind.Complaints].Row(
                $"K{++cases:D5}",
                id,
                Instant(opened),
                unanswered ? string.Empty : Instant(response),
                unresolved ? string.Empty : Instant(resolved),
                organisation ? "24" : "48");
        }

        if (random.Next() < 0.02)
        {
            files[InputKind.Feedback].Row(id, Instant(later), random.Next() < 0.4 ? "suggestion" : "praise", random.Pick(["email", "social-media", "face-to-face", "mobile-app"]));
        }
    }

    /// <summary>An organisation's way through the funnel, ending in "won" at its acquisition; or a lead lost on the way.</summary>
    private static void Lead(CsvBuilder file, SplitMix64 random, int number, Instant end, string? customer)
    {
        var id = $"L{number:D5}";
        string[] stages = ["lead", "qualified", "proposal", "won"];
        var reached = customer is null
            ? random.Next() switch { < 0.55 => 1, < 0.85 => 2, _ => 3 }
            : 4;
        var at = end - Duration.FromDays(reached * (3 + (int)(8 * random.Next())));
        for (var s = 0; s < reached; s++)
        {
            at = s == 3 ? end : at + Duration.FromDays(2 + (int)(6 * random.Next()));
            file.Row(id, stages[s], Instant(at), s == 3 ? customer! : string.Empty);
        }
    }

    private static void Costs(CsvBuilder file, SplitMix64 random)
    {
        var month = 0;
        for (var first = Start; first <= End; first = first.PlusMonths(1), month++)
        {
            var last = first.PlusMonths(1).PlusDays(-1);
            file.Row("acquisition", Date(first), Date(last), Money(Math.Round(3800m + (120m * month) + (400m * (decimal)random.Next()), 2)), "EUR", "online-ads");
            file.Row("retention", Date(first), Date(last), Money(1750m + (25m * month)), "EUR", "loyalty-programme");
            file.Row("other", Date(first), Date(last), "890.00", "EUR", "crm-licence");
            if (month % 3 == 1)
            {
                // A trade fair every quarter, its budget spread over six weeks that straddle a month end.
                file.Row("acquisition", Date(first.PlusDays(14)), Date(first.PlusDays(55)), "6200.00", "EUR", "trade-fair");
            }

            if (month % 6 == 4)
            {
                file.Row("other", Date(first.PlusDays(27)), Date(first.PlusDays(33)), "2400.00", "EUR", "service-training");
            }
        }
    }

    private static string Score(SplitMix64 random, double mood, int low, int high)
    {
        // Most answers sit near the top of the scale; the least happy customers answer lower.
        var x = mood < 0.15
            ? 0.85 * Math.Max(random.Next(), random.Next())
            : Math.Max(random.Next(), Math.Max(random.Next(), random.Next()));
        x = Math.Min(x, 0.999999);
        return (low + (int)(x * (high - low + 1))).ToString(CultureInfo.InvariantCulture);
    }

    private static Instant At(LocalDate date, SplitMix64 random) =>
        date.AtMidnight().InUtc().ToInstant() + Duration.FromMinutes((8 * 60) + (int)(13 * 60 * random.Next()));

    private static string Instant(Instant at) => InstantPattern.General.Format(at);

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private sealed class CsvBuilder(string name, string header)
    {
        private readonly StringBuilder _text = new StringBuilder(header).Append('\n');

        public string Name { get; } = name;

        public void Row(params string[] fields)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                var field = fields[i];
                if (field.AsSpan().IndexOfAny(",\"\n") >= 0)
                {
                    _text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    _text.Append(field);
                }
            }

            _text.Append('\n');
        }

        public override string ToString() => _text.ToString();
    }
}

/// <summary>SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and the same sequence everywhere for a seed.</summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Uniform in [0, 1).</summary>
    public double Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    public double Exponential() => -Math.Log(1 - Next());

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(1 - Next())) * Math.Cos(2 * Math.PI * Next());

    public T Pick<T>(IReadOnlyList<T> items) => items[(int)(Next() * items.Count)];
}
