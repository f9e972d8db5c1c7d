namespace Crm.Domain.Customers;

/// <summary>Whether a customer is an individual (个人客户) or an organisation (企业客户).</summary>
public enum CustomerKind
{
    /// <summary>An individual person.</summary>
    Person = 0,

    /// <summary>A company or other organisation.</summary>
    Organisation = 1,
}
