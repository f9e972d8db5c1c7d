namespace Crm.Domain.Customers;

/// <summary>Priority of a customer need (urgent-and-important … can wait).</summary>
public enum NeedPriority
{
    /// <summary>Urgent and important: act now.</summary>
    UrgentImportant = 0,

    /// <summary>Important but not urgent: plan it.</summary>
    Important = 1,

    /// <summary>Urgent but not important: handle quickly, delegate.</summary>
    Urgent = 2,

    /// <summary>Neither urgent nor important: it can wait.</summary>
    CanWait = 3,
}
