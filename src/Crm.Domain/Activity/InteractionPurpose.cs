namespace Crm.Domain.Activity;

/// <summary>Why an interaction happened.</summary>
public enum InteractionPurpose
{
    /// <summary>A question or request for information.</summary>
    Inquiry = 0,

    /// <summary>Selling.</summary>
    Sales = 1,

    /// <summary>Support or after-sales service.</summary>
    Support = 2,

    /// <summary>Care: a greeting or gift on a special day (关怀).</summary>
    Care = 3,

    /// <summary>A follow-up visit or call (回访).</summary>
    FollowUpVisit = 4,

    /// <summary>A complaint.</summary>
    Complaint = 5,
}
