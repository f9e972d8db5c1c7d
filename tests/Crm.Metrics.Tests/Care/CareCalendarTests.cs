using Crm.Domain.Customers;
using Crm.Metrics.Care;
using Crm.Testing;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Care;

/// <summary>The care calendar: across a DST change and leap years, in the customer's zone, with consent.</summary>
public class CareCalendarTests
{
    private static readonly Instant Created = Instant.FromUtc(2020, 1, 1, 0, 0);

    private static Customer Person(string id, LocalDate birth, string? zone, ContactPointKind? consented, ContactPointKind? preferred = null)
    {
        var customer = Customer.CreatePerson(new CustomerId(id), new PersonProfile($"Person {id}", birthDate: birth), Created);
        if (zone is not null)
        {
            customer.SetHomeTimeZone(zone);
        }

        customer.AddContactPoint(new ContactPoint(ContactPointKind.Email, $"{id}@example.org"));
        customer.AddContactPoint(new ContactPoint(ContactPointKind.Phone, "+49 30 1234567"));
        if (consented is { } kind)
        {
            customer.GrantMarketingConsent(kind, kind == ContactPointKind.Email ? $"{id}@example.org" : "+49 30 1234567", Created);
        }

        if (preferred is { } p)
        {
            customer.SetPreferences(new CustomerPreferences([], p));
        }

        return customer;
    }

    [Fact]
    public void Occasions_fall_on_local_dates_across_DST_and_leap_years()
    {
        Customer[] customers =
        [
            // Berlin switches to summer time on 2026-03-29: that day starts at 23:00 UTC the day before.
            Person("berlin", new LocalDate(1990, 3, 29), "Europe/Berlin", ContactPointKind.Phone, preferred: ContactPointKind.Email),

            // Born on 29 February: 28 February in 2027 (no leap day), 29 February in 2028.
            Person("leap", new LocalDate(2000, 2, 29), "Asia/Shanghai", ContactPointKind.Email),

            // No consent on any channel: listed, not contactable.
            Person("silent", new LocalDate(1985, 3, 1), null, null),
        ];
        Holiday[] holidays = [new(new LocalDate(2027, 2, 6), "Spring Festival")];

        var occasions = CareCalendar.For(customers, new DateInterval(new LocalDate(2026, 3, 1), new LocalDate(2028, 3, 1)), holidays);
        var lines = occasions.Select(o => $"{o.CustomerId} {o.Date:uuuu-MM-dd} {o.Name} {o.Years?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {o.Channel?.ToString() ?? "not contactable"}").ToList();

        Assert.Equal(
        [
            "silent 2026-03-01 Birthday 41 not contactable",
            "berlin 2026-03-29 Birthday 36 Phone", // preferred e-mail has no consent: the consented phone
            "berlin 2027-02-06 Spring Festival - Phone",
            "leap 2027-02-06 Spring Festival - Email",
            "silent 2027-02-06 Spring Festival - not contactable",
            "leap 2027-02-28 Birthday 27 Email",
            "silent 2027-03-01 Birthday 42 not contactable",
            "berlin 2027-03-29 Birthday 37 Phone",
            "leap 2028-02-29 Birthday 28 Email",
            "silent 2028-03-01 Birthday 43 not contactable",
        ],
        lines);

        // Midnight in Berlin on the DST day is 23:00 UTC on the 28th; in Shanghai, 16:00 UTC the day before.
        Assert.Equal(Instant.FromUtc(2026, 3, 28, 23, 0), occasions.First(o => o.CustomerId.Value == "berlin").StartsAt);
        Assert.Equal(Instant.FromUtc(2027, 2, 27, 16, 0), occasions.Single(o => o.CustomerId.Value == "leap" && o.Kind == OccasionKind.Birthday && o.Date.Year == 2027).StartsAt);

        // The other leap-day rule.
        Assert.Equal(new LocalDate(2027, 3, 1), CareCalendar.InYear(new LocalDate(2000, 2, 29), 2027, LeapDayRule.March1));
    }

    [Fact]
    public void Erased_customers_have_no_occasions()
    {
        var customer = Person("gone", new LocalDate(1990, 5, 5), null, ContactPointKind.Email);
        customer.Erase(Created + Duration.FromDays(1));

        Assert.Empty(CareCalendar.For([customer], new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)), [new(new LocalDate(2026, 5, 1), "Labour Day")]));
        Assert.Throws<ArgumentException>("customers", () => CareCalendar.For([customer, customer], new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31))));
    }

    [Property(Arbitrary = [typeof(CrmArbitraries)], MaxTest = 200)]
    public void The_calendar_never_uses_a_channel_without_consent(Customer[] generated)
    {
        var customers = generated.DistinctBy(c => c.Id).ToArray(); // one record per customer, as a CRM holds them
        var occasions = CareCalendar.For(customers, new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)), [new(new LocalDate(2026, 6, 1), "Summer")]);
        var byId = customers.ToDictionary(c => c.Id);

        Assert.All(occasions, o => Assert.True(o.Channel is not { } channel || byId[o.CustomerId].HasMarketingConsent(channel), $"{o.CustomerId} on {o.Channel}"));

        // Every non-erased customer gets the holiday, contactable or not: nobody is dropped.
        Assert.Equal(customers.Count(c => !c.IsErased), occasions.Where(o => o.Kind == OccasionKind.Holiday).Select(o => o.CustomerId).Distinct().Count());
    }
}
