namespace Crm.Metrics.Lifetime.Summaries;

/// <summary>One customer's calibration summary in model time units: repeat purchases x, recency t_x, age T.</summary>
internal readonly record struct RepeatSummary(int X, double Tx, double T);
