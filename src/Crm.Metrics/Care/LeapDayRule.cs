namespace Crm.Metrics.Care;

/// <summary>Where the anniversary of 29 February falls in a year that has none.</summary>
public enum LeapDayRule
{
    /// <summary>On 28 February (the default: still in February, never late).</summary>
    February28,

    /// <summary>On 1 March (the day after 28 February).</summary>
    March1,
}
