namespace Crm.Domain.Activity;

/// <summary>Whether a purchase record is a sale or a refund.</summary>
public enum PurchaseKind
{
    /// <summary>A sale: money received from the customer.</summary>
    Sale = 0,

    /// <summary>A refund: money returned to the customer.</summary>
    Refund = 1,
}
