namespace Crm.Domain.Activity;

/// <summary>What a CRM cost is for.</summary>
public enum CostKind
{
    /// <summary>Acquiring customers (获取成本): advertising, promotion, sales staff.</summary>
    Acquisition = 0,

    /// <summary>Keeping customers (维系成本): service, after-sales, loyalty.</summary>
    Retention = 1,

    /// <summary>Other CRM costs, such as training or CRM software.</summary>
    Other = 2,
}
