namespace Crm.Domain.Customers;

/// <summary>The stage of a customer in its lifecycle (客户生命周期, SPEC §3).</summary>
/// <remarks>The transitions allowed between stages are <see cref="LifecycleRules"/>.</remarks>
public enum LifecycleStage
{
    /// <summary>A potential customer (潜在客户) who has not bought yet.</summary>
    Prospect = 0,

    /// <summary>A new customer in the introduction stage (引入).</summary>
    New = 1,

    /// <summary>A customer whose relationship is growing (成长).</summary>
    Growing = 2,

    /// <summary>A mature, established customer (成熟).</summary>
    Mature = 3,

    /// <summary>A customer in decline, flagged by churn warning (衰退/流失预警).</summary>
    AtRisk = 4,

    /// <summary>A customer who has left (流失).</summary>
    Churned = 5,

    /// <summary>A churned customer won back (挽回).</summary>
    Reactivated = 6,
}
