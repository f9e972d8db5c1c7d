namespace Crm.Domain.Customers;

/// <summary>Size band of an organisation.</summary>
public enum OrganisationSize
{
    /// <summary>A large enterprise.</summary>
    Large = 0,

    /// <summary>A small or medium enterprise.</summary>
    SmallMedium = 1,

    /// <summary>A sole proprietor or individual business.</summary>
    Individual = 2,
}
