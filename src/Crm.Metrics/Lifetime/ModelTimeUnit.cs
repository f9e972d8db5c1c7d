namespace Crm.Metrics.Lifetime;

/// <summary>The time unit a customer-base model is fitted and read in.</summary>
/// <remarks>
/// Only units of fixed length exist: a month or a year has no fixed number of days, so a horizon "in months" is
/// stated as days (for example 30 or 365.25 / 12) or weeks. This is what keeps a weekly model from being read as
/// a monthly one by accident.
/// </remarks>
public enum ModelTimeUnit
{
    /// <summary>One day (of local dates in the summary's time zone).</summary>
    Days,

    /// <summary>Seven days. The unit of the published BG/NBD, Pareto/NBD and Gamma-Gamma values.</summary>
    Weeks,
}
