using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Domain.Customers;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Testing;

/// <summary>
/// Arbitraries for the domain types, for <c>[Properties(Arbitrary = new[] { typeof(CrmArbitraries) })]</c>.
/// Every type whose constructor validates has one here, so FsCheck never feeds a constructor garbage.
/// </summary>
public static class CrmArbitraries
{
    /// <summary>Customer ids.</summary>
    public static Arbitrary<CustomerId> CustomerId() => CrmGen.CustomerId.ToArbitrary();

    /// <summary>Lead ids.</summary>
    public static Arbitrary<LeadId> LeadId() => CrmGen.LeadId.ToArbitrary();

    /// <summary>Complaint ids.</summary>
    public static Arbitrary<ComplaintId> ComplaintId() => CrmGen.ComplaintId.ToArbitrary();

    /// <summary>Currencies.</summary>
    public static Arbitrary<Currency> Currency() => CrmGen.Currency.ToArbitrary();

    /// <summary>Money.</summary>
    public static Arbitrary<Money> Money() => CrmGen.Money.ToArbitrary();

    /// <summary>Instants.</summary>
    public static Arbitrary<Instant> Instant() => CrmGen.Instant.ToArbitrary();

    /// <summary>Local dates.</summary>
    public static Arbitrary<LocalDate> LocalDate() => CrmGen.LocalDate.ToArbitrary();

    /// <summary>Person profiles.</summary>
    public static Arbitrary<PersonProfile> PersonProfile() => CrmGen.PersonProfile.ToArbitrary();

    /// <summary>Organisation profiles.</summary>
    public static Arbitrary<OrganisationProfile> OrganisationProfile() => CrmGen.OrganisationProfile.ToArbitrary();

    /// <summary>Contact points.</summary>
    public static Arbitrary<ContactPoint> ContactPoint() => CrmGen.ContactPoint.ToArbitrary();

    /// <summary>Customers.</summary>
    public static Arbitrary<Customer> Customer() => CrmGen.Customer.ToArbitrary();

    /// <summary>Purchases.</summary>
    public static Arbitrary<Purchase> Purchase() => CrmGen.Purchase.ToArbitrary();

    /// <summary>Interactions.</summary>
    public static Arbitrary<Interaction> Interaction() => CrmGen.Interaction.ToArbitrary();

    /// <summary>Survey responses.</summary>
    public static Arbitrary<SurveyResponse> SurveyResponse() => CrmGen.SurveyResponse.ToArbitrary();

    /// <summary>Complaints.</summary>
    public static Arbitrary<Complaint> Complaint() => CrmGen.Complaint.ToArbitrary();

    /// <summary>Feedback.</summary>
    public static Arbitrary<Feedback> Feedback() => CrmGen.Feedback.ToArbitrary();

    /// <summary>Cost entries.</summary>
    public static Arbitrary<CostEntry> CostEntry() => CrmGen.CostEntry.ToArbitrary();

    /// <summary>Leads.</summary>
    public static Arbitrary<Lead> Lead() => CrmGen.Lead.ToArbitrary();

    /// <summary>Loyalty programme memberships.</summary>
    public static Arbitrary<Crm.Domain.LoyaltyProgrammes.Membership> Membership() => CrmGen.Membership.ToArbitrary();

    /// <summary>Points entries.</summary>
    public static Arbitrary<Crm.Domain.LoyaltyProgrammes.PointsEntry> PointsEntry() => CrmGen.PointsEntry.ToArbitrary();
}
