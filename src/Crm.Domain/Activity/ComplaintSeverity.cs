namespace Crm.Domain.Activity;

/// <summary>How serious a complaint is.</summary>
public enum ComplaintSeverity
{
    /// <summary>Low.</summary>
    Low = 0,

    /// <summary>Normal.</summary>
    Normal = 1,

    /// <summary>High.</summary>
    High = 2,

    /// <summary>Critical.</summary>
    Critical = 3,
}
