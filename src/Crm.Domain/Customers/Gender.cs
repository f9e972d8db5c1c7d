namespace Crm.Domain.Customers;

/// <summary>A person's gender, when the customer chose to state it (the profile holds <c>null</c> otherwise).</summary>
public enum Gender
{
    /// <summary>Female.</summary>
    Female = 0,

    /// <summary>Male.</summary>
    Male = 1,

    /// <summary>Another gender identity.</summary>
    Other = 2,
}
