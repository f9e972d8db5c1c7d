namespace Crm.Domain.Customers;

/// <summary>The state of a marketing consent on one contact point.</summary>
public enum ConsentStatus
{
    /// <summary>The customer agreed to marketing on this contact point.</summary>
    Granted = 0,

    /// <summary>The customer withdrew (or refused) marketing on this contact point.</summary>
    Withdrawn = 1,
}
