namespace Crm.Domain.Customers;

/// <summary>Where a customer need stands.</summary>
public enum NeedStatus
{
    /// <summary>Recorded, nothing done yet.</summary>
    Open = 0,

    /// <summary>Being worked on.</summary>
    InProgress = 1,

    /// <summary>Met.</summary>
    Met = 2,

    /// <summary>Dropped (no longer relevant or declined).</summary>
    Dropped = 3,
}
