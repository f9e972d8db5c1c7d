namespace Crm.Metrics.Churn;

/// <summary>A reason the churn warning fired, kept packed: its level and the facts its code and text are made of.</summary>
internal readonly record struct FiredReason(ReasonFacts Facts, ChurnRiskLevel Level);
