namespace Crm.Domain.Customers;

/// <summary>What an important date of a customer is.</summary>
public enum ImportantDateKind
{
    /// <summary>A person's birthday (from <see cref="PersonProfile.BirthDate"/>).</summary>
    Birthday = 0,

    /// <summary>An organisation's founding anniversary (from <see cref="OrganisationProfile.FoundedOn"/>).</summary>
    FoundingAnniversary = 1,

    /// <summary>A date the caller recorded (a wedding anniversary, the first purchase, a contract date …).</summary>
    Custom = 2,
}
