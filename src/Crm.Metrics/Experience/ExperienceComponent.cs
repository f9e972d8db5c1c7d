using Crm.Metrics.Results;

namespace Crm.Metrics.Experience;

/// <summary>One component of the customer-experience index: its score on 0–100, or why it is missing.</summary>
public sealed class ExperienceComponent
{
    internal ExperienceComponent(string name, double weight, MetricValue<double> score)
    {
        Name = name;
        Weight = weight;
        Score = score;
    }

    /// <summary>"CSAT", "CES" or "Complaints".</summary>
    public string Name { get; }

    /// <summary>The configured weight.</summary>
    public double Weight { get; }

    /// <summary>The normalised score 0–100 (100 = best), or undefined with the reason.</summary>
    public MetricValue<double> Score { get; }
}
