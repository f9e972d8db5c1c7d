namespace Crm.Metrics.CustomerValue;

/// <summary>How a customer's lifetime value is taken for LTV:CAC.</summary>
public enum ValueBasisKind
{
    /// <summary>A lifetime value the caller supplies (from its own model, or from the customer-base models).</summary>
    Given = 0,

    /// <summary>The simple predictive CLV m · r / (1 + d − r) from the period's margin per customer and retention.</summary>
    SimpleClv = 1,

    /// <summary>The customer-base models' predicted CLV of a customer just acquired, over a finite horizon, discounted.</summary>
    PredictedClv = 2,
}
