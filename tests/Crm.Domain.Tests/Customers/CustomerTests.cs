using System.Collections;
using System.Reflection;
using Crm.Domain.Customers;
using Crm.Testing;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Customers;

[Properties(Arbitrary = new[] { typeof(CrmArbitraries) })]
public class CustomerTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 9, 0);

    [Property]
    public void Erasure_leaves_no_personal_data_in_any_property_or_ToString(Customer customer)
    {
        var personal = PersonalStrings(customer).ToList();
        Assert.NotEmpty(personal);
        var id = customer.Id;
        var history = customer.LifecycleHistory.ToList();
        var acquired = customer.AcquiredAt;

        customer.Erase(T0);

        var rendered = Render(customer, depth: 0);
        foreach (var secret in personal)
        {
            Assert.DoesNotContain(secret, rendered, StringComparison.Ordinal);
        }

        Assert.Null(customer.Person);
        Assert.Null(customer.Organisation);
        Assert.Empty(customer.ContactPoints);
        Assert.Empty(customer.ImportantDates);
        Assert.Empty(customer.Needs);
        Assert.Empty(customer.Tags);
        Assert.True(customer.Preferences.IsEmpty);
        Assert.Equal(id, customer.Id);
        Assert.Equal(history.Select(t => (t.From, t.To, t.At)), customer.LifecycleHistory.Select(t => (t.From, t.To, t.At)));
        Assert.All(customer.LifecycleHistory, t => Assert.Equal(Customer.ErasedReason, t.Reason));
        Assert.Equal(acquired, customer.AcquiredAt);
        Assert.Equal(T0, customer.ErasedAt);
    }

    [Property]
    public void ToString_never_shows_personal_data(Customer customer)
    {
        var shown = customer + string.Join("|", customer.ContactPoints) + customer.Person + customer.Organisation
            + string.Join("|", customer.ImportantDates) + string.Join("|", customer.Needs) + customer.Preferences;
        foreach (var secret in PersonalStrings(customer))
        {
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        }

        Assert.Contains(customer.Id.Value, customer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_erased_customer_keeps_metrics_data_and_refuses_new_personal_data()
    {
        var customer = Customer.CreatePerson(new CustomerId("c9"), new PersonProfile("Ada Lovelace", Gender.Female, new LocalDate(1990, 12, 10)), T0, LifecycleStage.New);
        customer.SetHomeTimeZone("Europe/London");
        customer.SetLocation("GB", "London");
        customer.Erase(T0 + Duration.FromDays(10));

        Assert.Equal("Europe/London", customer.HomeTimeZone!.Id);
        Assert.Equal("GB", customer.CountryCode);
        Assert.Equal("Customer c9 (Person, New, erased)", customer.ToString());
        var ex = Assert.Throws<DomainException>(() => customer.AddContactPoint(new ContactPoint(ContactPointKind.Email, "ada@example.test")));
        Assert.Contains("erased", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => customer.UpdateProfile(new PersonProfile("Ada")));
        Assert.Throws<DomainException>(() => customer.AddTag("vip"));

        // Lifecycle still moves: metrics keep working on erased customers.
        customer.MoveTo(LifecycleStage.Churned, T0 + Duration.FromDays(20), "no purchase in 365 days");
        Assert.Equal(LifecycleStage.Churned, customer.Stage);

        // Erasing again is harmless and keeps the first instant.
        customer.Erase(T0 + Duration.FromDays(30));
        Assert.Equal(T0 + Duration.FromDays(10), customer.ErasedAt);
    }

    [Fact]
    public void Consent_is_per_contact_point_and_moves_forward_in_time()
    {
        var customer = Customer.CreatePerson(new CustomerId("c1"), new PersonProfile("Wei"), T0);
        customer.AddContactPoint(new ContactPoint(ContactPointKind.Email, "wei@example.test"));
        customer.AddContactPoint(new ContactPoint(ContactPointKind.Phone, "+86 10 1234 5678"));

        Assert.False(customer.HasMarketingConsent(ContactPointKind.Email)); // never asked = no consent

        customer.GrantMarketingConsent(ContactPointKind.Email, "wei@example.test", T0 + Duration.FromDays(1));
        Assert.True(customer.HasMarketingConsent(ContactPointKind.Email));
        Assert.False(customer.HasMarketingConsent(ContactPointKind.Phone));

        customer.WithdrawMarketingConsent(ContactPointKind.Email, "wei@example.test", T0 + Duration.FromDays(5));
        Assert.False(customer.HasMarketingConsent(ContactPointKind.Email));
        Assert.Equal(new MarketingConsent(ConsentStatus.Withdrawn, T0 + Duration.FromDays(5)), customer.ContactPoints[0].Consent);

        Assert.Throws<DomainException>(() => customer.GrantMarketingConsent(ContactPointKind.Email, "wei@example.test", T0 + Duration.FromDays(2)));
        Assert.Throws<DomainException>(() => customer.GrantMarketingConsent(ContactPointKind.Messaging, "x", T0));
        Assert.Throws<DomainException>(() => customer.AddContactPoint(new ContactPoint(ContactPointKind.Email, "wei@example.test")));
    }

    [Fact]
    public void Important_dates_come_from_the_profile_and_the_custom_list()
    {
        var person = Customer.CreatePerson(new CustomerId("p"), new PersonProfile("Mei", birthDate: new LocalDate(1992, 2, 29)), T0);
        person.AddCustomDate("wedding anniversary", new LocalDate(2018, 6, 9));
        Assert.Equal(
            [new ImportantDate(ImportantDateKind.Birthday, new LocalDate(1992, 2, 29)), new ImportantDate(ImportantDateKind.Custom, new LocalDate(2018, 6, 9), "wedding anniversary")],
            person.ImportantDates);

        var company = Customer.CreateOrganisation(new CustomerId("o"), new OrganisationProfile("ACME GmbH", foundedOn: new LocalDate(1999, 4, 1)), T0);
        Assert.Equal([new ImportantDate(ImportantDateKind.FoundingAnniversary, new LocalDate(1999, 4, 1))], company.ImportantDates);
    }

    [Fact]
    public void Profiles_match_the_customer_kind()
    {
        var company = Customer.CreateOrganisation(new CustomerId("o"), new OrganisationProfile("ACME GmbH"), T0);
        Assert.Throws<DomainException>(() => company.UpdateProfile(new PersonProfile("Ada")));
        company.UpdateProfile(new OrganisationProfile("ACME AG", "manufacturing", OrganisationSize.Large));
        Assert.Equal("ACME AG", company.Organisation!.LegalName);
        Assert.Equal(CustomerKind.Organisation, company.Kind);
    }

    [Fact]
    public void Needs_are_replaced_to_change_their_status()
    {
        var customer = Customer.CreatePerson(new CustomerId("c"), new PersonProfile("Ivan"), T0);
        var need = new CustomerNeed("faster delivery", NeedPriority.Important);
        customer.AddNeed(need);
        customer.ReplaceNeed(need, need.WithStatus(NeedStatus.Met));
        Assert.Equal(NeedStatus.Met, Assert.Single(customer.Needs).Status);
        Assert.Throws<DomainException>(() => customer.ReplaceNeed(need, need));
    }

    [Fact]
    public void Tags_are_ordinal_and_unique()
    {
        var customer = Customer.CreatePerson(new CustomerId("c"), new PersonProfile("Ivan"), T0);
        Assert.True(customer.AddTag("vip"));
        Assert.False(customer.AddTag("vip"));
        Assert.True(customer.AddTag("VIP"));
        Assert.Equal(["VIP", "vip"], customer.Tags);
    }

    [Fact]
    public void Home_time_zone_is_resolved_from_its_IANA_id()
    {
        var customer = Customer.CreatePerson(new CustomerId("c"), new PersonProfile("Ivan"), T0);
        customer.SetHomeTimeZone("Asia/Shanghai");
        Assert.Equal(DateTimeZoneProviders.Tzdb["Asia/Shanghai"], customer.HomeTimeZone);
        var ex = Assert.Throws<ArgumentException>(() => customer.SetHomeTimeZone("Mars/Olympus_Mons"));
        Assert.Equal("ianaId", ex.ParamName);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("DEU")]
    [InlineData("D1")]
    public void Country_codes_are_two_upper_case_letters(string code)
    {
        var customer = Customer.CreatePerson(new CustomerId("c"), new PersonProfile("Ivan"), T0);
        Assert.Equal("countryCode", Assert.Throws<ArgumentException>(() => customer.SetLocation(code)).ParamName);
    }

    [Fact]
    public void Constructors_name_the_bad_parameter()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new PersonProfile(" ")).ParamName);
        Assert.Equal("gender", Assert.Throws<ArgumentOutOfRangeException>(() => new PersonProfile("A", (Gender)9)).ParamName);
        Assert.Equal("birthDate", Assert.Throws<ArgumentException>(() => new PersonProfile("A", null, new LocalDate(2000, 1, 1, CalendarSystem.Julian))).ParamName);
        Assert.Equal("legalName", Assert.Throws<ArgumentException>(() => new OrganisationProfile("")).ParamName);
        Assert.Equal("registeredCapital", Assert.Throws<ArgumentOutOfRangeException>(() => new OrganisationProfile("A", registeredCapital: new Money(-1m, Currency.Cny))).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new ContactPoint(ContactPointKind.Email, "not-an-email")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new ContactPoint(ContactPointKind.Email, "a@b@c")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new ContactPoint(ContactPointKind.Phone, "call me")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new ContactPoint(ContactPointKind.Phone, "+1")).ParamName);
        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => new ContactPoint((ContactPointKind)99, "x")).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentNullException>(() => new ImportantDate(ImportantDateKind.Custom, new LocalDate(2000, 1, 1))).ParamName);
        Assert.Equal("description", Assert.Throws<ArgumentException>(() => new CustomerNeed("", NeedPriority.CanWait)).ParamName);
        Assert.Equal("productCategories", Assert.Throws<ArgumentException>(() => new CustomerPreferences(["books", "books"])).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentException>(() => new LifecycleTransition(null, LifecycleStage.New, T0, " ")).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => Customer.CreatePerson(default, new PersonProfile("A"), T0)).ParamName);
        Assert.Equal("profile", Assert.Throws<ArgumentNullException>(() => Customer.CreatePerson(new CustomerId("c"), null!, T0)).ParamName);
    }

    // Every piece of personal data a generated customer holds (the generators mark them "Secret"/"secret" or use e-mail and phone shapes).
    private static IEnumerable<string> PersonalStrings(Customer customer)
    {
        if (customer.Person is { } p)
        {
            yield return p.Name;
        }

        if (customer.Organisation is { } o)
        {
            yield return o.LegalName;
            yield return o.BusinessScope!;
        }

        foreach (var c in customer.ContactPoints)
        {
            yield return c.Value;
        }

        foreach (var d in customer.ImportantDates.Where(d => d.Label is not null))
        {
            yield return d.Label!;
        }

        foreach (var n in customer.Needs)
        {
            yield return n.Description;
        }

        foreach (var t in customer.Tags)
        {
            yield return t;
        }
    }

    // Renders every public property value, recursively into collections and records, plus ToString.
    private static string Render(object? value, int depth)
    {
        if (value is null || depth > 4)
        {
            return string.Empty;
        }

        var parts = new List<string> { value.ToString() ?? string.Empty };
        if (value is string || value.GetType().IsPrimitive || value is Instant || value is LocalDate || value is DateTimeZone)
        {
            return parts[0];
        }

        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                parts.Add(Render(item, depth + 1));
            }
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                parts.Add(Render(property.GetValue(value), depth + 1));
            }
        }

        return string.Join("|", parts);
    }

    [Fact]
    public void Messages_describe_a_bad_personal_value_without_echoing_it()
    {
        var padded = Assert.Throws<ArgumentException>("name", () => new PersonProfile(" Ada Lovelace"));
        Assert.DoesNotContain("Ada", padded.Message, StringComparison.Ordinal);
        Assert.Contains("13 characters, leading white space", padded.Message, StringComparison.Ordinal);

        var email = Assert.Throws<ArgumentException>("value", () => new ContactPoint(ContactPointKind.Email, "ada.lovelace.example"));
        Assert.DoesNotContain("lovelace", email.Message, StringComparison.Ordinal);

        var customer = Customer.CreatePerson(new CustomerId("c1"), new PersonProfile("Ada"), T0);
        var zone = Assert.Throws<ArgumentException>("ianaId", () => customer.SetHomeTimeZone("Ada Lovelace's zone"));
        Assert.DoesNotContain("Ada", zone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Erasure_clears_the_free_text_reasons_of_the_lifecycle()
    {
        var customer = Customer.CreatePerson(new CustomerId("c1"), new PersonProfile("Ada Lovelace"), T0, reason: "met Ada Lovelace at the fair");
        customer.MoveTo(LifecycleStage.New, T0 + Duration.FromDays(1), "first order after Ada's call");
        customer.Erase(T0 + Duration.FromDays(2));

        Assert.Equal([LifecycleStage.Prospect, LifecycleStage.New], customer.LifecycleHistory.Select(t => t.To));
        Assert.All(customer.LifecycleHistory, t => Assert.DoesNotContain("Ada", t.Reason, StringComparison.Ordinal));
    }
}
