namespace Crm.Metrics.Churn;

/// <summary>How likely a customer is to be lost, from the churn early warning.</summary>
public enum ChurnRiskLevel
{
    /// <summary>No warning signal fired.</summary>
    Low,

    /// <summary>At least one warning signal fired.</summary>
    Medium,

    /// <summary>A strong signal fired, or two or more warning signals together.</summary>
    High,
}
