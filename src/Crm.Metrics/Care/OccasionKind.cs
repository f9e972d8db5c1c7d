namespace Crm.Metrics.Care;

/// <summary>What an occasion of the care calendar is.</summary>
public enum OccasionKind
{
    /// <summary>A person's birthday.</summary>
    Birthday,

    /// <summary>An organisation's founding anniversary.</summary>
    FoundingAnniversary,

    /// <summary>A custom date of the customer (an anniversary of the caller's choosing).</summary>
    Custom,

    /// <summary>A holiday from the caller's list.</summary>
    Holiday,
}
