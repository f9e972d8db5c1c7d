using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Metrics.Results;

namespace Crm.Metrics.Experience;

/// <summary>One component of the customer-experience index: its score on 0–100, or why it is missing.</summary>
public sealed class ExperienceComponent
{
    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
    internal ExperienceComponent(string name, double weight, MetricValue<double> score)
    {
        Name = ReadBack.Present(name, nameof(name));
        Weight = double.IsFinite(weight) && weight >= 0 ? weight : throw new ArgumentOutOfRangeException(nameof(weight), weight, "A component weight is finite and not negative.");
        Score = score;
    }

    /// <summary>"CSAT", "CES" or "Complaints".</summary>
    public string Name { get; }

    /// <summary>The configured weight.</summary>
    public double Weight { get; }

    /// <summary>The normalised score 0–100 (100 = best), or undefined with the reason.</summary>
    public MetricValue<double> Score { get; }
}
