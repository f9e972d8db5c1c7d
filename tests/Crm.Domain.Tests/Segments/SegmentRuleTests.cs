using Crm.Domain.Customers;
using Crm.Domain.Segments;
using Crm.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Segments;

/// <summary>Segment rules: a hand-checked segment and the laws of boolean algebra on generated customers.</summary>
public class SegmentRuleTests
{
    private static readonly Instant Created = Instant.FromUtc(2025, 1, 1, 0, 0);

    [Fact]
    public void A_segment_over_attributes_and_facts()
    {
        var shop = Customer.CreateOrganisation(new CustomerId("shop"), new OrganisationProfile("Corner Shop Ltd", industry: "Retail", size: OrganisationSize.SmallMedium), Created);
        shop.SetLocation("CN", "Shanghai");
        shop.AddTag("wholesale");
        var person = Customer.CreatePerson(new CustomerId("ann"), new PersonProfile("Ann Example"), Created);
        person.SetLocation("CN", "Beijing");

        // Organisations in Shanghai with a recent purchase, or anyone in value tier A.
        var rule = (SegmentRule.KindIs(CustomerKind.Organisation) & SegmentRule.LocatedIn("cn", "shanghai") & SegmentRule.RecencyAtMost(30))
            | SegmentRule.ValueTierIs("A");
        var segment = new Segment("Key accounts", rule);

        Assert.True(segment.Contains(shop, new CustomerFacts { RecencyDays = 12 }));
        Assert.False(segment.Contains(shop, new CustomerFacts { RecencyDays = 45 }));
        Assert.False(segment.Contains(shop)); // no facts: the recency rule does not match
        Assert.True(segment.Contains(person, new CustomerFacts { ValueTier = "a" }));
        Assert.Equal("(((kind = Organisation and country = cn, region = shanghai) and recency <= 30 days) or tier = A)", rule.ToString());

        var memberships = Segment.Memberships([segment, new Segment("Tagged", SegmentRule.HasTag("wholesale"))], [(shop, new CustomerFacts { RecencyDays = 3 }), (person, null)]);
        Assert.Equal(["shop"], memberships["Key accounts"].Select(id => id.Value));
        Assert.Equal(["shop"], memberships["Tagged"].Select(id => id.Value));

        var groupOf = Segment.FirstMatch([segment], [(shop, new CustomerFacts { RecencyDays = 3 }), (person, null)]);
        Assert.Equal(("Key accounts", "Other", "Other"), (groupOf(shop.Id), groupOf(person.Id), groupOf(new CustomerId("unknown"))));
        Assert.Throws<ArgumentException>("segments", () => Segment.Memberships([segment, segment], []));
    }

    /// <summary>Atomic rules to combine, over attributes and facts.</summary>
    private static readonly SegmentRule[] Atoms =
    [
        SegmentRule.KindIs(CustomerKind.Person),
        SegmentRule.StageIs(LifecycleStage.Growing),
        SegmentRule.ConsentedTo(ContactPointKind.Email),
        SegmentRule.RecencyAtMost(30),
        SegmentRule.FrequencyAtLeast(3),
        SegmentRule.ValueTierIs("A"),
        SegmentRule.LocatedIn("DE"),
    ];

    /// <summary>A customer, facts (sometimes none) and three atomic rules.</summary>
    public static Arbitrary<(Customer Customer, CustomerFacts? Facts, SegmentRule A, SegmentRule B, SegmentRule C)> Cases()
    {
        var facts =
            from has in Gen.Elements(true, false)
            from recency in Gen.Choose(0, 90)
            from frequency in Gen.Choose(1, 6)
            from tier in Gen.Elements("A", "B", "C")
            select has ? new CustomerFacts { RecencyDays = recency, Frequency = frequency, ValueTier = tier } : null;
        var gen =
            from customer in CrmGen.Customer
            from f in facts
            from a in Gen.Elements(Atoms)
            from b in Gen.Elements(Atoms)
            from c in Gen.Elements(Atoms)
            select (customer, f, a, b, c);
        return gen.ToArbitrary();
    }

    [Property(Arbitrary = [typeof(SegmentRuleTests)], MaxTest = 300)]
    public void Rules_obey_boolean_algebra((Customer Customer, CustomerFacts? Facts, SegmentRule A, SegmentRule B, SegmentRule C) x)
    {
        bool M(SegmentRule rule) => rule.Matches(x.Customer, x.Facts);
        var (a, b, c) = (x.A, x.B, x.C);

        Assert.Equal(M(!(a & b)), M(!a | !b)); // De Morgan
        Assert.Equal(M(!(a | b)), M(!a & !b));
        Assert.Equal(M(a), M(a | (a & b))); // absorption
        Assert.Equal(M(a), M(a & (a | b)));
        Assert.Equal(M(a), M(!!a)); // double negation
        Assert.Equal(M(a & (b | c)), M((a & b) | (a & c))); // distribution
        Assert.False(M(a & !a));
        Assert.True(M(a | !a));
    }
}
