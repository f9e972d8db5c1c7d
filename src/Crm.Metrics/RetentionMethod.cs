namespace Crm.Metrics;

/// <summary>How the retention rate is computed.</summary>
public enum RetentionMethod
{
    /// <summary>
    /// Cohort form (the default): of the customers with a sale in the activity window before the period, the
    /// share with a sale in the period. Bounded 0..1.
    /// </summary>
    Cohort = 0,

    /// <summary>
    /// The classic customer retention rate (E − N) / S: E customers active in the period, N of them acquired in
    /// it, S customers at the start. Customers returning from before the window count in E − N, so the value can
    /// exceed 1 (and churn fall below 0); it also understates retention when new customers leave inside the period.
    /// </summary>
    Classic = 1,
}
