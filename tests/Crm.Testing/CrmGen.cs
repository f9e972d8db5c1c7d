using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Domain.Customers;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Testing;

/// <summary>
/// Generators for every domain type, producing only valid values (so constructors never reject them).
/// Compose them in tests; <see cref="CrmArbitraries"/> registers them for <c>[Property]</c> parameters.
/// </summary>
public static class CrmGen
{
    /// <summary>2020-01-01T00:00:00Z, the centre of generated time.</summary>
    public static readonly Instant Epoch = NodaTime.Instant.FromUtc(2020, 1, 1, 0, 0);

    /// <summary>A few currencies, so cross-currency cases come up often.</summary>
    public static readonly Currency[] Currencies = [Crm.Domain.Currency.Usd, Crm.Domain.Currency.Eur, Crm.Domain.Currency.Cny, Crm.Domain.Currency.Jpy];

    /// <summary>Ids from a small key space so that customers repeat across records.</summary>
    public static Gen<CustomerId> CustomerId { get; } =
        Gen.Choose(1, 60).Select(i => new CustomerId("c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Lead ids.</summary>
    public static Gen<LeadId> LeadId { get; } =
        Gen.Choose(1, 100_000).Select(i => new LeadId("lead-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Complaint ids.</summary>
    public static Gen<ComplaintId> ComplaintId { get; } =
        Gen.Choose(1, 100_000).Select(i => new ComplaintId("case-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A currency among <see cref="Currencies"/>.</summary>
    public static Gen<Currency> Currency { get; } = Gen.Elements(Currencies);

    /// <summary>Amounts in cents, positive or negative, up to ±10 million.</summary>
    public static Gen<decimal> Amount { get; } =
        Gen.Choose(-1_000_000_000, 1_000_000_000).Select(cents => cents / 100m);

    /// <summary>Non-negative amounts in cents, up to 10 million; zero comes up.</summary>
    public static Gen<decimal> NonNegativeAmount { get; } =
        Gen.Frequency(
            (1, Gen.Constant(0m)),
            (9, Gen.Choose(0, 1_000_000_000).Select(cents => cents / 100m)));

    /// <summary>Money in a random currency (any sign).</summary>
    public static Gen<Money> Money { get; } =
        from amount in Amount
        from currency in Currency
        select new Money(amount, currency);

    /// <summary>Money in the given currency (any sign).</summary>
    public static Gen<Money> MoneyIn(Currency currency) => Amount.Select(a => new Money(a, currency));

    /// <summary>Non-negative money in the given currency.</summary>
    public static Gen<Money> NonNegativeMoneyIn(Currency currency) => NonNegativeAmount.Select(a => new Money(a, currency));

    /// <summary>Instants within about three years of <see cref="Epoch"/>, to the second.</summary>
    public static Gen<Instant> Instant { get; } =
        Gen.Choose(-50_000_000, 50_000_000).Select(s => Epoch + NodaTime.Duration.FromSeconds(s));

    /// <summary>Non-negative durations up to about 60 days, to the second.</summary>
    public static Gen<Duration> NonNegativeDuration { get; } =
        Gen.Frequency(
            (1, Gen.Constant(NodaTime.Duration.Zero)),
            (9, Gen.Choose(0, 5_000_000).Select(s => NodaTime.Duration.FromSeconds(s))));

    /// <summary>ISO dates between 1930 and 2030.</summary>
    public static Gen<LocalDate> LocalDate { get; } =
        Gen.Choose(0, 36_500).Select(d => new LocalDate(1930, 1, 1).PlusDays(d));

    /// <summary>Names, e-mail-like and phone-like strings that are valid and distinctive (easy to search for in output).</summary>
    public static Gen<string> PersonName { get; } =
        from first in Gen.Elements("Ada", "Wei", "Lena", "Ömer", "Zoë", "Ivan", "Mei", "Jürgen")
        from n in Gen.Choose(1000, 9999)
        select $"{first} Secret{n}";

    /// <summary>Valid e-mail addresses.</summary>
    public static Gen<string> Email { get; } = Gen.Choose(1000, 99999).Select(n => $"person{n}@example.test");

    /// <summary>Valid phone numbers.</summary>
    public static Gen<string> Phone { get; } = Gen.Choose(1_000_000, 9_999_999).Select(n => $"+49 30 {n}");

    /// <summary>Valid person profiles, with every optional field sometimes present.</summary>
    public static Gen<PersonProfile> PersonProfile { get; } =
        from name in PersonName
        from gender in Gen.Elements<Gender?>(null, Gender.Female, Gender.Male, Gender.Other)
        from hasBirth in Gen.Elements(true, false)
        from birth in LocalDate
        select new PersonProfile(name, gender, hasBirth ? birth : null);

    /// <summary>Valid organisation profiles.</summary>
    public static Gen<OrganisationProfile> OrganisationProfile { get; } =
        from n in Gen.Choose(1, 9999)
        from industry in Gen.Elements<string?>(null, "retail", "manufacturing", "software")
        from size in Gen.Elements<OrganisationSize?>(null, OrganisationSize.Large, OrganisationSize.SmallMedium, OrganisationSize.Individual)
        from capital in NonNegativeMoneyIn(Crm.Domain.Currency.Cny)
        from founded in LocalDate
        select new OrganisationProfile($"Secret Trading Co {n}", industry, size, capital, founded, "wholesale of secret goods");

    /// <summary>Valid contact points of every kind, with and without consent.</summary>
    public static Gen<ContactPoint> ContactPoint { get; } =
        from kind in Gen.Elements(Enum.GetValues<ContactPointKind>())
        from email in Email
        from phone in Phone
        from n in Gen.Choose(1, 99999)
        from consent in Gen.Elements<ConsentStatus?>(null, ConsentStatus.Granted, ConsentStatus.Withdrawn)
        from at in Instant
        let value = kind switch
        {
            ContactPointKind.Email => email,
            ContactPointKind.Phone => phone,
            ContactPointKind.Postal => $"{n} Secret Street, Berlin",
            _ => $"secret_handle_{n}",
        }
        select new ContactPoint(kind, value, null, consent is { } c ? new MarketingConsent(c, at) : null);

    /// <summary>Customers of both kinds, with contact points, dates, needs, preferences and tags, and a legal lifecycle history.</summary>
    public static Gen<Customer> Customer { get; } =
        from id in CustomerId
        from isPerson in Gen.Elements(true, false)
        from person in PersonProfile
        from organisation in OrganisationProfile
        from created in Instant
        from contacts in ContactPoint.ListOf()
        from customDate in LocalDate
        from steps in Gen.Choose(0, 6).SelectMany(k => Gen.Choose(0, 100).ListOf(k))
        select Build(id, isPerson, person, organisation, created, contacts, customDate, steps);

    /// <summary>Sales and refunds in the given currency, with and without cost.</summary>
    public static Gen<Purchase> PurchaseIn(Currency currency) =>
        from customer in CustomerId
        from at in Instant
        from kind in Gen.Frequency((9, Gen.Constant(PurchaseKind.Sale)), (1, Gen.Constant(PurchaseKind.Refund)))
        from amount in NonNegativeMoneyIn(currency)
        from channel in Gen.Elements(Enum.GetValues<SalesChannel>())
        from hasCost in Gen.Elements(true, false)
        from costShare in Gen.Choose(0, 100)
        select new Purchase(customer, at, kind, amount, channel, hasCost ? amount.Multiply(costShare / 100m) : null);

    /// <summary>Purchases in a random currency.</summary>
    public static Gen<Purchase> Purchase { get; } = Currency.SelectMany(PurchaseIn);

    /// <summary>Interactions over every channel, direction and purpose.</summary>
    public static Gen<Interaction> Interaction { get; } =
        from customer in CustomerId
        from at in Instant
        from channel in Gen.Elements(Enum.GetValues<CommunicationChannel>())
        from direction in Gen.Elements(Enum.GetValues<InteractionDirection>())
        from purpose in Gen.Elements(Enum.GetValues<InteractionPurpose>())
        select new Interaction(customer, at, channel, direction, purpose);

    /// <summary>Survey answers on their scales; about one in ten skipped.</summary>
    public static Gen<SurveyResponse> SurveyResponse { get; } =
        from customer in CustomerId
        from at in Instant
        from kind in Gen.Elements(Enum.GetValues<SurveyKind>())
        from skipped in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
        from score in Gen.Choose(SurveyScale.For(kind).Minimum, SurveyScale.For(kind).Maximum)
        select new SurveyResponse(customer, at, kind, skipped ? null : score);

    /// <summary>Complaints: unanswered, answered, resolved, resolved without a reply; with and without target.</summary>
    public static Gen<Complaint> Complaint { get; } =
        from id in ComplaintId
        from customer in CustomerId
        from opened in Instant
        from state in Gen.Choose(0, 3)
        from toResponse in NonNegativeDuration
        from toResolution in NonNegativeDuration
        from hasTarget in Gen.Elements(true, false)
        from targetHours in Gen.Choose(1, 24 * 30)
        from severity in Gen.Elements<ComplaintSeverity?>(null, ComplaintSeverity.Low, ComplaintSeverity.Normal, ComplaintSeverity.High, ComplaintSeverity.Critical)
        from channel in Gen.Elements<CommunicationChannel?>(null, CommunicationChannel.Phone, CommunicationChannel.Email, CommunicationChannel.OnlineChat)
        select new Complaint(
            id,
            customer,
            opened,
            state is 1 or 2 ? opened + toResponse : null,
            state == 2 ? opened + toResponse + toResolution : state == 3 ? opened + toResolution : null,
            hasTarget ? NodaTime.Duration.FromHours(targetHours) : null,
            severity,
            channel);

    /// <summary>Suggestions and praise.</summary>
    public static Gen<Feedback> Feedback { get; } =
        from customer in CustomerId
        from at in Instant
        from kind in Gen.Elements(Enum.GetValues<FeedbackKind>())
        from channel in Gen.Elements(Enum.GetValues<CommunicationChannel>())
        from text in Gen.Elements<string?>(null, "Secret opinion about the shop")
        select new Feedback(customer, at, kind, channel, text);

    /// <summary>Loyalty programme memberships, some ended.</summary>
    public static Gen<Crm.Domain.LoyaltyProgrammes.Membership> Membership { get; } =
        from customer in CustomerId
        from joined in Instant
        from stayHours in Gen.Choose(-1, 20000)
        select new Crm.Domain.LoyaltyProgrammes.Membership(customer, joined, stayHours < 0 ? null : joined + NodaTime.Duration.FromHours(stayHours + 1));

    /// <summary>Points entries of every kind (adjustments signed, with a reason).</summary>
    public static Gen<Crm.Domain.LoyaltyProgrammes.PointsEntry> PointsEntry { get; } =
        from customer in CustomerId
        from at in Instant
        from kind in Gen.Elements(Enum.GetValues<Crm.Domain.LoyaltyProgrammes.PointsEntryKind>())
        from points in Gen.Choose(1, 100000)
        from negative in Gen.Elements(true, false)
        select new Crm.Domain.LoyaltyProgrammes.PointsEntry(
            customer,
            at,
            kind,
            kind == Crm.Domain.LoyaltyProgrammes.PointsEntryKind.Adjust && negative ? -points : points,
            reason: kind == Crm.Domain.LoyaltyProgrammes.PointsEntryKind.Adjust ? "Secret note about the member" : null);

    /// <summary>Cost entries in the given currency over 1 to 120 days.</summary>
    public static Gen<CostEntry> CostEntryIn(Currency currency) =>
        from kind in Gen.Elements(Enum.GetValues<CostKind>())
        from amount in NonNegativeMoneyIn(currency)
        from start in LocalDate
        from days in Gen.Choose(0, 119)
        from channel in Gen.Elements<string?>(null, "search", "social")
        select new CostEntry(kind, amount, new DateInterval(start, start.PlusDays(days)), channel);

    /// <summary>Cost entries in a random currency.</summary>
    public static Gen<CostEntry> CostEntry { get; } = Currency.SelectMany(CostEntryIn);

    /// <summary>The funnel used by generated leads.</summary>
    public static Funnel Funnel { get; } = new(["lead", "qualified", "proposal", "won"]);

    /// <summary>Leads reaching a random subset of <see cref="Funnel"/>'s stages (skips happen) in time order.</summary>
    public static Gen<Lead> Lead { get; } =
        from id in LeadId
        from start in Instant
        from mask in Gen.Choose(1, 15)
        from gaps in NonNegativeDuration.ListOf(4)
        from converted in Gen.Elements(true, false)
        from customer in CustomerId
        select BuildLead(id, start, mask, gaps, converted ? customer : null);

    private static Lead BuildLead(LeadId id, Instant start, int mask, List<Duration> gaps, CustomerId? customer)
    {
        var stages = new List<LeadStageReached>();
        var at = start;
        for (var i = 0; i < Funnel.Stages.Count; i++)
        {
            at += gaps[i];
            if ((mask & (1 << i)) != 0)
            {
                stages.Add(new LeadStageReached(Funnel.Stages[i], at));
            }
        }

        return new Lead(id, stages, customer);
    }

    private static Customer Build(
        CustomerId id,
        bool isPerson,
        PersonProfile person,
        OrganisationProfile organisation,
        Instant created,
        List<ContactPoint> contacts,
        LocalDate customDate,
        List<int> steps)
    {
        var customer = isPerson
            ? Domain.Customers.Customer.CreatePerson(id, person, created)
            : Domain.Customers.Customer.CreateOrganisation(id, organisation, created);
        foreach (var contact in contacts)
        {
            if (!customer.ContactPoints.Any(c => c.Matches(contact.Kind, contact.Value)))
            {
                customer.AddContactPoint(contact);
            }
        }

        customer.SetHomeTimeZone("Europe/Berlin");
        customer.SetLocation("DE", "Berlin");
        customer.RecordAcquisition(created, "search ads");
        customer.AddCustomDate("secret wedding anniversary", customDate);
        customer.AddNeed(new CustomerNeed("secret need: faster delivery", NeedPriority.UrgentImportant));
        customer.SetPreferences(new CustomerPreferences(["books", "music"], ContactPointKind.Email));
        customer.AddTag("secret-vip");

        // Walk the lifecycle table: each step picks one allowed target.
        var at = created;
        foreach (var step in steps)
        {
            var targets = LifecycleRules.AllowedTargets(customer.Stage);
            at += NodaTime.Duration.FromDays(step);
            customer.MoveTo(targets[step % targets.Count], at, "generated");
        }

        return customer;
    }
}
